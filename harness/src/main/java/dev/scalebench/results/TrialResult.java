package dev.scalebench.results;

import dev.scalebench.backend.FailureKind;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.StopReason;
import java.time.Instant;
import java.util.List;

/**
 * What the journal records about one finished trial, as small nested records: who it is, how it ended
 * ({@link Failure}), when, and what its measured loop did ({@link Measured}). Latency percentiles are not stored here:
 * they are derived from the trial's histogram in {@code histograms.hlog} (scores are derived, never stored twice).
 * The journal line is flat (results/README.md, "trials.jsonl"); {@code JournalCodec} maps it to and from this record.
 *
 * @param trialId {@code <point id>#r<replicate>} ({@link dev.scalebench.plan.TrialId})
 * @param pointId the point's id
 * @param replicate 0-based replicate (= block)
 * @param sequence position in the run order
 * @param status {@code OK} or {@code FAILED}
 * @param failure why a failed trial failed; {@code null} when ok
 * @param started wall-clock start
 * @param ended wall-clock end
 * @param measured what the warm-up and the measured loop did ({@link Measured#NONE} for a failed trial)
 * @param flags quality flags in the order the measurement found them (written as their {@link Flag#id() ids}:
 *     {@code gc}, {@code not-steady}, {@code p99-low-confidence}, {@code max-time})
 */
public record TrialResult(String trialId, String pointId, int replicate, int sequence, Status status, Failure failure,
        Instant started, Instant ended, Measured measured, List<Flag> flags) {

    public TrialResult {
        flags = List.copyOf(flags);
        measured = measured == null ? Measured.NONE : measured;
    }

    /** Outcome of a trial. */
    public enum Status { OK, FAILED }

    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * Why a trial failed.
     *
     * @param kind the kind (written as its {@link FailureKind#id() id}: {@code out-of-memory}, {@code engine-error},
     *     {@code unsupported}, {@code timeout}, {@code infeasible}); may be null in a journal that named none
     * @param message the reason in words, or null
     */
    public record Failure(FailureKind kind, String message) {

        /** {@code kind: message}, or the one of the two there is ({@code failed} when neither). */
        public String describe() {
            String k = kind == null ? "failed" : kind.id();
            return message == null ? k : k + ": " + message;
        }
    }

    /**
     * What a trial's warm-up and measured loop did.
     *
     * @param warmup the warm-up
     * @param iterations measured iterations (= the histogram's total count)
     * @param nanos duration of the measured loop
     * @param deviceNanos summed device time of the measured iterations, or {@code -1} without device timing
     * @param gc garbage collection during the measured loop
     * @param stopReason why measurement stopped (written as its {@link StopReason#id() id}: {@code target-ci},
     *     {@code max-time}, {@code min-reached}); {@code null} for a failed trial
     * @param memPeakBytes peak memory growth from before the point's session was built to the end of the trial,
     *     bytes ({@link dev.scalebench.measure.MemoryProbe}: resident memory on a CPU, device memory on a GPU);
     *     {@code -1} when unknown (no probe, a journal written before the field existed, a failed trial)
     * @param machine what the sensors read about the machine over the measured loop (interference, energy, GPU
     *     state); {@link MachineReading#NONE} when nothing was read
     */
    public record Measured(Warmup warmup, long iterations, long nanos, long deviceNanos, Gc gc,
            StopReason stopReason, long memPeakBytes, MachineReading machine) {

        /** Nothing measured (a failed trial). */
        public static final Measured NONE = new Measured(new Warmup(0, 0, false), 0, 0, -1, new Gc(0, 0), null);

        public Measured {
            machine = machine == null ? MachineReading.NONE : machine;
        }

        /** What a trial did, its memory unknown. */
        public Measured(Warmup warmup, long iterations, long nanos, long deviceNanos, Gc gc, StopReason stopReason) {
            this(warmup, iterations, nanos, deviceNanos, gc, stopReason, -1);
        }

        /** What a trial did, nothing read about the machine. */
        public Measured(Warmup warmup, long iterations, long nanos, long deviceNanos, Gc gc, StopReason stopReason,
                long memPeakBytes) {
            this(warmup, iterations, nanos, deviceNanos, gc, stopReason, memPeakBytes, MachineReading.NONE);
        }

        /** Whether the trial's peak memory was measured. */
        public boolean memoryKnown() {
            return memPeakBytes >= 0;
        }

        /** Mean device time per measured iteration, ns, or NaN without device timing. */
        public double deviceNsPerIteration() {
            return deviceNanos >= 0 && iterations > 0 ? (double) deviceNanos / iterations : Double.NaN;
        }
    }

    /**
     * @param iterations warm-up iterations run
     * @param nanos warm-up duration
     * @param steady whether warm-up reached a steady state
     */
    public record Warmup(long iterations, long nanos, boolean steady) { }

    /**
     * @param count garbage collections during the measured loop
     * @param pauseNanos their summed duration
     */
    public record Gc(long count, long pauseNanos) { }

    /** Why {@code t} failed in words: {@code kind: message} ({@link Failure#describe()}), {@code failed} when unknown. */
    public static String describeFailure(TrialResult t) {
        return t.failure() == null ? "failed" : t.failure().describe();
    }

    /** A failed trial: nothing measured. */
    public static TrialResult failed(String trialId, String pointId, int replicate, int sequence, FailureKind kind,
            String message, Instant started, Instant ended) {
        return new TrialResult(trialId, pointId, replicate, sequence, Status.FAILED, new Failure(kind, message),
                started, ended, Measured.NONE, List.of());
    }
}
