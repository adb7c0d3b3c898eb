package dev.scalebench.analysis.capacity;

import dev.scalebench.results.TrialMetric;
import java.util.Arrays;
import java.util.List;

/**
 * Named SLO sets. The MLPerf ones are the latency constraints of the MLPerf Inference Llama 3.1 8B benchmark
 * (added in MLPerf Inference v5.1, MLCommons, "Small LLM inference 5.1",
 * https://mlcommons.org/2025/09/small-llm-inference-5-1/), as LoadGen's configuration sets them
 * (github.com/mlcommons/inference, {@code loadgen/mlperf.conf}: {@code llama3_1-8b.Server.ttft_latency = 2000},
 * {@code tpot_latency = 100}; {@code llama3_1-8b-interactive.Server.ttft_latency = 500},
 * {@code tpot_latency = 30}, in ms; {@code *.Server.target_latency_percentile = 99}): the 99th percentile of
 * TTFT and of TPOT over a run's requests.
 */
public enum SloPreset {
    /** MLPerf Inference Llama 3.1 8B, Server scenario: p99 TTFT ≤ 2 s, p99 TPOT ≤ 100 ms. */
    MLPERF_SERVER("mlperf-server", 2_000_000_000.0, 100_000_000.0),
    /** MLPerf Inference Llama 3.1 8B, Interactive scenario: p99 TTFT ≤ 0.5 s, p99 TPOT ≤ 30 ms. */
    MLPERF_INTERACTIVE("mlperf-interactive", 500_000_000.0, 30_000_000.0);

    /** Where the MLPerf limits come from, for reports. */
    public static final String SOURCE = "MLPerf Inference Llama 3.1 8B latency constraints (MLCommons, v5.1; "
            + "mlcommons/inference loadgen/mlperf.conf)";

    private final String id;
    private final double ttftP99Ns;
    private final double tpotP99Ns;

    SloPreset(String id, double ttftP99Ns, double tpotP99Ns) {
        this.id = id;
        this.ttftP99Ns = ttftP99Ns;
        this.tpotP99Ns = tpotP99Ns;
    }

    /** {@code mlperf-server}, {@code mlperf-interactive}. */
    public String id() {
        return id;
    }

    /** Its objectives: p99 TTFT, then p99 TPOT. */
    public List<Slo> slos() {
        return List.of(new Slo(TrialMetric.TTFT_P99, ttftP99Ns), new Slo(TrialMetric.TPOT_P99, tpotP99Ns));
    }

    /** The preset as a set named by its id. */
    public SloSet set() {
        return new SloSet(id, slos());
    }

    /** The preset called {@code id} (case-insensitive), or null. */
    static SloPreset byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id.trim())).findFirst().orElse(null);
    }

    /** {@code mlperf-server, mlperf-interactive}. */
    static String ids() {
        return String.join(", ", Arrays.stream(values()).map(SloPreset::id).toList());
    }
}
