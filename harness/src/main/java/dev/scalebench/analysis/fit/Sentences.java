package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.Numbers;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** The selected fit of a series in words, with its numbers and intervals ({@link Numbers}). */
final class Sentences {

    private Sentences() {
    }

    /** One or two sentences for the selected (first) form of {@code fits}. */
    static String of(SeriesKey key, List<FormFit> fits, FitOptions o, double minLevel, double maxLevel) {
        if (fits.isEmpty()) {
            return key.label() + ": no form could be fitted.";
        }
        FormFit f = fits.get(0);
        String law = switch (f.form()) {
            case "linear" -> linear(f, o, minLevel, maxLevel);
            case "roofline" -> roofline(f, o, minLevel, maxLevel);
            case "seq-linear" -> String.format(Locale.ROOT, "each token of %s adds %s on top of a fixed %s per step",
                    "decode".equals(key.phase()) ? "context" : "the sequence",
                    est(f.estimate("b"), Numbers::seconds), est(f.estimate("a"), Numbers::seconds));
            case "seq-quadratic" -> String.format(Locale.ROOT,
                    "step time is quadratic in %1$s length: the s² term is %2$s of it at %1$s length %3$s",
                    "decode".equals(key.phase()) ? "context" : "sequence",
                    est(f.estimate("quadratic_share"), Numbers::percent), FormFitter.level(maxLevel));
            case "power-law" -> String.format(Locale.ROOT,
                    "step time grows as N^γ with γ = %s above a floor of %s (%s at 1B parameters)",
                    est(f.estimate("gamma"), v -> Numbers.sig(v, 3)), est(f.estimate("a"), Numbers::seconds),
                    est(f.estimate("k"), Numbers::seconds));
            case "pure-power-law" -> String.format(Locale.ROOT,
                    "step time grows as N^γ with γ = %s (%s at 1B parameters)",
                    est(f.estimate("gamma"), v -> Numbers.sig(v, 3)), est(f.estimate("k"), Numbers::seconds));
            case "params-linear" -> String.format(Locale.ROOT,
                    "each billion parameters adds %s on top of a fixed %s per step",
                    est(f.estimate("k"), v -> Numbers.seconds(v * 1e9)), est(f.estimate("a"), Numbers::seconds));
            default -> "fitted " + f.formula();
        };
        StringBuilder s = new StringBuilder(key.label()).append(": ").append(law).append(". ");
        s.append(name(f.form())).append(", Akaike weight ").append(Numbers.sig(f.akaikeWeight(), 2));
        s.append(validation(f, key));
        s.append('.');
        if (!f.converged()) {
            s.append(" The fit did not converge (").append(f.convergence().contains("disagree") ? "its starts disagree"
                    : "its robust scale did not settle").append("); treat it with caution.");
        }
        return s.toString();
    }

    private static String linear(FormFit f, FitOptions o, double minLevel, double maxLevel) {
        Estimate b90 = f.estimate("b90");
        double a = f.estimate("a").value();
        double c = f.estimate("c").value();
        if (!(c * maxLevel > 1e-9 * a)) {
            return "step time does not grow with batch within the noise: throughput rises in proportion to batch "
                    + "over the measured range, with no saturation in sight";
        }
        if (!(a > 1e-9 * c * maxLevel)) {
            return "step time is proportional to batch: throughput is flat at "
                    + est(f.estimate("T_max"), Numbers::si, " seq/s") + " and batching does not raise it";
        }
        return String.format(Locale.ROOT,
                "throughput saturates at %s; 90 %% of it is reached at batch %s%s; beyond that each doubling "
                        + "adds %s throughput and %s latency",
                est(f.estimate("T_max"), Numbers::si, " seq/s"), est(b90, FormFitter::level),
                extrapolation(b90, o, minLevel, maxLevel),
                Numbers.percent(f.estimate("doubling_throughput").value()),
                Numbers.percent(f.estimate("doubling_latency").value()));
    }

    private static String roofline(FormFit f, FitOptions o, double minLevel, double maxLevel) {
        Estimate knee = f.estimate("knee");
        return String.format(Locale.ROOT,
                "step time is %s plus %s per sequence up to a knee at batch %s%s; beyond it step time grows in "
                        + "proportion to batch and throughput is capped at %s",
                est(f.estimate("a"), Numbers::seconds), est(f.estimate("c"), Numbers::seconds),
                est(knee, FormFitter::level), extrapolation(knee, o, minLevel, maxLevel),
                est(f.estimate("T_max"), Numbers::si, " seq/s"));
    }

    private static String extrapolation(Estimate e, FitOptions o, double minLevel, double maxLevel) {
        if (!e.extrapolated()) {
            return "";
        }
        String factor = Numbers.sig(o.extrapolationFactor(), 3);
        return e.value() > maxLevel
                ? " (extrapolated: beyond " + factor + "× the largest measured batch, " + FormFitter.level(maxLevel) + ")"
                : " (extrapolated: below the smallest measured batch, " + FormFitter.level(minLevel) + ", / " + factor
                        + ")";
    }

    private static String validation(FormFit f, SeriesKey key) {
        String one = switch (key.axis()) {
            case BATCH -> "batch";
            case SEQ -> "decode".equals(key.phase()) ? "context length" : "sequence length";
            case MODEL -> "model";
        };
        StringBuilder s = new StringBuilder();
        for (Validation v : f.validation()) {
            s.append(v.leftOut() == 1
                    ? "; leaving out the largest " + one + " predicts it within "
                    : ", the largest " + v.leftOut() + " within ");
            // "within 0.1 %" is true of anything smaller, and reads better than 0.000000000000067 %
            s.append(Numbers.percent(Math.max(v.maxAbsRelError(), 0.001)));
        }
        return s.toString();
    }

    private static String name(String form) {
        return switch (form) {
            case "linear" -> "Linear step time";
            case "roofline" -> "Roofline step time";
            case "seq-linear" -> "Linear in length";
            case "seq-quadratic" -> "Quadratic in length";
            case "power-law" -> "Power law in parameter count";
            case "pure-power-law" -> "Power law in parameter count without a floor";
            case "params-linear" -> "Linear in parameter count";
            default -> form;
        };
    }

    /** The estimate's value and, when it has one, its interval. */
    private static String est(Estimate e, DoubleFunction<String> fmt) {
        return est(e, fmt, "");
    }

    /** The estimate's value, {@code unit} (e.g. {@code " seq/s"}), and when it has one, its interval. */
    private static String est(Estimate e, DoubleFunction<String> fmt, String unit) {
        String ci = Numbers.interval(e.lo(), e.hi(), fmt);
        return fmt.apply(e.value()) + unit + (ci.isEmpty() ? "" : " " + ci);
    }
}
