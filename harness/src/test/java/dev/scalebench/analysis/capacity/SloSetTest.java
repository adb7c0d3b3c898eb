package dev.scalebench.analysis.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.results.TrialMetric;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code --slo} values are read: presets, limits, overrides, and refusals that name the bad text. */
class SloSetTest {

    @Test
    void thePresetsAreTheMlperfLlama31_8bLimits() {
        SloSet server = SloSet.parse("mlperf-server");
        assertThat(server.name()).isEqualTo("mlperf-server");
        assertThat(server.slos()).containsExactly(new Slo(TrialMetric.TTFT_P99, 2e9),
                new Slo(TrialMetric.TPOT_P99, 100e6));
        assertThat(server.text()).isEqualTo("p99 TTFT ≤ 2 s and p99 TPOT ≤ 100 ms");
        SloSet interactive = SloSet.parse("MLPERF-INTERACTIVE");
        assertThat(interactive.slos()).containsExactly(new Slo(TrialMetric.TTFT_P99, 500e6),
                new Slo(TrialMetric.TPOT_P99, 30e6));
        assertThat(SloSet.DEFAULTS).containsExactly(server);
    }

    @Test
    void limitsAreMetricEqualsDurationAndALaterOneReplacesAnEarlier() {
        SloSet s = SloSet.parse("ttft-p99=2s, tpot_p99=100ms,e2e-p50=1m");
        assertThat(s.name()).isEqualTo("custom");
        assertThat(s.slos()).containsExactly(new Slo(TrialMetric.TTFT_P99, 2e9), new Slo(TrialMetric.TPOT_P99, 1e8),
                new Slo(TrialMetric.E2E_P50, 60e9));
        SloSet tighter = SloSet.parse("mlperf-server,tpot-p99=50ms");
        assertThat(tighter.name()).isEqualTo("custom");
        assertThat(tighter.slos()).containsExactly(new Slo(TrialMetric.TTFT_P99, 2e9),
                new Slo(TrialMetric.TPOT_P99, 50e6));
        assertThat(SloSet.parse("itl-p50=0.5s").slos().get(0).limitNs()).isEqualTo(5e8);
        assertThat(new Slo(TrialMetric.TPOT_P99, 1e8).spec()).isEqualTo("tpot-p99=100ms");
    }

    @Test
    void badTextIsRefusedNamingIt() {
        assertThatThrownBy(() -> SloSet.parse("tpot-p99=fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast'").hasMessageContaining("tpot-p99").hasMessageContaining("100ms");
        assertThatThrownBy(() -> SloSet.parse("tpot-p95=1s")).hasMessageContaining("'tpot-p95'")
                .hasMessageContaining("ttft-p99");
        assertThatThrownBy(() -> SloSet.parse("p50=1s")).hasMessageContaining("'p50'");
        assertThatThrownBy(() -> SloSet.parse("mlperf-offline")).hasMessageContaining("'mlperf-offline'")
                .hasMessageContaining("mlperf-server, mlperf-interactive");
        assertThatThrownBy(() -> SloSet.parse("tpot-p99=0s")).hasMessageContaining("'0s'");
        assertThatThrownBy(() -> SloSet.parse(" ")).hasMessageContaining("empty SLO");
    }

    @Test
    void noneTurnsTheAnswerOffAndNothingGivenMeansTheDefault() {
        assertThat(SloSet.parseAll(List.of())).isEqualTo(SloSet.DEFAULTS);
        assertThat(SloSet.parseAll(List.of("none"))).isEmpty();
        assertThat(SloSet.parseAll(List.of("mlperf-server", "mlperf-interactive"))).hasSize(2);
        assertThatThrownBy(() -> SloSet.parseAll(List.of("none", "mlperf-server"))).hasMessageContaining("none");
    }
}
