package dev.scalebench.analysis.capacity;

import dev.scalebench.analysis.FittedMetrics;
import dev.scalebench.analysis.Numbers;

/**
 * A capacity answer in words ({@link Capacity#sentence()}), e.g. {@code llama-tiny fp32 generate at seq 64,
 * output 32: the largest batch with p99 TTFT ≤ 2 s and p99 TPOT ≤ 100 ms is 96 [88, 104], 2.4k [2.2k, 2.6k]
 * output tokens/s (25 per user); p99 TPOT reaches its limit between the measured batches 64 and 128
 * (interpolated log–log)}. A bound of the interval beyond the measured batches reads {@code ≥ 256} or
 * {@code below 1}; an answer outside them says so and names the measured batch it stops at.
 */
final class CapacityWords {

    private CapacityWords() {
    }

    /** The sentence of {@code c}; {@code missedNs} is the binding latency at the smallest batch (NONE_MET). */
    static String sentence(Capacity c, double missedNs) {
        String head = c.label() + ": ";
        String slo = c.slo().text();
        return switch (c.status()) {
            case WITHIN -> head + "the largest batch with " + slo + " is " + batch(c.batch()) + interval(c) + ", "
                    + tokens(c) + "; " + FittedMetrics.words(c.binding()) + " reaches its limit between the "
                    + "measured batches " + batch(c.below()) + " and " + batch(c.above()) + " (interpolated log–log)";
            case ALL_MET -> head + "every measured batch meets " + slo + ": the largest batch meeting "
                    + (c.slo().slos().size() == 1 ? "it" : "them") + " is at least "
                    + batch(c.maxBatch()) + ", the largest measured" + interval(c) + ", " + tokens(c)
                    + "; larger batches were not measured and are not extrapolated";
            case NONE_MET -> head + "no measured batch meets " + slo + ": " + FittedMetrics.words(c.binding())
                    + " is " + Numbers.seconds(missedNs * 1e-9) + " already at batch " + batch(c.minBatch())
                    + ", the smallest measured; smaller batches were not measured and are not extrapolated"
                    + (interval(c).isEmpty() ? "" : " (interval of the largest batch meeting "
                            + (c.slo().slos().size() == 1 ? "it" : "them") + ":" + interval(c) + ")");
        };
    }

    /** {@code 2.4k [2.2k, 2.6k] output tokens/s (25 per user)}. */
    private static String tokens(Capacity c) {
        String ci = Numbers.interval(c.tokensPerSLo(), c.tokensPerSHi(), Numbers::si);
        return Numbers.si(c.tokensPerS()) + (ci.isEmpty() ? "" : " " + ci) + " output tokens/s ("
                + Numbers.si(c.tokensPerSPerUser()) + " per user)";
    }

    /**
     * {@code  [88, 104]}, with {@code ≥ 256} for a bound at the largest measured batch and {@code below 1} for one
     * below the smallest; empty without an interval or when it says no more than the status (all resamples met
     * every batch, or none).
     */
    static String interval(Capacity c) {
        if (!c.hasInterval()) {
            return "";
        }
        boolean allAbove = c.batchLo() >= c.maxBatch();
        boolean allBelow = c.batchHi() < c.minBatch();
        if (allAbove || allBelow) {
            return "";
        }
        return " [" + bound(c, c.batchLo()) + ", " + bound(c, c.batchHi()) + "]";
    }

    /** A bound of the interval: a batch, {@code ≥ max} or {@code below min}. */
    static String bound(Capacity c, double v) {
        if (v >= c.maxBatch()) {
            return "≥ " + batch(c.maxBatch());
        }
        if (v < c.minBatch()) {
            return "below " + batch(c.minBatch());
        }
        return batch(v);
    }

    /** A whole batch: {@code 96}. */
    static String batch(double v) {
        return Double.isFinite(v) ? Long.toString((long) v) : "n/a";
    }
}
