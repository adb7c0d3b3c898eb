package dev.scalebench.analysis.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.GenerationSamples;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.capacity.Capacity;
import dev.scalebench.analysis.capacity.SloSet;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.results.TrialMetric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analysis of generate points: series of different output lengths stay apart, each series over batch is fitted
 * for its TPOT and TTFT with the step-time forms, end-to-end latency over output length, and a capacity answer.
 * The data: TTFT = 4 ms + 1 ms·batch (a prefill step), TPOT = 2 ms + 0.5 ms·batch (a decode step).
 */
class GenerationAnalysisTest {

    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32};
    private static final int[] OUTPUTS = {8, 32, 128};
    private static final FitOptions FAST = FitOptions.DEFAULTS.withBootstrap(200);

    private static Dataset data() {
        List<Sample> samples = GenerationSamples.of("llama-tiny", BATCHES, OUTPUTS, b -> 4e6 + 1e6 * b,
                b -> 2e6 + 0.5e6 * b, 3, 0.01, 11);
        return new Dataset("synthetic generate", "toy", samples, Map.of(), List.of());
    }

    private static SeriesFit fit(Analysis a, String id) {
        return a.fits().stream().filter(f -> f.key().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not among " + a.fits().stream()
                        .map(f -> f.key().id()).toList()));
    }

    @Test
    void fitsTpotOverBatchWithTheStepTimeFormsPerOutputLength() {
        Analysis a = new Analyzer(FAST, TrialMetric.P50).analyze(data(), null);
        SeriesFit tpot = fit(a, "batch:llama-tiny/fp32/generate/s64/o32/tpot_p50");
        assertThat(tpot.x()).hasSize(BATCHES.length * 3);
        assertThat(tpot.y()[0]).isBetween(2.4e-3, 2.6e-3);
        assertThat(tpot.selected()).isEqualTo("linear");
        Estimate c = tpot.best().estimate("c");
        assertThat(c.lo()).isLessThanOrEqualTo(0.5e-3);
        assertThat(c.hi()).isGreaterThanOrEqualTo(0.5e-3);
        assertThat(tpot.key().label()).isEqualTo("p50 TPOT of llama-tiny fp32 generate at seq 64, output 32, over batch");
        assertThat(tpot.sentence()).contains("tokens/s");
        for (String m : List.of("e2e_p50", "tpot_p99", "ttft_p50", "ttft_p99")) {
            for (int o : OUTPUTS) {
                assertThat(fit(a, "batch:llama-tiny/fp32/generate/s64/o" + o + "/" + m).x())
                        .hasSize(BATCHES.length * 3);
            }
        }
        SeriesFit ttft = fit(a, "batch:llama-tiny/fp32/generate/s64/o8/ttft_p99");
        assertThat(ttft.y()[0]).isBetween(1.2 * 4.9e-3, 1.2 * 5.1e-3);
    }

    @Test
    void fitsEndToEndLatencyOverOutputLength() {
        Analysis a = new Analyzer(FAST, TrialMetric.P50).analyze(data(), null);
        SeriesFit e2e = fit(a, "output:llama-tiny/fp32/generate/b4/s64/e2e_p50");
        assertThat(e2e.key().axis()).isEqualTo(Axis.OUTPUT);
        assertThat(e2e.x()).hasSize(OUTPUTS.length * 3).contains(8, 32, 128);
        assertThat(e2e.selected()).isEqualTo("output-linear");
        // e2e = TTFT + (o - 1)·TPOT: b = TPOT(4) = 4 ms per output token
        Estimate perToken = e2e.best().estimate("b");
        assertThat(perToken.value()).isBetween(3.8e-3, 4.2e-3);
        assertThat(e2e.sentence()).contains("each output token adds");
    }

    @Test
    void aGenerationMetricCanBeTheAnalysedOne() {
        Analysis a = new Analyzer(FAST, TrialMetric.TPOT_P99, List.of()).analyze(data(), null);
        assertThat(a.metric()).isEqualTo(TrialMetric.TPOT_P99);
        assertThat(a.capacity()).isEmpty();
        // the analysed metric is not fitted twice
        assertThat(a.fits().stream().filter(f -> f.key().id().equals("batch:llama-tiny/fp32/generate/s64/o8/tpot_p99"))
                .count()).isEqualTo(1);
        assertThat(a.points().get(0).metricNs()).isBetween(1.2 * 2.45e6, 1.2 * 2.55e6);
    }

    @Test
    void pointsKeepTheirOutputLengthAndTheirTokenFigures() {
        Analysis a = new Analyzer(FAST, TrialMetric.P50).analyze(data(), null);
        assertThat(a.points()).hasSize(BATCHES.length * OUTPUTS.length);
        assertThat(a.points().get(0).point().output()).isEqualTo(8);
        assertThat(a.points().get(BATCHES.length).point().output()).isEqualTo(32);
        assertThat(a.points().get(0).generation().tpotP50().value()).isBetween(2.45e6, 2.55e6);
        assertThat(a.points().get(0).tokensPerSPerUser()).isCloseTo(a.points().get(0).tokensPerS(),
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void answersTheCapacityOfEverySeriesUnderEachSloSet() {
        Analysis a = new Analyzer(FAST, TrialMetric.P50, List.of(SloSet.parse("tpot-p99=9ms"),
                SloSet.parse("mlperf-server"))).analyze(data(), null);
        assertThat(a.capacity()).hasSize(OUTPUTS.length * 2);
        Capacity c = a.capacity().get(0);
        // p99 TPOT = 1.2·(2 + 0.5·b) ms ≤ 9 ms up to batch 11, between the measured 8 and 16
        assertThat(c.status()).isEqualTo(Capacity.Status.WITHIN);
        assertThat(c.batch()).isBetween(10.0, 12.0);
        assertThat(a.capacity().get(1).status()).isEqualTo(Capacity.Status.ALL_MET);
    }
}
