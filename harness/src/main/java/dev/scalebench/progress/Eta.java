package dev.scalebench.progress;

import java.time.Duration;

/**
 * Remaining time of a sweep: the cost model's estimate for the trials left, scaled by how the finished trials
 * compared with their own estimates (so a cost model that is 2× optimistic on this machine is corrected after the
 * first trials).
 */
public final class Eta {
    private final double remainingEstimateNanos;
    private final double doneEstimateNanos;
    private final double doneActualNanos;

    private Eta(double remaining, double doneEstimate, double doneActual) {
        this.remainingEstimateNanos = remaining;
        this.doneEstimateNanos = doneEstimate;
        this.doneActualNanos = doneActual;
    }

    /** Before any trial: only the estimate. */
    public static Eta of(Duration totalEstimate) {
        return new Eta(totalEstimate.toNanos(), 0, 0);
    }

    /** After a trial whose estimate was {@code estimate} took {@code actual}. */
    public Eta afterTrial(Duration estimate, Duration actual) {
        return new Eta(Math.max(0, remainingEstimateNanos - estimate.toNanos()),
                doneEstimateNanos + estimate.toNanos(), doneActualNanos + actual.toNanos());
    }

    /** Estimated time left. */
    public Duration remaining() {
        double scale = doneEstimateNanos > 0 ? doneActualNanos / doneEstimateNanos : 1.0;
        return Duration.ofNanos((long) (remainingEstimateNanos * scale));
    }

    /** {@code 1h02m}, {@code 3m05s}, {@code 42s}, {@code <1s}, {@code 0s}. */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s == 0 && !d.isZero() && !d.isNegative()) {
            return "<1s";
        }
        if (s >= 3600) {
            return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
