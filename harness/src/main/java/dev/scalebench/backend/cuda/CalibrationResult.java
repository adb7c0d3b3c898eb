package dev.scalebench.backend.cuda;

import dev.scalebench.kernels.GpuInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ceilings {@code calibrate} measured on one GPU.
 *
 * @param gpu the GPU, as the driver reports it
 * @param driverVersion the driver's CUDA version ({@code 12.4})
 * @param jcudaVersion the JCuda release the launches went through
 * @param when when the measurement finished
 * @param settings how it was measured
 * @param measurements one per target, in {@link CalibrationTarget} order
 * @param notes what the reader should know (buffers smaller than wanted, unstable rates)
 */
public record CalibrationResult(GpuInfo gpu, String driverVersion, String jcudaVersion, Instant when,
        CalibrationSettings settings, List<Measurement> measurements, List<String> notes) {

    public CalibrationResult {
        measurements = List.copyOf(measurements);
        notes = List.copyOf(notes);
    }

    /** The measurement of {@code target}, if it was measured. */
    public Optional<Measurement> of(CalibrationTarget target) {
        return measurements.stream().filter(m -> m.target() == target).findFirst();
    }

    /**
     * One ceiling: the rate of each timed repetition is its work over its device time (CUDA events around the
     * repetition's back-to-back launches).
     *
     * @param target what was measured
     * @param setup the probe's launch in words
     * @param workPerLaunch bytes or FLOPs per launch
     * @param launchesPerRepetition back-to-back launches between the two events of a repetition
     * @param repetitions timed repetitions
     * @param bestRate the highest rate of a repetition (B/s or FLOP/s): the ceiling stored in the profile
     * @param medianRate the median rate of the repetitions
     * @param worstRate the lowest rate of a repetition
     * @param medianRepetitionNanos the median device time of one repetition
     */
    public record Measurement(CalibrationTarget target, String setup, double workPerLaunch, int launchesPerRepetition,
            int repetitions, double bestRate, double medianRate, double worstRate, double medianRepetitionNanos) {

        /** How much faster the best repetition was than the median one ({@code best / median − 1}). */
        public double spread() {
            return bestRate / medianRate - 1;
        }
    }
}
