package dev.scalebench.cli;

import dev.scalebench.analysis.Analysis;
import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.report.FlagNotes;
import dev.scalebench.report.ReportWriter;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.RunReader;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Writes an analysis's reports and tells the user what it found. */
final class Reports {

    private Reports() {
    }

    /**
     * The sweep's one line about its trials' quality flags ({@link FlagNotes#line(java.util.List)}: the counts the
     * report's banner gives), printed when a trial of the run in {@code dir} is flagged. A run that cannot be read
     * prints nothing here: its analysis says why.
     */
    static void flags(Path dir, PrintWriter out) {
        try {
            String line = FlagNotes.line(RunMetrics.of(RunReader.read(dir)).trials());
            if (line != null) {
                out.println(line);
            }
        } catch (ScalebenchException e) {
            // the analysis reads the run again and reports the problem
        }
    }

    static void write(Path dir, Analysis a, PrintWriter out) {
        ReportWriter.write(dir, a);
        for (SeriesFit f : a.fits()) {
            if (f.sentence() != null && !f.sentence().isBlank()) {
                out.println("  " + f.sentence());
            }
        }
        for (String w : a.warnings()) {
            out.println("  note: " + w);
        }
        out.printf("%d series fitted, %d points on the roofline%s%n", a.fits().size(), a.roofline().size(),
                a.hardware() == null ? "" : " of " + a.hardware().name());
        out.println("report: " + dir.resolve("report.html"));
        out.println("        " + dir.resolve("report.md"));
        out.println("fits:   " + dir.resolve("fits.json"));
        out.flush();
    }
}
