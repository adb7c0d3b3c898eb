package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Reads a run's journal and histogram log, and repairs exactly what a crash can leave behind, nothing else.
 *
 * <p>What a crash (kill -9, power cut after the data was forced) can leave, given how {@link RunStore#append}
 * writes — the histogram line first, forced, then the journal line, forced:
 * <ul>
 *   <li>an unterminated last line in either file that is the beginning of a line as written (a write cut short):
 *       dropped; its trial runs again on resume;</li>
 *   <li>a complete last line without its newline: kept, the newline added;</li>
 *   <li>the last histogram without a journal line (cut short between the two appends): dropped;</li>
 *   <li>a histogram log that is missing or empty while the journal records no OK trial (a run created by an
 *       older version, killed while creating its files): a new header.</li>
 * </ul>
 * Everything else is refused as {@link ScalebenchException#badInput} (exit 2) naming the file and line and what
 * to do, and nothing is written: a complete line that does not decode (even the last one), text that is not the
 * beginning of a line as written, NUL bytes, blank lines, a trial recorded twice, a histogram for a failed or
 * unrecorded trial other than the last, an OK trial without its histogram, a missing histogram log while the
 * journal records OK trials, a foreign schema.
 *
 * <p>The repair is computed in memory; {@link RunStore#open} writes it back under the run's lock,
 * {@link RunReader} never writes.
 */
final class RunFiles {

    static final String JOURNAL = "trials.jsonl";
    static final String HLOG = "histograms.hlog";

    private RunFiles() {
    }

    /**
     * A run as read.
     *
     * @param journalRepaired the repaired journal's bytes, or null when the file needs no change
     * @param hlogRepaired the repaired histogram log's bytes, or null when the file needs no change
     * @param journalLines each kept trial's journal line as stored, by trial id
     * @param hlogLines each kept histogram's log line as stored, by trial id (with the lines of its further
     *     histograms, joined by newlines)
     * @param series the further histograms of the OK trials that have them (a generate trial's {@code ttft},
     *     {@code tpot}, {@code itl}), by trial id, then series name
     */
    record Loaded(RunManifest manifest, List<TrialResult> trials, Map<String, Histogram> histograms,
            List<String> warnings, byte[] journalRepaired, byte[] hlogRepaired, Map<String, String> journalLines,
            Map<String, String> hlogLines, Map<String, Map<String, Histogram>> series) { }

    /**
     * One line of a file: its number (1-based), the byte offset where it starts, its text without the newline,
     * and whether the newline was there.
     */
    private record Line(int number, long offset, String text, boolean terminated) { }

    /** A journal record and the line it came from. */
    private record Record(TrialResult trial, Line line) { }

    /** Run folders read so far by this process (each {@link #load}), for the tests that count them. */
    private static final java.util.concurrent.atomic.LongAdder LOADS = new java.util.concurrent.atomic.LongAdder();

    /** How many times this process has read a run folder ({@link RunReader#read}, {@link RunStore#open}, merge). */
    static long loads() {
        return LOADS.sum();
    }

    static Loaded load(Path dir) {
        LOADS.increment();
        RunManifest manifest = RunManifest.read(dir.resolve(RunManifest.FILE));
        List<String> warnings = new ArrayList<>();
        Path journalFile = dir.resolve(JOURNAL);
        Path hlogFile = dir.resolve(HLOG);

        byte[] journalBytes = read(journalFile, true);
        Map<String, Record> records = new LinkedHashMap<>();
        boolean journalChanged = readJournal(journalFile, lines(journalBytes), records, warnings);

        byte[] hlogBytes = read(hlogFile, false);
        List<String> header = new ArrayList<>();
        Map<String, HlogFormat.Entry> hists = new LinkedHashMap<>();
        Map<String, Integer> histLine = new LinkedHashMap<>();
        Map<String, Map<String, Histogram>> seriesOf = new LinkedHashMap<>();
        boolean hlogChanged;
        if (hlogBytes == null || hlogBytes.length == 0) {
            hlogChanged = newHeader(hlogFile, hlogBytes == null, records, manifest, header, warnings);
        } else {
            hlogChanged = readHlog(hlogFile, lines(hlogBytes), header, hists, seriesOf, histLine, warnings);
        }
        hlogChanged |= reconcile(journalFile, hlogFile, records, hists, seriesOf, histLine, warnings);

        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, String> hlogLines = new LinkedHashMap<>();
        Map<String, Map<String, Histogram>> series = new LinkedHashMap<>();
        hists.forEach((id, e) -> {
            histograms.put(id, e.histogram());
            hlogLines.put(id, e.rawLine());
            Map<String, Histogram> s = seriesOf.get(id);
            if (s != null) {
                series.put(id, Collections.unmodifiableMap(s));
            }
        });
        Map<String, String> journalLines = new LinkedHashMap<>();
        List<TrialResult> trials = new ArrayList<>();
        records.forEach((id, r) -> {
            journalLines.put(id, r.line().text());
            trials.add(r.trial());
        });
        byte[] journalOut = journalChanged ? join(journalLines.values()) : null;
        byte[] hlogOut = null;
        if (hlogChanged) {
            List<String> all = new ArrayList<>(header);
            all.addAll(hlogLines.values());
            hlogOut = join(all);
        }
        return new Loaded(manifest, List.copyOf(trials), Collections.unmodifiableMap(histograms),
                List.copyOf(warnings), journalOut, hlogOut, Collections.unmodifiableMap(journalLines),
                Collections.unmodifiableMap(hlogLines), Collections.unmodifiableMap(series));
    }

    /** Reads the journal into {@code records}; returns whether the file needs rewriting. */
    private static boolean readJournal(Path file, List<Line> lines, Map<String, Record> records,
            List<String> warnings) {
        boolean changed = false;
        for (Line l : lines) {
            rejectBlankOrControl(file, l);
            TrialResult r;
            try {
                r = JournalCodec.decode(l.text);
            } catch (JournalCodec.Truncated e) {
                if (!l.terminated && JournalCodec.looksCutShort(l.text)) {
                    warnings.add(file + ":" + l.number + ": dropped an incomplete last line (a write cut short, "
                            + "e.g. by kill -9); its trial runs again on resume");
                    changed = true;
                    continue;
                }
                throw ScalebenchException.badInput(file + ":" + l.number + ": damaged line, " + e.getMessage()
                        + (l.terminated ? "" : ", and not the beginning of a journal line")
                        + "; a crash leaves at most an unterminated beginning of the last line, so this is not"
                        + " repaired: restore the file, or remove the line by hand to re-run that trial");
            } catch (JournalCodec.Invalid e) {
                throw ScalebenchException.badInput(file + ":" + l.number + ": " + e.getMessage());
            }
            Record earlier = records.get(r.trialId());
            if (earlier != null) {
                throw ScalebenchException.badInput(file + ":" + l.number + ": trial " + r.trialId()
                        + " is recorded again (first at line " + earlier.line.number + "); a crash cannot do this"
                        + " (two processes wrote the run?): keep one of the two lines and its histogram");
            }
            if (!l.terminated) {
                warnings.add(file + ":" + l.number + ": the last line lacked its newline (a write cut short just"
                        + " before it); added it");
                changed = true;
            }
            records.put(r.trialId(), new Record(r, l));
        }
        return changed;
    }

    /** Reads the histogram log into {@code header} and {@code hists}; returns whether it needs rewriting. */
    private static boolean readHlog(Path file, List<Line> lines, List<String> header,
            Map<String, HlogFormat.Entry> hists, Map<String, Map<String, Histogram>> seriesOf,
            Map<String, Integer> histLine, List<String> warnings) {
        boolean changed = false;
        boolean marker = false;
        String lastId = null;
        for (Line l : lines) {
            rejectBlankOrControl(file, l);
            if (l.text.startsWith("#") || l.text.startsWith("\"StartTimestamp\"")) {
                if (l.text.startsWith(HlogFormat.MARKER_PREFIX)) {
                    String v = l.text.substring(HlogFormat.MARKER_PREFIX.length()).replace("]", "").trim();
                    if (!v.equals(Integer.toString(HlogFormat.SCHEMA))) {
                        throw ScalebenchException.badInput(file + ":" + l.number + ": schema " + v + " is not "
                                + "supported; this scalebench reads schema " + HlogFormat.SCHEMA);
                    }
                    marker = true;
                }
                if (!hists.isEmpty()) {
                    throw ScalebenchException.badInput(file + ":" + l.number + ": a header line after the first "
                            + "histogram; not a log that scalebench wrote");
                }
                changed |= !l.terminated;
                header.add(l.text);
                continue;
            }
            if (!marker) {
                throw ScalebenchException.badInput(file + ":" + l.number + ": no '" + HlogFormat.SCHEMA_MARKER
                        + "' line before the first histogram; not a scalebench histogram log");
            }
            HlogFormat.Entry e;
            try {
                e = HlogFormat.parse(l.text);
            } catch (IllegalArgumentException ex) {
                if (!l.terminated && HlogFormat.looksCutShort(l.text)) {
                    warnings.add(file + ":" + l.number + ": dropped an incomplete last histogram (a write cut "
                            + "short, e.g. by kill -9)");
                    changed = true;
                    continue;
                }
                throw ScalebenchException.badInput(file + ":" + l.number + ": corrupt histogram line: "
                        + ex.getMessage() + "; a crash leaves at most an unterminated beginning of the last line, so"
                        + " this is not repaired: restore the file from a copy");
            }
            if (e.series() != null) {
                HlogFormat.Entry main = hists.get(e.trialId());
                Map<String, Histogram> s = seriesOf.computeIfAbsent(e.trialId(), k -> new LinkedHashMap<>());
                if (main == null || !e.trialId().equals(lastId) || s.containsKey(e.series())) {
                    throw ScalebenchException.badInput(file + ":" + l.number + ": a '" + e.series() + "' histogram"
                            + " of trial " + e.trialId() + " that does not follow that trial's own histogram, or"
                            + " repeats; a crash cannot do this (RunStore writes a trial's histograms together):"
                            + " restore the file from a copy");
                }
                changed |= !l.terminated;
                s.put(e.series(), e.histogram());
                hists.put(e.trialId(), new HlogFormat.Entry(e.trialId(), null, main.histogram(),
                        main.rawLine() + "\n" + l.text));
                continue;
            }
            Integer first = histLine.get(e.trialId());
            if (first != null) {
                throw ScalebenchException.badInput(file + ":" + l.number + ": trial " + e.trialId() + " has a "
                        + "second histogram (first at line " + first + "); a crash cannot do this (two processes "
                        + "wrote the run?): keep the one that matches its journal line");
            }
            changed |= !l.terminated;
            hists.put(e.trialId(), e);
            histLine.put(e.trialId(), l.number);
            lastId = e.trialId();
        }
        if (!marker) {
            throw ScalebenchException.badInput(file + ": no '" + HlogFormat.SCHEMA_MARKER
                    + "' line; not a scalebench histogram log");
        }
        return changed;
    }

    /** A missing or empty histogram log: a new header when the journal has no OK trial, else refused. */
    private static boolean newHeader(Path file, boolean missing, Map<String, Record> records, RunManifest manifest,
            List<String> header, List<String> warnings) {
        for (Record r : records.values()) {
            if (r.trial.ok()) {
                throw ScalebenchException.badInput(file + ": " + (missing ? "missing" : "empty") + ", but "
                        + JOURNAL + ":" + r.line.number + " records trial " + r.trial.trialId() + " as OK, and "
                        + "its histogram is lost; a crash cannot do this. Restore the file from a copy, or start"
                        + " the sweep again in a new run folder");
            }
        }
        warnings.add(file + ": " + (missing ? "missing" : "empty") + " and no OK trial recorded; a new header (written on resume)");
        header.addAll(List.of(new String(HlogFormat.header(manifest.started()), StandardCharsets.UTF_8)
                .split("\n")));
        return true;
    }

    /**
     * Every OK trial has exactly one histogram, every histogram an OK trial, except that the last histogram may
     * lack its journal line (dropped). Returns whether the histogram log needs rewriting.
     */
    private static boolean reconcile(Path journalFile, Path hlogFile, Map<String, Record> records,
            Map<String, HlogFormat.Entry> hists, Map<String, Map<String, Histogram>> seriesOf,
            Map<String, Integer> histLine, List<String> warnings) {
        boolean changed = false;
        String last = hists.isEmpty() ? null : List.copyOf(hists.keySet()).get(hists.size() - 1);
        for (var it = hists.keySet().iterator(); it.hasNext(); ) {
            String id = it.next();
            Record r = records.get(id);
            if (r != null && r.trial.ok()) {
                continue;
            }
            if (r == null && id.equals(last)) {
                warnings.add(hlogFile + ":" + histLine.get(id) + ": dropped the histogram of trial " + id
                        + ", whose journal line was never written (cut short between the two); its trial runs again on resume");
                it.remove();
                seriesOf.remove(id);
                changed = true;
                continue;
            }
            throw ScalebenchException.badInput(hlogFile + ":" + histLine.get(id) + ": a histogram for trial " + id
                    + ", which " + JOURNAL + (r == null ? " does not record, and it is not the last histogram"
                    : ":" + r.line.number + " records as failed") + "; a crash cannot do this: restore the files"
                    + " from a copy, or remove that histogram line by hand");
        }
        for (Record r : records.values()) {
            if (r.trial.ok() && !hists.containsKey(r.trial.trialId())) {
                throw ScalebenchException.badInput(journalFile + ":" + r.line.number + ": trial "
                        + r.trial.trialId() + " is OK but " + HLOG + " has no histogram for it; a crash cannot do"
                        + " this (the histogram is forced to disk before the journal line): restore " + HLOG
                        + " from a copy, or remove the journal line by hand to re-run that trial");
            }
        }
        return changed;
    }

    /** Refuses blank lines and control characters (NUL bytes: a power loss or a damaged disk, never a kill). */
    private static void rejectBlankOrControl(Path file, Line l) {
        if (l.text.isBlank()) {
            throw ScalebenchException.badInput(file + ":" + l.number + ": a blank line, which scalebench never "
                    + "writes (was the file edited?); remove it");
        }
        for (int i = 0; i < l.text.length(); i++) {
            char c = l.text.charAt(i);
            if (c < 0x20 && c != '\t') {
                boolean nulTail = c == 0 && !l.terminated && l.text.chars().allMatch(x -> x == 0 || x == ' ');
                throw ScalebenchException.badInput(file + ":" + l.number + ": control character 0x"
                        + Integer.toHexString(c) + " at column " + (i + 1) + (c == 0 ? " (NUL bytes: what a power "
                        + "loss or a damaged disk leaves, never a kill)" : "") + "; not repaired: check the disk, "
                        + (nulTail ? "then drop the NUL tail with: truncate -s " + l.offset + " " + file
                        : "then restore the file or cut it before that line by hand"));
            }
        }
    }

    /** The file's bytes; null when it is missing and not {@code required}. */
    private static byte[] read(Path file, boolean required) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (required) {
                throw ScalebenchException.badInput(file + ": no such file (is this a scalebench run folder?)");
            }
            return null;
        } catch (IOException e) {
            throw ScalebenchException.badInput(file + ": cannot read: " + e.getMessage());
        }
    }

    private static List<Line> lines(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        List<Line> out = new ArrayList<>(parts.length);
        long offset = 0;
        for (int i = 0; i < parts.length; i++) {
            boolean terminated = i < parts.length - 1;
            String text = parts[i].endsWith("\r") ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
            if (!terminated && text.isEmpty()) {
                break;
            }
            out.add(new Line(i + 1, offset, text, terminated));
            offset += parts[i].getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return out;
    }

    private static byte[] join(Iterable<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String s : lines) {
            sb.append(s).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
