package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.FittedMetrics;
import dev.scalebench.analysis.Numbers;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * What the selected fit of a series says, split by where it holds. Reports lead with {@link #measured()} and
 * show {@link #extrapolated()} apart, labelled, never as the headline; {@link Sentences} joins the parts into
 * {@link SeriesFit#sentence()}.
 *
 * <p>{@code measured} states only what lies within the measured levels: the law and its parameters, and a
 * saturation, 90 % point or knee only when the data reach it. A figure the fit places beyond the measured levels
 * (a saturation the largest batch does not approach, a knee beyond it, a power law's value at a model size not
 * measured) goes to {@code extrapolated}, whatever the extrapolation factor of {@link FitOptions}: that factor
 * flags estimates, this split decides what may lead.
 *
 * <p>No sentence that holds by construction of a form: under {@code t = a + c·b} the gain of one more doubling
 * beyond b₉₀ is always +5.3 % throughput and +90 % latency, so it is never said.
 *
 * @param measured what the fit says inside the measured levels, e.g. {@code throughput saturates at 3.1k seq/s
 *     [2.9k, 3.3k]; 90 % of it is reached at batch 48 [41, 57]}
 * @param extrapolated what it says beyond them, e.g. {@code saturation at 12.9k seq/s [6.02k, 36k]; 90 % of it
 *     at batch 180 [69, 580]}; null when nothing
 * @param range the measured levels in words, e.g. {@code batches 1–16}
 * @param basis the form, its Akaike weight and its validation, e.g. {@code Linear step time, Akaike weight 0.93;
 *     leaving out the largest batch predicts it within 4.1 %}
 * @param caution why to distrust the fit (it did not converge), or null
 */
public record Headline(String measured, String extrapolated, String range, String basis, String caution) {

    /** The label that introduces {@link #extrapolated()}: {@code extrapolated, beyond the measured batches 1–16}. */
    public String extrapolatedLabel() {
        return "extrapolated, beyond the measured " + range;
    }

    /** {@link #measured()}, then the extrapolated figures with their label: one clause, no full stop. */
    public String text() {
        return extrapolated == null ? measured : measured + "; " + extrapolatedLabel() + ": " + extrapolated;
    }

    /** The headline of the selected form of {@code f}, over the levels it was fitted to; null without a form. */
    public static Headline of(SeriesFit f) {
        if (f.best() == null) {
            return null;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : f.x()) {
            if (Double.isFinite(x) && x > 0) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        if (!(min <= max)) {
            min = Double.NaN;
            max = Double.NaN;
        }
        return of(f.key(), f.best(), min, max);
    }

    /** The headline of form {@code f} of series {@code key}, fitted to levels from {@code min} to {@code max}. */
    public static Headline of(SeriesKey key, FormFit f, double min, double max) {
        String[] law = switch (f.form()) {
            case "linear" -> linear(key, f, min, max);
            case "roofline" -> roofline(key, f, min, max);
            case "seq-linear" -> new String[] {String.format(Locale.ROOT, "each token of %s adds %s on top of a fixed "
                    + "%s per %s", "decode".equals(key.phase()) ? "context" : generate(key) ? "the prompt"
                            : "the sequence",
                    est(f.estimate("b"), Numbers::seconds), est(f.estimate("a"), Numbers::seconds), per(key)), null};
            case "seq-quadratic" -> new String[] {String.format(Locale.ROOT,
                    "%4$s is quadratic in %1$s length: the s² term is %2$s of it at %1$s length %3$s",
                    "decode".equals(key.phase()) ? "context" : generate(key) ? "prompt" : "sequence",
                    est(f.estimate("quadratic_share"), Numbers::percent), FormFitter.level(max), time(key)), null};
            case "output-linear" -> new String[] {String.format(Locale.ROOT,
                    "each output token adds %s on top of a fixed %s per request",
                    est(f.estimate("b"), Numbers::seconds), est(f.estimate("a"), Numbers::seconds)), null};
            case "output-quadratic" -> new String[] {String.format(Locale.ROOT,
                    "%s is quadratic in output length: the o² term is %s of it at output length %s", time(key),
                    est(f.estimate("quadratic_share"), Numbers::percent), FormFitter.level(max)), null};
            case "power-law" -> powerLaw(key, f, min, max, true);
            case "pure-power-law" -> powerLaw(key, f, min, max, false);
            case "params-linear" -> new String[] {String.format(Locale.ROOT,
                    "each billion parameters adds %s on top of a fixed %s per %s",
                    est(f.estimate("k"), v -> Numbers.seconds(v * 1e9)), est(f.estimate("a"), Numbers::seconds),
                    per(key)), null};
            default -> new String[] {"fitted " + f.formula(), null};
        };
        String caution = f.converged() ? null : "the fit did not converge ("
                + (f.convergence() != null && f.convergence().contains("disagree") ? "its starts disagree"
                        : "its robust scale did not settle") + "); treat it with caution";
        return new Headline(law[0], law[1], range(key, min, max),
                name(f.form()) + ", Akaike weight " + Numbers.sig(f.akaikeWeight(), 2) + validation(f, key),
                caution);
    }

    /** The measured levels in words: {@code batches 1–16}, {@code context lengths 128–512}, ... */
    static String range(SeriesKey key, double min, double max) {
        String what = switch (key.axis()) {
            case BATCH -> "batches";
            case SEQ -> SeriesKey.lengthName(key.phase()) + "s";
            case MODEL -> "model sizes";
            case OUTPUT -> "output lengths";
        };
        if (!(min <= max)) {
            return what;
        }
        String span = min == max ? FormFitter.level(min) : FormFitter.level(min) + "–" + FormFitter.level(max);
        return what + " " + span + (key.axis() == Axis.MODEL ? " parameters" : "");
    }

    private static String[] linear(SeriesKey key, FormFit f, double min, double max) {
        Estimate a = f.estimate("a");
        Estimate c = f.estimate("c");
        Estimate tMax = f.estimate("T_max");
        Estimate b90 = f.estimate("b90");
        if (a == null || c == null || tMax == null || b90 == null) {
            return new String[] {"fitted " + f.formula(), null};
        }
        if (!(c.value() * max > 1e-9 * a.value())) {
            return new String[] {time(key) + " does not grow with batch within the noise: throughput rises in "
                    + "proportion to batch up to batch " + FormFitter.level(max) + ", the largest measured", null};
        }
        if (!(a.value() > 1e-9 * c.value() * max)) {
            return new String[] {time(key) + " is proportional to batch: throughput is flat at "
                    + est(tMax, Numbers::si, rate(key)) + " and batching does not raise it", null};
        }
        String saturation = est(tMax, Numbers::si, rate(key));
        if (b90.value() > max) {
            return new String[] {throughputAt(key, f, max) + " at batch " + FormFitter.level(max)
                    + ", the largest measured, " + Numbers.percent(max / (max + a.value() / c.value()))
                    + " of the fitted ceiling: it has not saturated within the measured batches",
                    "saturation at " + saturation + "; 90 % of it at batch " + est(b90, FormFitter::level)};
        }
        if (b90.value() < min) {
            return new String[] {"throughput saturates at " + saturation + " and is within "
                    + Numbers.percent(1 - min / (min + a.value() / c.value())) + " of it from batch "
                    + FormFitter.level(min) + ", the smallest measured",
                    "90 % of the saturation at batch " + est(b90, FormFitter::level)};
        }
        return new String[] {"throughput saturates at " + saturation + "; 90 % of it is reached at batch "
                + est(b90, FormFitter::level), null};
    }

    private static String[] roofline(SeriesKey key, FormFit f, double min, double max) {
        Estimate knee = f.estimate("knee");
        Estimate tMax = f.estimate("T_max");
        if (knee == null || tMax == null) {
            return new String[] {"fitted " + f.formula(), null};
        }
        String cap = est(tMax, Numbers::si, rate(key));
        if (knee.value() > max) {
            return new String[] {throughputAt(key, f, max) + " at batch " + FormFitter.level(max)
                    + ", the largest measured; the " + time(key) + " has no knee within the measured batches",
                    "a knee at batch " + est(knee, FormFitter::level) + ", beyond which throughput is capped at "
                            + cap};
        }
        if (knee.value() < min) {
            return new String[] {"throughput is capped at " + cap + " across the measured batches",
                    "the knee at batch " + est(knee, FormFitter::level)};
        }
        return new String[] {String.format(Locale.ROOT,
                "%s is %s plus %s per sequence up to a knee at batch %s; beyond it throughput is capped at %s",
                time(key), est(f.estimate("a"), Numbers::seconds), est(f.estimate("c"), Numbers::seconds),
                est(knee, FormFitter::level), cap), null};
    }

    private static String[] powerLaw(SeriesKey key, FormFit f, double min, double max, boolean floor) {
        String gamma = est(f.estimate("gamma"), v -> Numbers.sig(v, 3));
        String law = floor
                ? time(key) + " grows as N^γ with γ = " + gamma + " above a floor of "
                        + est(f.estimate("a"), Numbers::seconds)
                : time(key) + " grows as N^γ with γ = " + gamma;
        String atBillion = est(f.estimate("k"), Numbers::seconds) + " at 1B parameters";
        boolean measured = min <= 1e9 && 1e9 <= max;
        return measured ? new String[] {law + " (" + atBillion + ")", null} : new String[] {law, atBillion};
    }

    /**
     * {@code throughput reaches 4.8k seq/s [4.6k, 5k] (fitted)}: the fitted throughput at {@code level}, a
     * measured level, with the band's interval where the band reaches it.
     */
    private static String throughputAt(SeriesKey key, FormFit f, double level) {
        Band b = f.band();
        if (b != null && b.x().length > 0) {
            double[] x = b.x();
            int i = x.length - 1;
            for (int j = 0; j < x.length; j++) {
                if (Math.abs(x[j] - level) < Math.abs(x[i] - level)) {
                    i = j;
                }
            }
            if (Math.abs(x[i] / level - 1) < 1e-9 && b.fit()[i] > 0) {
                String ci = Numbers.interval(level / b.hi()[i], level / b.lo()[i], Numbers::si);
                return "throughput reaches " + Numbers.si(level / b.fit()[i]) + rate(key)
                        + (ci.isEmpty() ? "" : " " + ci) + " (fitted)";
            }
        }
        Estimate a = f.estimate("a");
        Estimate c = f.estimate("c");
        double t = "roofline".equals(f.form()) && f.estimate("d") != null
                ? Math.max(a.value() + c.value() * level, f.estimate("d").value() * level)
                : a.value() + c.value() * level;
        return "throughput reaches " + Numbers.si(level / t) + rate(key) + " (fitted)";
    }

    /** Whether {@code key} is a generate series (which names its metric). */
    private static boolean generate(SeriesKey key) {
        return key.metric() != null;
    }

    /**
     * What the series' latency is in words: {@code step time} (prefill, decode), or for a generate series its
     * metric ({@code p99 TPOT}, {@code p50 end-to-end latency}).
     */
    private static String time(SeriesKey key) {
        return key.metric() == null ? "step time" : FittedMetrics.words(key.metric());
    }

    /** What one latency is of: {@code step}, or {@code request} for a generate series. */
    private static String per(SeriesKey key) {
        return key.metric() == null ? "step" : FittedMetrics.perToken(key.metric()) ? "token" : "request";
    }

    /**
     * The unit of batch over the latency: {@code seq/s}, or {@code tokens/s} for a time per output token (each of
     * the batch's sequences gains one token per decode step).
     */
    private static String rate(SeriesKey key) {
        return key.metric() != null && FittedMetrics.perToken(key.metric()) ? " tokens/s" : " seq/s";
    }

    private static String validation(FormFit f, SeriesKey key) {
        String one = switch (key.axis()) {
            case BATCH -> "batch";
            case SEQ -> SeriesKey.lengthName(key.phase());
            case MODEL -> "model";
            case OUTPUT -> "output length";
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
            case "output-linear" -> "Linear in output length";
            case "output-quadratic" -> "Quadratic in output length";
            default -> form;
        };
    }

    private static String est(Estimate e, DoubleFunction<String> fmt) {
        return est(e, fmt, "");
    }

    /** The estimate's value, {@code unit} (e.g. {@code " seq/s"}), and when it has one, its interval. */
    private static String est(Estimate e, DoubleFunction<String> fmt, String unit) {
        if (e == null) {
            return "n/a";
        }
        String ci = Numbers.interval(e.lo(), e.hi(), fmt);
        return fmt.apply(e.value()) + unit + (ci.isEmpty() ? "" : " " + ci);
    }
}
