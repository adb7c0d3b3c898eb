package dev.scalebench.report;

import dev.scalebench.analysis.pipeline.Analysis;
import java.util.Locale;

/** Wording shared by the headline and points sections of {@code report.md} and {@code report.html}. */
final class Headlines {

    /** The lead paragraph of the headlines. */
    static final String LEAD = "Per series, what the selected fit says within the measured levels. A figure the fit "
            + "places beyond them is marked extrapolated and never leads. Forms, parameters and the forms not "
            + "selected are under Fitted laws.";

    private Headlines() {
    }

    /** {@code s} with a capital first letter and a full stop at the end. */
    static String sentence(String s) {
        String c = capital(s);
        return c.endsWith(".") ? c : c + ".";
    }

    /** {@code s} with a full stop at the end, as it is otherwise (it may begin with a model's name). */
    static String stop(String s) {
        return s.endsWith(".") ? s : s + ".";
    }

    /** {@code s} with a capital first letter. */
    static String capital(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** The lead paragraph of the points section. */
    static String pointsLead(Analysis a) {
        return "Medians over trials of each trial's p50, p99 and throughput (work per step / the trial's mean step "
                + "time; sequences per second), with 95 % bootstrap intervals over trials, as in summary.csv. Flags: "
                + "how many of the point's trials carry each quality flag (flagged rows are marked).";
    }
}
