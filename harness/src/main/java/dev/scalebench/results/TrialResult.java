package dev.scalebench.results;

import dev.scalebench.backend.FailureKind;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.StopReason;
import java.time.Instant;
import java.util.List;

/**
 * What the journal records about one finished trial. Latency percentiles are not stored here: they are derived
 * from the trial's histogram in {@code histograms.hlog} (scores are derived, never stored twice).
 *
 * @param trialId {@code <point id>#r<replicate>}
 * @param pointId the point's id
 * @param replicate 0-based replicate (= block)
 * @param sequence position in the run order
 * @param status {@code OK} or {@code FAILED}
 * @param failureKind why a failed trial failed (written as its {@link FailureKind#id() id}: {@code out-of-memory},
 *     {@code engine-error}, {@code unsupported}, {@code timeout}, {@code infeasible}); {@code null} when ok
 * @param failureMessage the reason in words; {@code null} when ok
 * @param started wall-clock start
 * @param ended wall-clock end
 * @param warmupIterations warm-up iterations run
 * @param warmupNanos warm-up duration
 * @param steady whether warm-up reached a steady state
 * @param iterations measured iterations (= the histogram's total count)
 * @param measuredNanos duration of the measured loop
 * @param deviceNanos summed device time of the measured iterations, or {@code -1} without device timing
 * @param gcCount garbage collections during the measured loop
 * @param gcPauseNanos their summed duration
 * @param stopReason why measurement stopped (written as its {@link StopReason#id() id}: {@code target-ci},
 *     {@code max-time}, {@code min-reached}); {@code null} for a failed trial
 * @param flags quality flags in the order the measurement found them (written as their {@link Flag#id() ids}:
 *     {@code gc}, {@code not-steady}, {@code p99-low-confidence}, {@code max-time})
 */
public record TrialResult(
        String trialId,
        String pointId,
        int replicate,
        int sequence,
        Status status,
        FailureKind failureKind,
        String failureMessage,
        Instant started,
        Instant ended,
        long warmupIterations,
        long warmupNanos,
        boolean steady,
        long iterations,
        long measuredNanos,
        long deviceNanos,
        long gcCount,
        long gcPauseNanos,
        StopReason stopReason,
        List<Flag> flags) {

    public TrialResult {
        flags = List.copyOf(flags);
    }

    /** Outcome of a trial. */
    public enum Status { OK, FAILED }

    public boolean ok() {
        return status == Status.OK;
    }

    /** A failed trial: nothing measured. */
    public static TrialResult failed(String trialId, String pointId, int replicate, int sequence, FailureKind kind,
            String message, Instant started, Instant ended) {
        return new TrialResult(trialId, pointId, replicate, sequence, Status.FAILED, kind, message, started, ended,
                0, 0, false, 0, 0, -1, 0, 0, null, List.of());
    }
}
