package dev.scalebench.report;

import static dev.scalebench.analysis.compare.CompareFixtures.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.analysis.compare.CompareFixtures.Run;
import dev.scalebench.analysis.compare.CompareOptions;
import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparer;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.Effect;
import dev.scalebench.results.TrialMetric;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code compare} with energy readings: when the baseline and another run have them, joules per token joins the
 * default metrics, its ratio B / A with a bootstrap interval like the latencies'; without readings on both sides it
 * is not added and nothing of it is shown.
 */
class CompareEnergyTest {

    private static final List<TrialMetric> PLAIN = List.of(TrialMetric.P50, TrialMetric.P99, TrialMetric.THROUGHPUT);

    @Test
    void joulesPerTokenIsComparedWhenBothRunsHaveEnergy() {
        // decode b4: 4 tokens per step; A 0.2 J over 1000 steps (50 µJ/token), B 20 % more at the same latency
        Run a = new Run("20260301-020000-a").energyPoint(decode("fp32", 4), 1e6, 0.2);
        Run b = new Run("20260301-030000-b").energyPoint(decode("fp32", 4), 1e6, 0.24);
        List<CompareRun> runs = List.of(a.as("A"), b.as("B"));
        CompareOptions o = CompareOptions.DEFAULTS.withGenerationDefaults(runs);
        assertThat(o.metrics()).containsExactly(TrialMetric.P50, TrialMetric.P99, TrialMetric.THROUGHPUT,
                TrialMetric.JOULES_PER_TOKEN);
        Comparison c = Comparer.compare(runs, o);
        Effect e = c.rows().get(0).effect(1, TrialMetric.JOULES_PER_TOKEN);
        assertThat(e.baseline()).isCloseTo(5e-5, within(1e-12));
        assertThat(e.other()).isCloseTo(6e-5, within(1e-12));
        assertThat(e.ratio()).isCloseTo(1.2, within(1e-9)); // the same jitter on both sides
        assertThat(e.ci().contains(1.2)).isTrue();
        assertThat(e.direction()).isEqualTo(Effect.Direction.SLOWER);
        assertThat(e.words()).startsWith("1.20× worse [");
        assertThat(c.rows().get(0).effect(1, TrialMetric.P50).ratio()).isCloseTo(1.0, within(1e-9));
        String md = CompareMarkdown.render(c);
        assertThat(md).contains("joules_per_token: A → B").contains("50 µJ/token → 60 µJ/token")
                .doesNotContain("NaN");
        assertThat(CompareHtml.render(c)).contains("joules_per_token").doesNotContain("NaN");
    }

    @Test
    void withoutReadingsOnBothSidesNothingIsAdded() {
        Run a = new Run("20260301-020000-a").point(decode("fp32", 4), 1e6);
        Run b = new Run("20260301-030000-b").energyPoint(decode("fp32", 4), 1e6, 0.24);
        List<CompareRun> runs = List.of(a.as("A"), b.as("B"));
        assertThat(CompareOptions.DEFAULTS.withGenerationDefaults(runs).metrics()).isEqualTo(PLAIN);
        Comparison c = Comparer.compare(runs, CompareOptions.DEFAULTS.withMetrics(List.of(TrialMetric.P50,
                TrialMetric.JOULES_PER_TOKEN)));
        assertThat(c.rows().get(0).effect(1, TrialMetric.JOULES_PER_TOKEN)).as("the baseline has no reading")
                .isNull();
        assertThat(CompareMarkdown.render(c)).doesNotContain("NaN");
    }
}
