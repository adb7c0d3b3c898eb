package dev.scalebench.measure;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What {@link TrialRunner} measured in one trial.
 *
 * @param histogram per-iteration host latency in nanoseconds (3 significant digits); for a generate trial, the
 *     end-to-end latency of each request
 * @param warmupIterations warm-up iterations run
 * @param warmupNanos warm-up duration
 * @param steady whether warm-up reached a steady state before its maximum time
 * @param iterations measured iterations
 * @param measuredNanos duration of the measured loop
 * @param deviceNanos summed device time of the measured iterations, {@code -1} without device timing
 * @param gc collector pauses during the measured loop
 * @param stopReason why the loop ended
 * @param flags quality flags (see {@link Flag}), in the order found
 * @param generation a generate trial's histograms by token; {@code null} for a step trial
 * @param machine what the {@link TrialSensor sensors} read over the measured loop ({@link MachineReading#NONE}
 *     without sensors)
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
        List<Flag> flags,
        Generation generation,
        MachineReading machine) {

    public TrialMeasurement {
        flags = List.copyOf(flags);
        machine = machine == null ? MachineReading.NONE : machine;
    }

    /**
     * What a generate trial recorded besides the end-to-end latency per request (docs/measurement.md, "Generation").
     *
     * @param outputTokens output tokens per sequence per request
     * @param ttft time to first token, one value per request (ns)
     * @param tpot time per output token (the request's mean inter-token latency), one value per request with at
     *     least two output tokens (ns)
     * @param itl inter-token latency, one value per decode step (ns)
     */
    public record Generation(int outputTokens, Histogram ttft, Histogram tpot, Histogram itl) { }
}
