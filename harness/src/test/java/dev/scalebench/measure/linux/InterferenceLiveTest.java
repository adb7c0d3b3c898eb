package dev.scalebench.measure.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.scalebench.backend.Session;
import dev.scalebench.config.MeasurePolicy;
import dev.scalebench.measure.Clock;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.GcMonitor;
import dev.scalebench.measure.Interference;
import dev.scalebench.measure.TrialMeasurement;
import dev.scalebench.measure.TrialRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * On this Linux machine, through a real {@link TrialRunner}: a spinning trial whose process also runs more busy
 * threads than there are processors is flagged {@code interfered}; a trial that sleeps through its steps is not.
 *
 * <p>Why the quiet trial sleeps: on a shared machine (other builds running) a spinning trial may truly be
 * interfered, so "a quiet trial is not flagged" can only be asserted where quiet holds by construction (and where no
 * thread of this JVM left by an earlier test is still busy: that would be the trial's own process at work, and the
 * quiet test is then skipped). A thread
 * asleep is not runnable, so it cannot wait for a CPU; it waits only from each wake-up until it runs again (two or
 * three wake-ups, measured at up to some 35 ms each at a load average of 15 on 2 cores, on a 4 s loop: under 2 %),
 * and the JVM's housekeeping threads, runnable for far less than half the loop, are not the trial's workers
 * ({@link InterferenceSensor#WORKING_SHARE}). No assertion here depends on how long anything took.
 */
class InterferenceLiveTest {

    private static final GcMonitor NO_GC = () -> new GcMonitor.Snapshot(0, 0);

    private static MeasurePolicy policy(int minIterations, Duration minTime) {
        return new MeasurePolicy(new MeasurePolicy.Warmup(1, Duration.ZERO, 10.0, Duration.ofSeconds(5)),
                new MeasurePolicy.Iterations(minIterations, minTime, Duration.ofSeconds(30)), 0,
                Duration.ofMinutes(2));
    }

    private static TrialMeasurement trial(MeasurePolicy policy, Session session) throws Exception {
        return new TrialRunner(Clock.system(), NO_GC, policy, new InterferenceSensor(LinuxRoots.system()))
                .run(session);
    }

    private static Session session(Runnable step) {
        return new Session() {
            @Override
            public void step() {
                step.run();
            }

            @Override
            public void close() {
            }
        };
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Threads of this JVM, other than the caller, that were runnable for at least half of a 1 s sample: work left
     * running by tests that ran before in the same JVM (an engine's spinning pool), which is the trial's own
     * process's work and would rightly count.
     */
    private static List<String> busyThreadsOfThisJvm() throws InterruptedException {
        LinuxRoots roots = LinuxRoots.system();
        TaskCounters before = TaskCounters.read(roots);
        Thread.sleep(1_000);
        List<String> busy = new ArrayList<>();
        TaskCounters.read(roots).since(before).forEach((tid, d) -> {
            if (tid != before.self() && d.runnableNanos() >= 500_000_000L) {
                String comm = LinuxRoots.read(roots.self("task/" + tid + "/comm"));
                busy.add(tid + " " + (comm == null ? "?" : comm.trim()));
            }
        });
        return busy;
    }

    @Test
    void aTrialThatSleepsThroughItsStepsIsNotFlagged() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/self/schedstat"))).as("Linux with schedstat").isTrue();
        assumeThat(busyThreadsOfThisJvm()).as("other busy threads in this JVM").isEmpty();
        // 2 steps of 2 s asleep
        TrialMeasurement quiet = trial(policy(2, Duration.ZERO), session(() -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Interference q = quiet.machine().interference();
        assertThat(q.runQueueWaitFraction()).as("quiet: %s", q).isBetween(0.0, Interference.RUN_QUEUE_WAIT_THRESHOLD);
        assertThat(quiet.flags()).as("quiet: %s", q).doesNotContain(Flag.INTERFERED);
    }

    @Test
    void busyThreadsOfItsOwnProcessFlagASpinningTrial() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/self/schedstat"))).as("Linux with schedstat").isTrue();
        // twice as many busy threads as processors, plus one, all runnable during the measured loop
        int busy = 2 * Runtime.getRuntime().availableProcessors() + 1;
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < busy; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
            }, "busy-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        TrialMeasurement loaded;
        try {
            loaded = trial(policy(100, Duration.ofMillis(500)), session(() -> spin(1_000_000)));
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
        Interference l = loaded.machine().interference();
        // each of busy + 1 runnable threads gets at most processors / (busy + 1) of a CPU: the summed wait is over
        // (busy + 1) − processors = processors + 2 loop-lengths, far above any threshold
        assertThat(l.runQueueWaitFraction()).as("loaded: %s", l).isGreaterThan(0.5);
        assertThat(l.involuntarySwitches()).as("loaded: %s", l).isPositive();
        assertThat(loaded.flags()).as("loaded: %s", l).contains(Flag.INTERFERED);
    }
}
