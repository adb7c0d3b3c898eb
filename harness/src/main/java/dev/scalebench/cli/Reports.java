package dev.scalebench.cli;

import dev.scalebench.analysis.Analysis;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Writes an analysis's reports and tells the user what it found. */
final class Reports {

    private Reports() {
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
