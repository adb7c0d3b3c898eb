package dev.scalebench.measure;

/**
 * How much other work kept a trial's threads from running during its measured loop (Linux; docs/measurement.md,
 * "Interference"). The two fractions are of the loop's duration and decide the {@link Flag#INTERFERED} flag; the
 * rest is context, recorded so a reader can tell a neighbour from a slow clock.
 *
 * @param runQueueWaitFraction time the process's threads spent runnable but waiting for a CPU
 *     ({@code /proc/self/task/<tid>/schedstat}, second field, summed over threads) over the loop's duration; NaN when
 *     unreadable
 * @param stealFraction CPU time the hypervisor gave to other guests ({@code /proc/stat}, {@code steal}) over the
 *     CPU time that passed on the CPUs the process may use; NaN when unreadable
 * @param involuntarySwitches involuntary context switches of the process's threads during the loop
 *     ({@code nonvoluntary_ctxt_switches}), {@code -1} when unreadable
 * @param loadAverage1m the one-minute load average at the loop's end, NaN when unreadable
 * @param cpuMHz the mean current frequency of the CPUs the process may use at the loop's end, NaN when unreadable
 */
public record Interference(double runQueueWaitFraction, double stealFraction, long involuntarySwitches,
        double loadAverage1m, double cpuMHz) {

    /**
     * Run-queue wait above this fraction of the loop flags the trial: {@value}. Why this value: docs/measurement.md,
     * "Interference".
     */
    public static final double RUN_QUEUE_WAIT_THRESHOLD = 0.05;

    /** Steal time above this fraction of the loop flags the trial: {@value}. */
    public static final double STEAL_THRESHOLD = 0.02;

    /** Whether either fraction passed its threshold (an unreadable fraction never does). */
    public boolean interfered() {
        return runQueueWaitFraction > RUN_QUEUE_WAIT_THRESHOLD || stealFraction > STEAL_THRESHOLD;
    }
}
