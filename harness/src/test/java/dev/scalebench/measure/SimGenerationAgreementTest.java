package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.Session;
import dev.scalebench.backend.sim.SimBackend;
import dev.scalebench.config.DType;
import dev.scalebench.config.MeasurePolicy;
import dev.scalebench.config.ModelCatalog;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * On the sim backend with exact pass times (no jitter, a fake clock), a generate point's TTFT is the prefill point's
 * step time at the same shape, and its TPOT the mean of the decode points' step times over the contexts its decode
 * steps see; the request's end-to-end latency is their sum. The same measurement loop measures all three.
 */
class SimGenerationAgreementTest {

    private static final ModelConfig LLAMA_TINY = new ModelCatalog(Path.of("..", "profiles", "models"))
            .find("llama-tiny").orElseThrow();
    private static final MeasurePolicy POLICY = new MeasurePolicy(
            new MeasurePolicy.Warmup(3, Duration.ZERO, 0.05, Duration.ofSeconds(1)),
            new MeasurePolicy.Iterations(20, Duration.ofMillis(1), Duration.ofSeconds(60)), 0.01, Duration.ofMinutes(5));

    private static SweepPoint point(Phase phase, int batch, int seq, int output) {
        return new SweepPoint("sim", "cpu", DType.FP32, phase, ModelSpec.of(LLAMA_TINY), batch, seq, output);
    }

    private static TrialMeasurement measure(SweepPoint p) throws Exception {
        FakeClock clock = new FakeClock();
        try (SimBackend sim = new SimBackend(42, 0, clock::advance); Session s = sim.open(p)) {
            return new TrialRunner(clock, () -> new GcMonitor.Snapshot(0, 0), POLICY).run(s);
        }
    }

    @Test
    void ttftIsThePrefillStepAndTpotTheDecodeStepAtTheSameShape() throws Exception {
        int batch = 4;
        int seq = 64;
        int output = 16;
        TrialMeasurement gen = measure(point(Phase.GENERATE, batch, seq, output));
        TrialMeasurement prefill = measure(point(Phase.PREFILL, batch, seq, 0));
        double prefillP50 = prefill.histogram().getValueAtPercentile(50);
        double ttftP50 = gen.generation().ttft().getValueAtPercentile(50);
        assertThat(ttftP50).as("TTFT = the prefill step").isCloseTo(prefillP50, org.assertj.core.api.Assertions
                .withinPercentage(0.2));

        double decodeSum = 0;
        for (int k = 1; k < output; k++) {
            decodeSum += measure(point(Phase.DECODE, batch, seq + k - 1, 0)).histogram().getValueAtPercentile(50);
        }
        double tpotP50 = gen.generation().tpot().getValueAtPercentile(50);
        assertThat(tpotP50).as("TPOT = the mean decode step over the request's contexts")
                .isCloseTo(decodeSum / (output - 1), org.assertj.core.api.Assertions.withinPercentage(0.2));
        assertThat((double) gen.histogram().getValueAtPercentile(50)).as("e2e = prefill + every decode step")
                .isCloseTo(prefillP50 + decodeSum, org.assertj.core.api.Assertions.withinPercentage(0.2));
        assertThat(gen.generation().itl().getTotalCount()).isEqualTo((output - 1) * gen.iterations());
    }
}
