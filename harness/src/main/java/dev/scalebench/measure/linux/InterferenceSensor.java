package dev.scalebench.measure.linux;

import dev.scalebench.measure.Interference;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.TrialSensor;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * How much other work kept the process's threads from a CPU during a trial's measured loop, on Linux: an
 * {@link Interference} reading from {@code /proc} (docs/measurement.md, "Interference").
 *
 * <p><b>What is read.</b> At {@link #begin()}: every thread's scheduler counters ({@code proc/self/task/<tid>/schedstat}
 * and {@code status}, {@link TaskCounters}), which thread is calling (the stepping thread: {@code TrialRunner} opens
 * the window on the thread that runs the loop) and the CPU time accounts of {@code proc/stat} ({@link CpuTimes}). At
 * the window's end: the same again, the one-minute load average ({@code proc/loadavg}) and the CPUs' current
 * frequency (cpufreq, else {@code proc/cpuinfo}). Each read costs a few dozen small file reads, outside the timed
 * region.
 *
 * <p><b>Run-queue wait.</b> {@code runQueueWaitFraction} is Σ Δwait / measuredNanos over the trial's <em>working</em>
 * threads: the stepping thread, and every other thread of the process that was runnable (on a CPU or waiting for one)
 * for at least {@link #WORKING_SHARE} of the loop, such as an engine's intra-op threads (libtorch's OpenMP pool,
 * whose threads spin between parallel regions). The sum is <em>not</em> divided by the number of threads: a step
 * ends when its slowest thread has finished its share, so a wait of any one of them delays the step, by between the
 * largest thread's wait and the sum; dividing would report a quarter of the delay when one of four threads waited,
 * so the sum (the conservative end) is compared with the threshold. With one thread stepping (the sim backend, a GPU
 * engine's launching thread) it is the fraction of the loop that thread was kept off a CPU, waking from a blocking
 * wait included. Threads runnable for less than half the loop are the JVM's housekeeping (its periodic task, its
 * safepoint thread, a short compilation): measured on this 2-core machine at a load average of 11, they waited 1 to
 * 20 % of a second in which the process slept, which would flag trials whose steps no neighbour delayed. Whoever held
 * the CPU counts: threads of the process that outnumber the CPUs (more intra-op threads than cores) wait too, and the
 * flag then says so.
 *
 * <p><b>Steal.</b> {@code stealFraction} is Δsteal / Δtotal over {@code proc/stat}'s lines of the CPUs the process
 * may use ({@code Cpus_allowed_list}; all CPUs when unreadable), NaN when fewer than {@link #MIN_TICKS_PER_CPU}
 * ticks per CPU passed (half a second): the accounts have a 10 ms resolution, and a fraction of a few ticks would be
 * noise that could flag a clean trial.
 *
 * <p>An unreadable source gives NaN ({@code -1} for the switches) and never a flag; a process with no
 * {@code proc/self/task} (not Linux) gets no sensor at all ({@link #linux()}). Threads that appear or exit during
 * the loop: {@link TaskCounters}. The involuntary context switches are summed over all the process's threads.
 */
public final class InterferenceSensor implements TrialSensor {

    /** Steal is reported only over at least this many {@code proc/stat} ticks per counted CPU: 50 (0.5 s). */
    public static final long MIN_TICKS_PER_CPU = 50;

    /**
     * A thread other than the stepping one counts as one of the trial's workers when it was runnable for at least
     * this share of the loop: 0.5.
     */
    public static final double WORKING_SHARE = 0.5;

    private final LinuxRoots roots;

    /** A sensor reading {@code roots} ({@link LinuxRoots#system()} in a sweep, fixture folders in tests). */
    public InterferenceSensor(LinuxRoots roots) {
        this.roots = roots;
    }

    /** This process's sensor, or {@link TrialSensor#NONE} where there is no {@code /proc/self/task} (not Linux). */
    public static TrialSensor linux() {
        LinuxRoots roots = LinuxRoots.system();
        return Files.isDirectory(roots.self("task")) ? new InterferenceSensor(roots) : TrialSensor.NONE;
    }

    @Override
    public Window begin() {
        try {
            List<Integer> cpus = CpuList.allowed(roots).orElse(null);
            CpuTimes cpuBefore = CpuTimes.read(roots);
            TaskCounters before = TaskCounters.read(roots);
            return measuredNanos -> {
                try {
                    return new MachineReading(reading(cpus, cpuBefore, before, measuredNanos), null, null);
                } catch (RuntimeException e) {
                    return MachineReading.NONE; // a sensor never fails a trial
                }
            };
        } catch (RuntimeException e) {
            return measuredNanos -> MachineReading.NONE;
        }
    }

    private Interference reading(List<Integer> cpus, CpuTimes cpuBefore, TaskCounters before, long measuredNanos) {
        TaskCounters after = TaskCounters.read(roots);
        CpuTimes cpuAfter = CpuTimes.read(roots);
        Map<Long, TaskCounters.Delta> threads = after.since(before);
        double steal = cpuAfter.stealFractionSince(cpuBefore, cpus, MIN_TICKS_PER_CPU);
        return new Interference(runQueueWaitFraction(threads, before.self(), measuredNanos), steal,
                TaskCounters.sum(threads.values(), TaskCounters.Delta::involuntarySwitches),
                HostLoad.loadAverage1m(roots), HostLoad.cpuMHz(roots, cpus));
    }

    /**
     * Σ Δwait of the working threads (class doc) over {@code measuredNanos}; 0 when no thread worked, NaN when no
     * thread's wait could be read or the loop took no time.
     *
     * @param stepping the id of the thread that ran the loop, {@code -1} when unknown
     */
    static double runQueueWaitFraction(Map<Long, TaskCounters.Delta> threads, long stepping, long measuredNanos) {
        if (measuredNanos <= 0 || TaskCounters.sum(threads.values(), TaskCounters.Delta::waitNanos) < 0) {
            return Double.NaN;
        }
        long wait = 0;
        for (Map.Entry<Long, TaskCounters.Delta> e : threads.entrySet()) {
            TaskCounters.Delta d = e.getValue();
            boolean working = e.getKey() == stepping || d.runnableNanos() >= WORKING_SHARE * measuredNanos;
            if (working && d.waitNanos() >= 0) {
                wait += d.waitNanos();
            }
        }
        return (double) wait / measuredNanos;
    }
}
