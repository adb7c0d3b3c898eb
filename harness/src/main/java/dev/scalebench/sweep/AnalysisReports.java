package dev.scalebench.sweep;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.capacity.Capacity;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.report.FlagNotes;
import dev.scalebench.report.ReportWriter;
import dev.scalebench.results.Run;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes an analysis's reports ({@code report.html}, {@code report.md}, {@code fits.json}) and tells the user what
 * it found: the step of {@link RunPipeline} that {@code analyze} and {@code fit} also use.
 */
public final class AnalysisReports {

    private AnalysisReports() {
    }

    /**
     * The sweep's one line about its trials' quality flags ({@link FlagNotes#line(java.util.List)}: the counts the
     * report's banner gives), printed when a trial of {@code run} is flagged.
     */
    static void flags(Run run, PrintWriter out) {
        String line = FlagNotes.line(run.measured());
        if (line != null) {
            out.println(line);
        }
    }

    /** Writes the reports of {@code a} into {@code dir} and prints its fits' sentences and where the files are. */
    public static void write(Path dir, Analysis a, PrintWriter out) {
        ReportWriter.write(dir, a);
        for (SeriesFit f : a.fits()) {
            if (f.sentence() != null && !f.sentence().isBlank()) {
                out.println("  " + f.sentence());
            }
        }
        for (Capacity c : a.capacity()) {
            out.println("  " + c.sentence() + ".");
        }
        for (String w : a.warnings()) {
            out.println("  note: " + w);
        }
        long fitted = a.fits().stream().filter(f -> f.selected() != null).count();
        long unfit = a.fits().size() - fitted;
        out.printf("%d series fitted%s, %d points on the roofline%s%n", fitted,
                unfit == 0 ? "" : " (" + unfit + " more with no form that fits)", a.roofline().size(),
                a.hardware() == null ? "" : " of " + a.hardware().name());
        out.println("report: " + dir.resolve("report.html"));
        out.println("        " + dir.resolve("report.md"));
        out.println("fits:   " + dir.resolve("fits.json"));
        if (fitted == 0) {
            out.println("no series fitted: " + whyNoFits(a));
        }
        out.flush();
    }

    /** Why an analysis fitted nothing, in one sentence (the last line a command prints then). */
    public static String whyNoFits(Analysis a) {
        if (a.points().isEmpty()) {
            return "no trial has a positive " + a.metric().id() + " latency";
        }
        if (!a.fits().isEmpty()) {
            SeriesFit first = a.fits().get(0);
            return "no candidate form fits any of the " + a.fits().size() + " series; " + first.key().label() + ": "
                    + String.join("; ", first.notes());
        }
        Map<String, Set<Long>> batches = new HashMap<>();
        Map<String, Set<Long>> seqs = new HashMap<>();
        Map<String, Set<Long>> sizes = new HashMap<>();
        for (PointStats p : a.points()) {
            PointKey k = p.point();
            String series = k.model() + "/" + k.dtype() + "/" + k.phase();
            batches.computeIfAbsent(series + "/s" + k.seq(), x -> new HashSet<>()).add((long) k.batch());
            seqs.computeIfAbsent(series + "/b" + k.batch(), x -> new HashSet<>()).add((long) k.seq());
            if (k.params() > 0) {
                sizes.computeIfAbsent(k.dtype() + "/" + k.phase() + "/b" + k.batch() + "/s" + k.seq(),
                        x -> new HashSet<>()).add(k.params());
            }
        }
        return String.format(Locale.ROOT, "a series needs %d or more values of one of batch, seq or model size"
                + " (params) with the others fixed; these %d point(s) have at most %d batch size(s) at one seq, %d"
                + " seq length(s) at one batch and %d model size(s)", Analyzer.MIN_LEVELS, a.points().size(),
                most(batches), most(seqs), most(sizes));
    }

    private static int most(Map<String, Set<Long>> levels) {
        return levels.values().stream().mapToInt(Set::size).max().orElse(0);
    }
}
