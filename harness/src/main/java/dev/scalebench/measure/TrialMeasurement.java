package dev.scalebench.measure;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What {@link TrialRunner} measured in one trial.
 *
 * @param histogram per-iteration host latency in nanoseconds (3 significant digits)
 * @param warmupIterations warm-up iterations run
 * @param warmupNanos warm-up duration
 * @param steady whether warm-up reached a steady state before its maximum time
 * @param iterations measured iterations
 * @param measuredNanos duration of the measured loop
 * @param deviceNanos summed device time of the measured iterations, {@code -1} without device timing
 * @param gc collector pauses during the measured loop
 * @param stopReason why the loop ended
 * @param flags quality flags (see {@link Flag}), in the order found
 */
public record TrialMeasurement(
        Histogram histogram,
        long warmupIterations,
        long warmupNanos,
        boolean steady,
        long iterations,
        long measuredNanos,
        long deviceNanos,
        GcMonitor.Snapshot gc,
        StopReason stopReason,
        List<Flag> flags) {

    public TrialMeasurement {
        flags = List.copyOf(flags);
    }
}
