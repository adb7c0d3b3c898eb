package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.Session;
import dev.scalebench.config.MeasurePolicy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The measured loop must allocate nothing per iteration: allocation must not grow with the iteration count. */
class TimedLoopAllocationTest {

    private static long allocatedBy(int iterations) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MeasurePolicy p = new MeasurePolicy(new MeasurePolicy.Warmup(1, Duration.ZERO, 1.0, Duration.ofSeconds(1)),
                new MeasurePolicy.Iterations(iterations, Duration.ZERO, Duration.ofMinutes(1)), 0, Duration.ofMinutes(2));
        Session noop = new Session() {
            @Override
            public void step() {
            }

            @Override
            public void close() {
            }
        };
        // Counts steps on a fake clock that ticks 1 µs per read, so the loop runs exactly `iterations` times
        // (checks happen every 50 ms of clock time, i.e. every 25 000 reads).
        FakeClock clock = new FakeClock();
        Clock ticking = () -> {
            clock.advance(1_000);
            return clock.nanoTime();
        };
        TrialRunner runner = new TrialRunner(ticking, () -> new GcMonitor.Snapshot(0, 0), p);
        runner.run(noop); // warm the code paths
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        TrialMeasurement m = runner.run(noop);
        long after = threads.getThreadAllocatedBytes(tid);
        assertThat(m.iterations()).isEqualTo(iterations);
        return after - before;
    }

    /** As {@link #allocatedBy}, for the generation loop: requests of 8 output tokens (a prefill and 7 decodes). */
    private static long allocatedByGeneration(int requests) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MeasurePolicy p = new MeasurePolicy(new MeasurePolicy.Warmup(1, Duration.ZERO, 1.0, Duration.ofSeconds(1)),
                new MeasurePolicy.Iterations(requests, Duration.ZERO, Duration.ofHours(1)), 0, Duration.ofHours(2));
        dev.scalebench.backend.GenerationSession noop = new dev.scalebench.backend.GenerationSession() {
            @Override
            public int outputTokens() {
                return 8;
            }

            @Override
            public void prefill() {
            }

            @Override
            public void decode() {
            }

            @Override
            public void close() {
            }
        };
        FakeClock clock = new FakeClock();
        Clock ticking = () -> {
            clock.advance(1_000);
            return clock.nanoTime();
        };
        TrialRunner runner = new TrialRunner(ticking, () -> new GcMonitor.Snapshot(0, 0), p);
        runner.run(noop);
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        TrialMeasurement m = runner.run(noop);
        long after = threads.getThreadAllocatedBytes(tid);
        assertThat(m.iterations()).isEqualTo(requests);
        assertThat(m.generation().itl().getTotalCount()).isEqualTo(7L * requests);
        return after - before;
    }

    @Test
    void theGenerationLoopAllocatesNothingPerTokenEither() throws Exception {
        allocatedByGeneration(2_000);
        long few = allocatedByGeneration(2_000);
        long many = allocatedByGeneration(200_000);
        assertThat(many - few).as("bytes allocated by 198 000 extra requests (1.6 M tokens)").isLessThan(64 * 1024);
    }

    @Test
    void allocationDoesNotGrowWithIterations() throws Exception {
        allocatedBy(10_000);
        long few = allocatedBy(10_000);
        long many = allocatedBy(1_000_000);
        // Per trial there are fixed allocations (histograms, the result); per iteration there must be none.
        assertThat(many - few).as("bytes allocated by 990 000 extra iterations").isLessThan(64 * 1024);
    }
}
