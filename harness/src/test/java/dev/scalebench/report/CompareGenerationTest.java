package dev.scalebench.report;

import static dev.scalebench.analysis.compare.CompareFixtures.decode;
import static dev.scalebench.analysis.compare.CompareFixtures.generate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.analysis.compare.CompareOptions;
import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparer;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.CompareFixtures.Run;
import dev.scalebench.analysis.compare.Effect;
import dev.scalebench.analysis.compare.PointRow;
import dev.scalebench.results.TrialMetric;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code compare} with generate points: two generate points that differ only in output length are two rows; they
 * get ratios with intervals for the generation metrics (and not for the per-step latencies, which a request does not
 * have), the decode point beside them only its own; a run without generate points shows no generation column.
 */
class CompareGenerationTest {

    /** A decode point and generate points of output 8 and 32; B's decode steps (so TPOT) 1.5× slower. */
    private static List<CompareRun> runs() {
        Run a = new Run("20260301-020000-a").point(decode("fp32", 4), 1e6);
        Run b = new Run("20260301-030000-b").point(decode("fp32", 4), 1.5e6);
        for (int output : new int[] {8, 32}) {
            a.generate(generate(4, output), 5e6, 1e6);
            b.generate(generate(4, output), 5e6, 1.5e6);
        }
        return List.of(a.as("A"), b.as("B"));
    }

    @Test
    void generatePointsGetTheirOwnMetricsWithIntervals() {
        List<CompareRun> runs = runs();
        CompareOptions o = CompareOptions.DEFAULTS.withGenerationDefaults(runs);
        assertThat(o.metrics()).containsExactly(TrialMetric.P50, TrialMetric.P99, TrialMetric.THROUGHPUT,
                TrialMetric.TTFT_P99, TrialMetric.TPOT_P50, TrialMetric.TPOT_P99, TrialMetric.E2E_P99,
                TrialMetric.TOKENS_PER_S_PER_USER);
        Comparison c = Comparer.compare(runs, o);
        assertThat(c.rows()).extracting(r -> r.key().id()).containsExactly("gpt-1m/fp32/decode/b4/s128",
                "gpt-1m/fp32/generate/b4/s128/o8", "gpt-1m/fp32/generate/b4/s128/o32");
        PointRow dec = c.rows().get(0);
        assertThat(dec.effect(1, TrialMetric.P50)).isNotNull();
        assertThat(dec.effect(1, TrialMetric.TPOT_P99)).as("a decode point has no TPOT").isNull();
        PointRow g = c.rows().get(2);
        assertThat(g.effect(1, TrialMetric.P50)).as("a request has no step").isNull();
        Effect tpot = g.effect(1, TrialMetric.TPOT_P99);
        assertThat(tpot.ratio()).isCloseTo(1.5, within(0.03));
        assertThat(tpot.ci().contains(1.5)).isTrue();
        assertThat(tpot.direction()).isEqualTo(Effect.Direction.SLOWER);
        assertThat(g.effect(1, TrialMetric.TTFT_P99).ratio()).isCloseTo(1.0, within(0.03));
        double e2e = (5 + 31 * 1.5) / (5 + 31.0);
        assertThat(g.effect(1, TrialMetric.E2E_P99).ratio()).isCloseTo(e2e, within(0.03));
        assertThat(g.effect(1, TrialMetric.THROUGHPUT).ratio()).isCloseTo(1 / e2e, within(0.03));
        assertThat(g.effect(1, TrialMetric.TOKENS_PER_S_PER_USER).ratio()).isCloseTo(1 / e2e, within(0.03));

        String md = CompareMarkdown.render(c);
        assertThat(md).contains("tpot_p99: A → B").contains("tokens_per_s_per_user: A → B")
                .contains("gpt-1m/fp32/generate/b4/s128/o32").doesNotContain("NaN");
        String html = CompareHtml.render(c);
        assertThat(html).contains("tpot_p99").contains("/o32").doesNotContain("NaN");
    }

    @Test
    void aRunWithoutGeneratePointsShowsNoGenerationMetric() {
        Run a = new Run("20260301-020000-a").point(decode("fp32", 4), 1e6);
        Run b = new Run("20260301-030000-b").point(decode("fp32", 4), 1.5e6);
        List<CompareRun> runs = List.of(a.as("A"), b.as("B"));
        assertThat(CompareOptions.DEFAULTS.withGenerationDefaults(runs)).isEqualTo(CompareOptions.DEFAULTS);
        Comparison c = Comparer.compare(runs, CompareOptions.DEFAULTS.withMetrics(List.of(TrialMetric.P50,
                TrialMetric.TPOT_P99, TrialMetric.THROUGHPUT)));
        assertThat(c.metrics()).as("named, but no point has it").containsExactly(TrialMetric.P50,
                TrialMetric.THROUGHPUT);
        String md = CompareMarkdown.render(c);
        assertThat(md).doesNotContain("tpot").doesNotContain("NaN");
        assertThat(c.summaries()).extracting(Comparison.Summary::metric).doesNotContain(TrialMetric.TPOT_P99);
    }
}
