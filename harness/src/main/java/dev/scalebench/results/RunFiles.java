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
 * Reads a run's journal and histogram log and repairs what a crash can leave behind: an incomplete last line
 * in either file, a histogram written just before a kill whose journal line never made it, duplicates. Anything
 * else (a damaged line in the middle, a foreign schema) is a {@link ScalebenchException#badInput} naming the file
 * and the line. The repair is computed in memory; {@link RunStore#open} writes it back, {@link RunReader} not.
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
     * @param hlogLines each kept histogram's log line as stored, by trial id
     */
    record Loaded(RunManifest manifest, List<TrialResult> trials, Map<String, Histogram> histograms,
            List<String> warnings, byte[] journalRepaired, byte[] hlogRepaired, Map<String, String> journalLines,
            Map<String, String> hlogLines) { }

    private record Line(int number, String text, boolean terminated) { }

    static Loaded load(Path dir) {
        RunManifest manifest = RunManifest.read(dir.resolve(RunManifest.FILE));
        List<String> warnings = new ArrayList<>();
        Path journalFile = dir.resolve(JOURNAL);
        Path hlogFile = dir.resolve(HLOG);

        // --- journal ---
        List<Line> jl = lines(journalFile, true);
        boolean journalChanged = false;
        Map<String, TrialResult> trials = new LinkedHashMap<>();
        Map<String, String> rawJournal = new LinkedHashMap<>();
        int lastJ = lastContent(jl);
        for (int i = 0; i < jl.size(); i++) {
            Line l = jl.get(i);
            if (isBlank(l.text)) {
                journalChanged |= l.terminated || !l.text.isEmpty();
                continue;
            }
            TrialResult r;
            try {
                r = JournalCodec.decode(l.text);
            } catch (JournalCodec.Truncated e) {
                if (i == lastJ) {
                    warnings.add(journalFile + ":" + l.number + ": dropped an incomplete last line (a write cut "
                            + "short, e.g. by kill -9); its trial will run again");
                    journalChanged = true;
                    continue;
                }
                throw ScalebenchException.badInput(journalFile + ":" + l.number + ": damaged line in the middle of "
                        + "the journal, " + e.getMessage() + "; only the last line can be repaired automatically");
            } catch (JournalCodec.Invalid e) {
                throw ScalebenchException.badInput(journalFile + ":" + l.number + ": " + e.getMessage());
            }
            journalChanged |= !l.terminated;
            if (trials.remove(r.trialId()) != null) {
                rawJournal.remove(r.trialId());
                warnings.add(journalFile + ":" + l.number + ": trial " + r.trialId()
                        + " was recorded more than once; kept the last record");
                journalChanged = true;
            }
            trials.put(r.trialId(), r);
            rawJournal.put(r.trialId(), l.text);
        }

        // --- histogram log ---
        List<Line> hl = lines(hlogFile, false);
        boolean hlogChanged = false;
        List<String> header = new ArrayList<>();
        Map<String, HlogFormat.Entry> hists = new LinkedHashMap<>();
        boolean marker = false;
        int lastH = lastContent(hl);
        for (int i = 0; i < hl.size(); i++) {
            Line l = hl.get(i);
            if (isBlank(l.text)) {
                hlogChanged |= l.terminated || !l.text.isEmpty();
                continue;
            }
            if (l.text.startsWith("#") || l.text.startsWith("\"StartTimestamp\"")) {
                if (l.text.startsWith(HlogFormat.MARKER_PREFIX)) {
                    String v = l.text.substring(HlogFormat.MARKER_PREFIX.length()).replace("]", "").trim();
                    if (!v.equals(Integer.toString(HlogFormat.SCHEMA))) {
                        throw ScalebenchException.badInput(hlogFile + ":" + l.number + ": schema " + v + " is not "
                                + "supported; this scalebench reads schema " + HlogFormat.SCHEMA);
                    }
                    marker = true;
                }
                hlogChanged |= !l.terminated;
                if (hists.isEmpty()) {
                    header.add(l.text);
                }
                continue;
            }
            if (!marker) {
                throw ScalebenchException.badInput(hlogFile + ":" + l.number + ": no '" + HlogFormat.SCHEMA_MARKER
                        + "' line before the first histogram; not a scalebench histogram log");
            }
            HlogFormat.Entry e;
            try {
                e = HlogFormat.parse(l.text);
            } catch (IllegalArgumentException ex) {
                if (i == lastH) {
                    warnings.add(hlogFile + ":" + l.number + ": dropped an incomplete last histogram (a write cut "
                            + "short, e.g. by kill -9)");
                    hlogChanged = true;
                    continue;
                }
                throw ScalebenchException.badInput(hlogFile + ":" + l.number + ": corrupt histogram line: "
                        + ex.getMessage());
            }
            hlogChanged |= !l.terminated;
            if (hists.remove(e.trialId()) != null) {
                warnings.add(hlogFile + ":" + l.number + ": trial " + e.trialId()
                        + " has more than one histogram; kept the last");
                hlogChanged = true;
            }
            hists.put(e.trialId(), e);
        }
        if (!marker) {
            if (lastH >= 0) {
                throw ScalebenchException.badInput(hlogFile + ": no '" + HlogFormat.SCHEMA_MARKER
                        + "' line; not a scalebench histogram log");
            }
            warnings.add(hlogFile + ": missing or empty; wrote a new header");
            header.clear();
            header.addAll(List.of(new String(HlogFormat.header(manifest.started()), StandardCharsets.UTF_8)
                    .split("\n")));
            hlogChanged = true;
        }

        // --- reconcile: every OK trial has exactly one histogram, every histogram an OK trial ---
        for (var it = hists.values().iterator(); it.hasNext(); ) {
            HlogFormat.Entry e = it.next();
            TrialResult r = trials.get(e.trialId());
            if (r == null || !r.ok()) {
                warnings.add(hlogFile + ": dropped the histogram of trial " + e.trialId() + ", which the journal "
                        + (r == null ? "does not record (cut short before its journal line)" : "records as failed"));
                it.remove();
                hlogChanged = true;
            }
        }
        for (var it = trials.values().iterator(); it.hasNext(); ) {
            TrialResult r = it.next();
            if (r.ok() && !hists.containsKey(r.trialId())) {
                warnings.add(journalFile + ": dropped trial " + r.trialId() + ", whose histogram is missing from "
                        + HLOG + "; it will run again");
                it.remove();
                rawJournal.remove(r.trialId());
                journalChanged = true;
            }
        }

        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, String> hlogLines = new LinkedHashMap<>();
        hists.forEach((id, e) -> {
            histograms.put(id, e.histogram());
            hlogLines.put(id, e.rawLine());
        });
        byte[] journalBytes = journalChanged ? join(rawJournal.values()) : null;
        byte[] hlogBytes = null;
        if (hlogChanged) {
            List<String> all = new ArrayList<>(header);
            hists.values().forEach(e -> all.add(e.rawLine()));
            hlogBytes = join(all);
        }
        return new Loaded(manifest, List.copyOf(trials.values()), Collections.unmodifiableMap(histograms),
                List.copyOf(warnings), journalBytes, hlogBytes, Collections.unmodifiableMap(rawJournal),
                Collections.unmodifiableMap(hlogLines));
    }

    private static List<Line> lines(Path file, boolean required) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (required) {
                throw ScalebenchException.badInput(file + ": no such file (is this a scalebench run folder?)");
            }
            return List.of();
        } catch (IOException e) {
            throw ScalebenchException.badInput(file + ": cannot read: " + e.getMessage());
        }
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        List<Line> out = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            boolean terminated = i < parts.length - 1;
            String text = parts[i].endsWith("\r") ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
            if (!terminated && text.isEmpty()) {
                break;
            }
            out.add(new Line(i + 1, text, terminated));
        }
        return out;
    }

    private static int lastContent(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!isBlank(lines.get(i).text)) {
                return i;
            }
        }
        return -1;
    }

    /** Blank: only whitespace or NUL bytes (what a power loss can leave at the end of a file). */
    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != 0 && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] join(Iterable<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String s : lines) {
            sb.append(s).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
