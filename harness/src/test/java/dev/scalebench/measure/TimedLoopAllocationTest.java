package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.Session;
import dev.scalebench.config.MeasurePolicy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The measured loops must allocate nothing per iteration (the step loop) or per token (the generation loop):
 * allocation must not grow with the iteration count.
 */
class TimedLoopAllocationTest {

    /** Bytes this thread allocated measuring {@code iterations} iterations of {@code session}, after one warm trial. */
    private static long allocatedBy(Session session, int iterations) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MeasurePolicy p = new MeasurePolicy(new MeasurePolicy.Warmup(1, Duration.ZERO, 1.0, Duration.ofSeconds(1)),
                new MeasurePolicy.Iterations(iterations, Duration.ZERO, Duration.ofHours(1)), 0, Duration.ofHours(2));
        // Counts steps on a fake clock that ticks 1 µs per read, so the loop runs exactly `iterations` times
        // (checks happen every 50 ms of clock time, i.e. every 50 000 reads).
        FakeClock clock = new FakeClock();
        Clock ticking = () -> {
            clock.advance(1_000);
            return clock.nanoTime();
        };
        TrialRunner runner = new TrialRunner(ticking, () -> new GcMonitor.Snapshot(0, 0), p);
        runner.run(session); // warm the code paths
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        TrialMeasurement m = runner.run(session);
        long after = threads.getThreadAllocatedBytes(tid);
        assertThat(m.iterations()).isEqualTo(iterations);
        if (m.generation() != null) {
            assertThat(m.generation().itl().getTotalCount())
                    .isEqualTo((m.generation().outputTokens() - 1L) * iterations);
        }
        return after - before;
    }

    @Test
    void allocationDoesNotGrowWithIterations() throws Exception {
        Session noop = NoopSessions.step();
        allocatedBy(noop, 10_000);
        long few = allocatedBy(noop, 10_000);
        long many = allocatedBy(noop, 1_000_000);
        // Per trial there are fixed allocations (histograms, the result); per iteration there must be none.
        assertThat(many - few).as("bytes allocated by 990 000 extra iterations").isLessThan(64 * 1024);
    }

    @Test
    void theGenerationLoopAllocatesNothingPerTokenEither() throws Exception {
        Session noop = NoopSessions.generation(8); // a prefill and 7 decode steps per request
        allocatedBy(noop, 2_000);
        long few = allocatedBy(noop, 2_000);
        long many = allocatedBy(noop, 200_000);
        assertThat(many - few).as("bytes allocated by 198 000 extra requests (1.6 M tokens)").isLessThan(64 * 1024);
    }
}
