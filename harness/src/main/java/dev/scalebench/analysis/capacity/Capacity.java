package dev.scalebench.analysis.capacity;

import dev.scalebench.results.TrialMetric;
import java.util.Locale;

/**
 * The capacity answer of one generate series over batch (fixed model, dtype, seq and output) under one SLO set:
 * the largest batch whose point meets every objective, read from the measured points only ({@link CapacityFinder}).
 *
 * @param model model name
 * @param dtype element type
 * @param seq prompt length
 * @param output output tokens per request
 * @param slo the objectives
 * @param status where the answer lies: between two measured batches, at or above the largest, or below the
 *     smallest
 * @param batch the largest batch meeting every objective, rounded down to a whole batch: interpolated between the
 *     two measured batches that bracket the first crossing ({@link Status#WITHIN}), the largest measured batch
 *     ({@link Status#ALL_MET}: at least this), NaN for {@link Status#NONE_MET}
 * @param batchLo lower bound of its bootstrap interval: 0 when the bound lies below the smallest measured batch
 *     (there, no measured batch meets the objectives); NaN without an interval
 * @param batchHi upper bound: the largest measured batch when the bound lies at or beyond it (every measured batch
 *     meets the objectives there); NaN without an interval
 * @param binding the objective crossed first ({@link Status#WITHIN}), or missed at the smallest batch
 *     ({@link Status#NONE_MET}); null when all are met
 * @param below the measured batch just below the crossing (the smallest measured for {@link Status#NONE_MET})
 * @param above the measured batch just above the crossing (the largest measured for {@link Status#ALL_MET})
 * @param minBatch the smallest measured batch of the series
 * @param maxBatch the largest measured batch of the series
 * @param tokensPerS output tokens per second of all sequences at {@code batch} (interpolated like the batch); NaN
 *     for {@link Status#NONE_MET}
 * @param tokensPerSLo lower bound of its bootstrap interval (over the resamples that meet the objectives at some
 *     measured batch), NaN without
 * @param tokensPerSHi upper bound, NaN without
 * @param resamples bootstrap resamples the interval is from (0: no interval)
 * @param sentence the answer in words, with its intervals
 */
public record Capacity(String model, String dtype, int seq, int output, SloSet slo, Status status, double batch,
        double batchLo, double batchHi, TrialMetric binding, double below, double above, double minBatch,
        double maxBatch, double tokensPerS, double tokensPerSLo, double tokensPerSHi, int resamples,
        String sentence) {

    /** Where the largest batch meeting every objective lies relative to the measured batches. */
    public enum Status {
        /** Between two measured batches: met at the lower, missed at the upper. */
        WITHIN("within"),
        /** Met at every measured batch: at least the largest measured; never extrapolated beyond it. */
        ALL_MET("all-met"),
        /** Missed already at the smallest measured batch; never extrapolated below it. */
        NONE_MET("none-met");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        /** {@code within}, {@code all-met}, {@code none-met}: the name in {@code fits.json}. */
        public String id() {
            return id;
        }

        /** The status called {@code id}, or null. */
        public static Status byId(String id) {
            for (Status s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** Output tokens per second of one sequence (one user) at {@code batch}: {@code tokensPerS / batch}. */
    public double tokensPerSPerUser() {
        return tokensPerS / batch;
    }

    /** The series, e.g. {@code llama-tiny/fp32/generate/s64/o32}. */
    public String seriesId() {
        return model + "/" + dtype + "/generate/s" + seq + "/o" + output;
    }

    /** The series in words, e.g. {@code llama-tiny fp32 generate at seq 64, output 32}. */
    public String label() {
        return label(model, dtype, seq, output);
    }

    /** A generate series in words, e.g. {@code llama-tiny fp32 generate at seq 64, output 32}. */
    static String label(String model, String dtype, int seq, int output) {
        return String.format(Locale.ROOT, "%s %s generate at seq %d, output %d", model, dtype, seq, output);
    }

    /** This answer with its sentence. */
    Capacity withSentence(String text) {
        return new Capacity(model, dtype, seq, output, slo, status, batch, batchLo, batchHi, binding, below, above,
                minBatch, maxBatch, tokensPerS, tokensPerSLo, tokensPerSHi, resamples, text);
    }

    /**
     * The batch's interval in words, {@code [88, 104]}, a bound beyond the measured batches written {@code ≥ 256}
     * or {@code below 1}; empty without an interval, or when every resample lies beyond the same end (it says no
     * more than {@link #status()}).
     */
    public String batchInterval() {
        return CapacityWords.interval(this).trim();
    }

    /** Whether the answer has a bootstrap interval. */
    public boolean hasInterval() {
        return resamples > 0 && Double.isFinite(batchLo) && Double.isFinite(batchHi);
    }
}
