package dev.scalebench.analysis.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.TrialMetric;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GatePoliciesTest {
    private static final Path GATES = Path.of("../profiles/gates");

    @Test
    void theShippedDefaultPolicyEqualsTheBuiltInOne() {
        GatePolicy p = GatePolicies.resolve("default", GATES);
        GatePolicy d = GatePolicy.defaults();
        assertThat(p.name()).isEqualTo("default");
        assertThat(p.margins()).isEqualTo(d.margins());
        assertThat(p.reportOnly()).isEqualTo(d.reportOnly())
                .containsExactlyInAnyOrder(TrialMetric.TPOT_P50, TrialMetric.E2E_P99);
        assertThat(p.alpha()).isEqualTo(d.alpha());
        assertThat(p.warningFdr()).isEqualTo(d.warningFdr());
        assertThat(p.minTrials()).isEqualTo(d.minTrials());
        assertThat(p.resamples()).isEqualTo(d.resamples());
        assertThat(p.blockAll()).isTrue();
        assertThat(p.fingerprint()).isEqualTo(Fingerprint.COMPARABLE_KEYS);
    }

    @Test
    void generationMetricsReportOnlyAndGenerateSelectors() {
        GatePolicy p = GatePolicies.parse("""
                metrics: {tokens_per_s: 0.05, tpot_p99: 0.1, e2e_p99: 0.2}
                report-only: [e2e_p99]
                blocking:
                  - phase: generate
                    output: [128]
                """, "t.yaml", "t");
        assertThat(p.margins()).containsOnlyKeys(TrialMetric.THROUGHPUT, TrialMetric.TPOT_P99, TrialMetric.E2E_P99);
        assertThat(p.reportOnly(TrialMetric.E2E_P99)).isTrue();
        assertThat(p.reportOnly(TrialMetric.TPOT_P99)).isFalse();
        assertThat(p.marginsFor("decode")).containsOnlyKeys(TrialMetric.THROUGHPUT);
        assertThat(p.marginsFor("generate")).containsOnlyKeys(TrialMetric.THROUGHPUT, TrialMetric.TPOT_P99,
                TrialMetric.E2E_P99);
        PointEntry g128 = new PointEntry("m/fp32/generate/b1/s64/o128", "sim", "cpu", "m", 1, "fp32", "generate", 1,
                64, null, 128);
        PointEntry g32 = new PointEntry("m/fp32/generate/b1/s64/o32", "sim", "cpu", "m", 1, "fp32", "generate", 1,
                64, null, 32);
        assertThat(p.blocks(g128)).isTrue();
        assertThat(p.blocks(g32)).isFalse();
        assertThatThrownBy(() -> GatePolicies.parse("""
                metrics: {p99: 0.05, throughput: 0.05, tokens_per_s: 0.1}
                report-only: [tpot_p50, nosuch]
                """, "r.yaml", "r"))
                .isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("r.yaml:1: tokens_per_s names the same metric as throughput above")
                .hasMessageContaining("r.yaml:2: report-only metric tpot_p50 is not under metrics")
                .hasMessageContaining("r.yaml:2: report-only: unknown metric 'nosuch'");
    }

    @Test
    void selectorsMatchEveryGivenFactor() {
        GatePolicy p = GatePolicies.parse("""
                metrics: {p99: 0.05}
                blocking:
                  - phase: decode
                    batch: [1, 8]
                  - point: "gpt-1b/*/prefill/*"
                """, "t.yaml", "t");
        assertThat(p.blocks(point("gpt-1m", "decode", 8))).isTrue();
        assertThat(p.blocks(point("gpt-1m", "decode", 4))).isFalse();
        assertThat(p.blocks(point("gpt-1b", "prefill", 4))).isTrue();
        assertThat(p.blocks(point("gpt-1m", "prefill", 4))).isFalse();
        assertThat(GatePolicies.parse("metrics: {p99: 0.05}\nblocking: none\n", "t", "t").blocks(
                point("m", "decode", 1))).isFalse();
    }

    private static PointEntry point(String model, String phase, int batch) {
        String id = model + "/fp32/" + phase + "/b" + batch + "/s64";
        return new PointEntry(id, "djl", "cpu", model, 1, "fp32", phase, batch, 64);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsLine() {
        assertThatThrownBy(() -> GatePolicies.parse("""
                metrics:
                  troughput: 0.05
                  p99: 1.5
                alpha: 0.7
                min-trial: 5
                blocking:
                  - phase: both
                """, "bad.yaml", "bad"))
                .isInstanceOfSatisfying(ScalebenchException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("5 errors in gate policy:\n  bad.yaml:2".replace("\n", System.lineSeparator()))
                .hasMessageContaining("bad.yaml:2: unknown key 'troughput' in metrics (did you mean 'throughput'?)")
                .hasMessageContaining("bad.yaml:3: margin of p99 1.5 must be in [0.0, 1.0)")
                .hasMessageContaining("bad.yaml:4: alpha 0.7 must be in")
                .hasMessageContaining("bad.yaml:5: unknown key 'min-trial'")
                .hasMessageContaining("bad.yaml:7: phase must be prefill, decode or generate, not 'both'");
    }

    @Test
    void metricsAreRequiredAndMarginsPositive() {
        assertThatThrownBy(() -> GatePolicies.parse("alpha: 0.05\n", "x.yaml", "x"))
                .hasMessageContaining("missing required key 'metrics'");
        assertThatThrownBy(() -> GatePolicies.parse("metrics: {throughput: 0}\n", "x.yaml", "x"))
                .hasMessageContaining("margin of throughput must be > 0");
        assertThat(GatePolicies.parse("metrics: {p99.9: 0.1, throughput: 0.02}\n", "x", "x").margins())
                .containsOnlyKeys(TrialMetric.P999, TrialMetric.THROUGHPUT);
    }

    @Test
    void anUnknownPolicyNameSaysWhereItLooked() {
        assertThatThrownBy(() -> GatePolicies.resolve("nosuch", GATES))
                .hasMessageContaining("gate policy 'nosuch'").hasMessageContaining("nosuch.yaml");
    }
}
