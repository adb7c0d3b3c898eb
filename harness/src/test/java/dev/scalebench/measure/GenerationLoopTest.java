package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.GenerationSession;
import dev.scalebench.config.MeasurePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The generation loop on a fake clock with exact pass times: TTFT is the prefill, every ITL value a decode step, TPOT
 * their mean per request, the end-to-end latency their sum; the stopping rule targets TPOT's median.
 */
class GenerationLoopTest {
    private static final long US = 1_000L;
    private static final GcMonitor NO_GC = () -> new GcMonitor.Snapshot(0, 0);

    /** A session whose prefill takes {@code prefill} ns and whose k-th decode step takes {@code decode + k·growth}. */
    static GenerationSession session(FakeClock clock, int output, long prefill, long decode, long growth) {
        return new GenerationSession() {
            int next = output;

            @Override
            public int outputTokens() {
                return output;
            }

            @Override
            public void prefill() {
                clock.advance(prefill);
                next = 1;
            }

            @Override
            public void decode() {
                if (next >= output) {
                    throw new IllegalStateException("beyond the request");
                }
                clock.advance(decode + next * growth);
                next++;
            }

            @Override
            public void close() {
            }
        };
    }

    private static MeasurePolicy policy(int min, double targetCi) {
        return new MeasurePolicy(new MeasurePolicy.Warmup(3, Duration.ZERO, 0.05, Duration.ofSeconds(1)),
                new MeasurePolicy.Iterations(min, Duration.ofMillis(10), Duration.ofSeconds(30)), targetCi,
                Duration.ofMinutes(5));
    }

    @Test
    void ttftIsThePrefillItlEachDecodeStepTpotTheirMeanAndE2eTheSum() throws Exception {
        FakeClock clock = new FakeClock();
        // prefill 500 µs; decode steps 100, 102, 104 ... µs (the context grows); 9 output tokens
        TrialMeasurement m = new TrialRunner(clock, NO_GC, policy(20, 0.01))
                .run(session(clock, 9, 500 * US, 100 * US, 2 * US));
        TrialMeasurement.Generation g = m.generation();
        assertThat(g).isNotNull();
        assertThat(g.outputTokens()).isEqualTo(9);
        long requests = m.iterations();
        assertThat(requests).isGreaterThanOrEqualTo(20);
        assertThat(g.ttft().getTotalCount()).isEqualTo(requests);
        assertThat(g.tpot().getTotalCount()).isEqualTo(requests);
        assertThat(g.itl().getTotalCount()).as("8 decode steps per request").isEqualTo(8 * requests);
        assertThat(m.histogram().getTotalCount()).isEqualTo(requests);
        // exact within the histogram's 3 significant digits
        assertThat(g.ttft().getMinValue()).isBetween(499 * US, 501 * US);
        assertThat(g.ttft().getMaxValue()).isBetween(499 * US, 501 * US);
        assertThat(g.itl().getMinValue()).isBetween(101 * US, 103 * US);
        assertThat(g.itl().getMaxValue()).isBetween(115 * US, 117 * US);
        long decodes = 0;
        for (int k = 1; k <= 8; k++) {
            decodes += 100 * US + k * 2 * US;
        }
        assertThat(g.tpot().getValueAtPercentile(50)).isBetween(decodes / 8 - 200, decodes / 8 + 200);
        assertThat(m.histogram().getValueAtPercentile(50)).isBetween(500 * US + decodes - 1000,
                500 * US + decodes + 1000);
        assertThat(m.stopReason()).isEqualTo(StopReason.TARGET_CI);
    }

    @Test
    void oneOutputTokenHasNoInterTokenStepAndTheRuleTargetsTtft() throws Exception {
        FakeClock clock = new FakeClock();
        TrialMeasurement m = new TrialRunner(clock, NO_GC, policy(10, 0.01))
                .run(session(clock, 1, 300 * US, 100 * US, 0));
        assertThat(m.generation().itl().getTotalCount()).isZero();
        assertThat(m.generation().tpot().getTotalCount()).isZero();
        assertThat(m.generation().ttft().getTotalCount()).isEqualTo(m.iterations());
        assertThat(m.histogram().getValueAtPercentile(50)).isBetween(299 * US, 301 * US);
        assertThat(m.stopReason()).isEqualTo(StopReason.TARGET_CI);
    }

    @Test
    void warmUpCountsRequestsNotTokens() throws Exception {
        FakeClock clock = new FakeClock();
        int[] prefills = {0};
        GenerationSession inner = session(clock, 4, 200 * US, 50 * US, 0);
        GenerationSession counting = new GenerationSession() {
            @Override
            public int outputTokens() {
                return inner.outputTokens();
            }

            @Override
            public void prefill() throws Exception {
                prefills[0]++;
                inner.prefill();
            }

            @Override
            public void decode() throws Exception {
                inner.decode();
            }

            @Override
            public void close() {
            }
        };
        TrialMeasurement m = new TrialRunner(clock, NO_GC, policy(10, 0)).run(counting);
        assertThat(m.warmupIterations()).isGreaterThanOrEqualTo(3);
        assertThat(prefills[0]).as("one prefill per warm-up and measured request")
                .isEqualTo(m.warmupIterations() + m.iterations());
        assertThat(m.stopReason()).isEqualTo(StopReason.MIN_REACHED);
    }
}
