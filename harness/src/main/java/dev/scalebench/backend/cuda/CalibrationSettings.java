package dev.scalebench.backend.cuda;

import java.time.Duration;

/**
 * How {@link Calibration} measures each ceiling.
 *
 * @param repetitions timed repetitions per probe (at least 3)
 * @param warmup device time each probe runs before the timed repetitions (clocks ramp up, caches and TLBs warm)
 * @param repetitionTime the device time one repetition lasts at least: back-to-back launches between two CUDA events
 *     (long against the events' half-microsecond resolution, and sustained over thousands of waves)
 * @param minLaunchTime the device time one compute-probe launch lasts at least (its loop count is scaled to it),
 *     so that launch gaps do not dilute the rate
 * @param minBufferBytes the smallest buffer a bandwidth probe streams (besides eight times the L2)
 */
public record CalibrationSettings(int repetitions, Duration warmup, Duration repetitionTime, Duration minLaunchTime,
        long minBufferBytes) {

    /** 30 repetitions of at least 20 ms after 1 s of warm-up; compute launches of 2 ms; buffers of 256 MiB. */
    public static final CalibrationSettings DEFAULTS = new CalibrationSettings(30, Duration.ofSeconds(1),
            Duration.ofMillis(20), Duration.ofMillis(2), 256L << 20);

    /** L2 multiples a bandwidth buffer spans at least, so that the probe streams from device memory. */
    public static final int L2_MULTIPLE = 8;

    public CalibrationSettings {
        if (repetitions < 3) {
            throw new IllegalArgumentException("repetitions must be >= 3, got " + repetitions);
        }
        if (warmup.isNegative() || repetitionTime.isNegative() || repetitionTime.isZero() || minLaunchTime.isNegative()
                || minLaunchTime.isZero() || minBufferBytes < 16) {
            throw new IllegalArgumentException("durations must be positive (warm-up >= 0) and buffers >= 16 bytes");
        }
    }

    /** These settings with {@code n} repetitions. */
    public CalibrationSettings withRepetitions(int n) {
        return new CalibrationSettings(n, warmup, repetitionTime, minLaunchTime, minBufferBytes);
    }

    /** These settings with {@code d} of warm-up. */
    public CalibrationSettings withWarmup(Duration d) {
        return new CalibrationSettings(repetitions, d, repetitionTime, minLaunchTime, minBufferBytes);
    }
}
