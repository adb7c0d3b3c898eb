package dev.scalebench.report;

import static dev.scalebench.report.MarkdownReport.esc;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.gate.AaCalibration;
import dev.scalebench.analysis.gate.AaCalibration.Pair;
import dev.scalebench.analysis.gate.AaCalibration.Rate;
import java.util.List;

/**
 * The A/A calibration in Markdown ({@code aa.md}): observed false-alarm rates against the policy's α. Run ids and
 * notes come from the runs' files and are escaped.
 */
public final class AaMarkdown {

    private AaMarkdown() {
    }

    /** Renders {@code r}. */
    public static String render(AaCalibration.Result r) {
        return render(r, List.of());
    }

    /** Renders {@code r}, with the repairs made while reading its runs (one sentence each). */
    public static String render(AaCalibration.Result r, List<String> repairs) {
        StringBuilder sb = new StringBuilder();
        sb.append("# A/A calibration of gate policy ").append(esc(r.policy().name())).append("\n\n");
        sb.append(r.runs().size()).append(" run(s) of one build: ").append(esc(String.join(", ", r.runs())))
                .append(". The policy promises a family-wise false-alarm rate of at most α = ")
                .append(Numbers.sig(r.policy().alpha(), 2)).append(".\n\n");
        sb.append(switch (r.outcome()) {
            case MISCALIBRATED -> "**Miscalibrated** (exit 1): an observed false-alarm rate is clearly above α on this"
                    + " machine (its 95 % interval lies above α).";
            case CONSISTENT -> "**Consistent with α** (exit 0): no observed false-alarm rate is clearly above it.";
            case TOO_LITTLE_EVIDENCE -> "**Too little evidence** (exit 3)"
                    + esc(r.notes().get(0).replaceFirst("^too little evidence", "")) + ".";
        }).append("\n\n");
        sb.append("| estimate | gated | with a REGRESSION | rate | 95 % interval |\n|---|---|---|---|---|\n");
        row(sb, "between runs (pairs)", r.pairRate());
        row(sb, "within runs (random half-splits)", r.splitRate());
        sb.append("\nOnly comparisons that could have raised a REGRESSION are counted.\n\n");
        if (!r.pairs().isEmpty()) {
            sb.append("| baseline | candidate | verdict | regressions | inconclusive | points | could regress |\n"
                    + "|---|---|---|---|---|---|---|\n");
            for (Pair p : r.pairs()) {
                sb.append("| ").append(esc(p.baseline())).append(" | ").append(esc(p.candidate())).append(" | ")
                        .append(p.verdict()).append(" | ").append(p.regressions()).append(" | ")
                        .append(p.inconclusive()).append(" | ").append(p.points()).append(" | ")
                        .append(p.regressionPossible() ? "yes" : "no").append(" |\n");
            }
            sb.append('\n');
        }
        List<String> notes = r.outcome() == AaCalibration.Outcome.TOO_LITTLE_EVIDENCE
                ? r.notes().subList(1, r.notes().size()) : r.notes();
        for (String n : notes) {
            sb.append("- ").append(esc(n)).append('\n');
        }
        if (!notes.isEmpty() && !repairs.isEmpty()) {
            sb.append('\n');
        }
        RepairNotes.markdown(sb, repairs, "the notes gate printed on stderr");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String what, Rate rate) {
        sb.append("| ").append(what).append(" | ").append(rate.trials()).append(" | ").append(rate.events())
                .append(" | ").append(rate.trials() == 0 ? "–" : Numbers.percent(rate.value())).append(" | ")
                .append(rate.trials() == 0 ? "–" : Numbers.interval(rate.interval().lo(), rate.interval().hi(),
                        Numbers::percent)).append(" |\n");
    }
}
