package dev.scalebench.measure.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The scheduler's counters of each of the process's threads at one moment, from {@code proc/self/task/<tid>/}:
 * the time the thread ran and the time it spent runnable but waiting for a CPU ({@code schedstat}, first and second
 * fields, nanoseconds) and its involuntary context switches ({@code status}, {@code nonvoluntary_ctxt_switches}: the
 * scheduler took the CPU away while the thread could still run); and which thread read them
 * ({@code proc/thread-self/stat}, first field).
 *
 * <p><b>Threads that come and go.</b> {@link #since} gives a difference for each thread listed at the later
 * snapshot: a thread present at both has its difference; a thread that appeared in between counts from zero (its
 * counters started at its birth, inside the window); a thread that exited in between has none (its counters went
 * with it, so a sum over the differences is a lower bound then, never an overcount). A counter listed at the earlier
 * snapshot but unreadable there stays unknown, so a counter that was unreadable once is never counted over its whole
 * lifetime. A counter that went backwards (a thread id reused by a new thread) counts from zero, as a new thread.
 *
 * @param self the id of the thread that took this snapshot, {@code -1} when unreadable
 * @param threads per thread id: {@code [runNanos, waitNanos, involuntarySwitches]}, each {@code -1} where unreadable
 */
record TaskCounters(long self, Map<Long, long[]> threads) {

    /** No thread could be listed. */
    static final TaskCounters NONE = new TaskCounters(-1, Map.of());

    /**
     * One thread's differences between two snapshots, each {@code -1} where unknown.
     *
     * @param runNanos time on a CPU
     * @param waitNanos time runnable but waiting for a CPU
     * @param involuntarySwitches CPUs taken away from it
     */
    record Delta(long runNanos, long waitNanos, long involuntarySwitches) {
        /** Time it could run (on a CPU or waiting for one); -1 when unknown. */
        long runnableNanos() {
            return runNanos < 0 || waitNanos < 0 ? -1 : runNanos + waitNanos;
        }
    }

    /**
     * The counters of every thread of the process now, and the calling thread's id; {@link #NONE} when
     * {@code proc/self/task} cannot be listed.
     */
    static TaskCounters read(LinuxRoots roots) {
        String stat = LinuxRoots.read(roots.proc().resolve("thread-self/stat"));
        long self = stat == null || stat.isBlank() ? -1 : LinuxRoots.nonNegative(stat.trim().split("\\s", 2)[0]);
        Map<Long, long[]> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(roots.self("task"))) {
            for (Path task : tasks) {
                long tid = LinuxRoots.nonNegative(task.getFileName().toString());
                if (tid >= 0) {
                    long[] c = schedstat(LinuxRoots.read(task.resolve("schedstat")));
                    threads.put(tid, new long[] {c[0], c[1], LinuxRoots.nonNegative(LinuxRoots.field(
                            LinuxRoots.read(task.resolve("status")), "nonvoluntary_ctxt_switches:"))});
                }
            }
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
        return new TaskCounters(self, Map.copyOf(threads));
    }

    /** The first two fields of a {@code schedstat} line ({@code <on-cpu ns> <wait ns> <timeslices>}), or -1s. */
    static long[] schedstat(String line) {
        String[] f = line == null ? new String[0] : line.trim().split("\\s+");
        long run = f.length >= 2 ? LinuxRoots.nonNegative(f[0]) : -1;
        long wait = f.length >= 2 ? LinuxRoots.nonNegative(f[1]) : -1;
        return run < 0 || wait < 0 ? new long[] {-1, -1} : new long[] {run, wait};
    }

    /** Each thread's differences since {@code before}, by thread id (class doc). */
    Map<Long, Delta> since(TaskCounters before) {
        Map<Long, Delta> d = new HashMap<>();
        threads.forEach((tid, now) -> {
            long[] then = before.threads.get(tid);
            d.put(tid, new Delta(diff(now, then, 0), diff(now, then, 1), diff(now, then, 2)));
        });
        return d;
    }

    private static long diff(long[] now, long[] then, int field) {
        if (now[field] < 0 || (then != null && then[field] < 0)) {
            return -1;
        }
        return then == null || then[field] > now[field] ? now[field] : now[field] - then[field];
    }

    /** The sum of {@code field} over {@code deltas} whose value is known; -1 when none is. */
    static long sum(Iterable<Delta> deltas, java.util.function.ToLongFunction<Delta> field) {
        long sum = 0;
        boolean any = false;
        for (Delta d : deltas) {
            long v = field.applyAsLong(d);
            if (v >= 0) {
                sum += v;
                any = true;
            }
        }
        return any ? sum : -1;
    }
}
