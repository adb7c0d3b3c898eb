package dev.scalebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.cli.Cli;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.results.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/grafana/scalebench.json}: valid JSON of a current Grafana's schema with a Prometheus datasource
 * variable, and every metric its queries name (panels' {@code expr}, the variables' {@code label_values}) is a
 * sample name of a real {@code metrics.prom}: a sim sweep's (prefill and generate points), plus, for the meters
 * that only hardware gives (energy readings, the cuda backend's memory peak, a device's known memory), the scrape
 * of {@link SweepMetrics} fed a trial with an energy reading ({@link PromQlNames} extracts the names).
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "scalebench.json");
    /** The Grafana 10.4 / 11 dashboard schema; older ones are migrated on import, newer are not read by them. */
    private static final int MIN_SCHEMA = 36;

    private static final String SPEC = """
            name: dashboard
            backend: sim
            model: [llama-tiny]
            dtype: fp32
            phase: [prefill, generate]
            batch: [1]
            seq: [16]
            output: [2]
            replicates: 1
            measure:
              warmup: {min-iterations: 2, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 5, min-time: 2ms, max-time: 20ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    /** The sample names of {@code exposition} (with their _bucket, _count, _sum, _max, _total suffixes). */
    private static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String key : PromText.check(exposition).keySet()) {
            int brace = key.indexOf('{');
            names.add(brace < 0 ? key : key.substring(0, brace));
        }
        return names;
    }

    /** A sim sweep's {@code metrics.prom}, run through the CLI. */
    private static String simSweepMetrics(Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("dashboard.yaml"), SPEC);
        Path results = tmp.resolve("results");
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-analyze", "--no-history");
        assertThat(r.code()).as(r.err()).isZero();
        Path run;
        try (var runs = Files.list(results)) {
            run = runs.findFirst().orElseThrow();
        }
        return Files.readString(run.resolve(MetricsFile.NAME));
    }

    /** The meters only hardware gives: a GPU of known memory, an NVML energy reading, the cuda backend's peak. */
    private static String hardwareOnlyMetrics() {
        SweepPoint p = new SweepPoint("cuda", "gpu:0", DType.BF16, Phase.PREFILL,
                ModelSpec.of(new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false)), 4, 128);
        Histogram h = new Histogram(3);
        h.recordValueWithCount(1_000_000L, 250);
        TrialResult plain = SweepMetricsTest.ok(p, 0, 250, List.of());
        TrialResult.Measured m = plain.measured();
        TrialResult withEnergy = new TrialResult(plain.trialId(), plain.pointId(), plain.replicate(),
                plain.sequence(), plain.status(), plain.failure(), plain.started(), plain.ended(),
                new TrialResult.Measured(m.warmup(), m.iterations(), m.nanos(), m.deviceNanos(), m.gc(),
                        m.stopReason(), -1, new MachineReading(null, Energy.of(EnergySource.NVML, 12.8, m.nanos(),
                        0), null)), plain.flags());
        try (SweepMetrics metrics = new SweepMetrics("dashboard", "cuda",
                new DeviceInfo("gpu:0", "NVIDIA H100 80GB HBM3", 85_000_000_000L), List.of(p), 1, null)) {
            metrics.deviceMemoryPeak(() -> 1_000_000L);
            metrics.trialFinished(withEnergy, h);
            return metrics.scrape();
        }
    }

    /** Every query of the dashboard: panel title (or variable) to its PromQL. */
    private static Map<String, String> queries(JsonNode dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            List<JsonNode> all = new ArrayList<>();
            all.add(panel);
            panel.path("panels").forEach(all::add); // a collapsed row holds its panels
            for (JsonNode p : all) {
                int i = 0;
                for (JsonNode t : p.path("targets")) {
                    out.put("panel \"" + p.path("title").asText() + "\" target " + i++, t.path("expr").asText());
                }
            }
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if ("query".equals(v.path("type").asText())) {
                out.put("variable $" + v.path("name").asText(), v.path("query").path("query").asText());
            }
        }
        return out;
    }

    @Test
    void theDashboardIsCurrentGrafanaJsonWithAPrometheusDatasourceVariable() throws Exception {
        JsonNode d = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(d.path("schemaVersion").asInt()).as("schemaVersion").isGreaterThanOrEqualTo(MIN_SCHEMA);
        assertThat(d.path("uid").asText()).isNotBlank();
        assertThat(d.path("title").asText()).isEqualTo("scalebench");
        List<JsonNode> vars = new ArrayList<>();
        d.path("templating").path("list").forEach(vars::add);
        assertThat(vars).anySatisfy(v -> {
            assertThat(v.path("type").asText()).isEqualTo("datasource");
            assertThat(v.path("query").asText()).isEqualTo("prometheus");
            assertThat(v.path("name").asText()).isEqualTo("datasource");
        });
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode p : d.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("panel id %s unique", p.path("id")).isTrue();
            assertThat(p.path("gridPos").path("w").asInt()).as("%s: width", p.path("title")).isBetween(1, 24);
            if (!"row".equals(p.path("type").asText())) {
                assertThat(p.path("datasource").path("uid").asText()).as("%s: datasource", p.path("title"))
                        .isEqualTo("${datasource}");
                assertThat(p.path("targets")).as("%s: targets", p.path("title")).isNotEmpty();
                p.path("targets").forEach(t -> assertThat(t.path("expr").asText())
                        .as("%s: expr", p.path("title")).isNotBlank());
            }
        }
        List<String> titles = new ArrayList<>();
        d.path("panels").forEach(p -> titles.add(p.path("title").asText().toLowerCase()));
        assertThat(titles).as("panels the dashboard promises").anyMatch(t -> t.contains("failed"))
                .anyMatch(t -> t.contains("progress")).anyMatch(t -> t.contains("eta"))
                .anyMatch(t -> t.contains("latency")).anyMatch(t -> t.contains("throughput"))
                .anyMatch(t -> t.contains("energy")).anyMatch(t -> t.contains("memory"))
                .anyMatch(t -> t.contains("flag"));
    }

    @Test
    void everyMetricTheDashboardQueriesIsInARealMetricsProm(@TempDir Path tmp) throws Exception {
        Set<String> sim = sampleNames(simSweepMetrics(tmp));
        Set<String> hardware = sampleNames(hardwareOnlyMetrics());
        Set<String> known = new TreeSet<>(sim);
        known.addAll(hardware);
        JsonNode d = new ObjectMapper().readTree(DASHBOARD.toFile());
        Map<String, String> queries = queries(d);
        assertThat(queries).hasSizeGreaterThan(20);
        Set<String> used = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        queries.forEach((where, expr) -> {
            PromQlNames.Parsed parsed = PromQlNames.parse(expr);
            if (parsed.metrics().isEmpty()) {
                problems.add(where + ": names no metric: " + expr);
            }
            parsed.functions().stream().filter(f -> !PromQlNames.FUNCTIONS.contains(f))
                    .forEach(f -> problems.add(where + ": " + f + "(...) is not a PromQL function: " + expr));
            parsed.metrics().stream().filter(n -> !known.contains(n))
                    .forEach(n -> problems.add(where + ": " + n + " is in no metrics.prom: " + expr));
            used.addAll(parsed.metrics());
        });
        assertThat(problems).as("metrics known: %s", known).isEmpty();
        assertThat(used).as("the histogram, the energy meters and a generation gauge are queried")
                .contains("scalebench_iteration_latency_seconds_bucket", "scalebench_energy_joules_total",
                        "scalebench_point_energy_per_token_joules", "scalebench_point_ttft_p50_seconds",
                        "scalebench_sweep_trials_done", "scalebench_device_memory_peak_bytes");
        Set<String> fromHardwareOnly = new TreeSet<>(used);
        fromHardwareOnly.removeAll(sim);
        assertThat(fromHardwareOnly).as("metrics a sim sweep lacks: only the hardware's")
                .allMatch(n -> n.contains("energy") || n.contains("joule") || n.contains("power")
                        || n.startsWith("scalebench_device_memory"));
    }

    @Test
    void theTokenizerSkipsLabelsDurationsGroupingAndVariables() {
        PromQlNames.Parsed p = PromQlNames.parse("histogram_quantile(0.99, sum by (le, model) (rate("
                + "scalebench_iteration_latency_seconds_bucket{sweep=~\"$sweep\",le!=\"+Inf\"}[$__rate_interval])))"
                + " / on(model) group_left(batch) (foo_total offset 5m) > bool 1e-3 and ignoring (x) bar");
        assertThat(p.metrics()).containsExactlyInAnyOrder("scalebench_iteration_latency_seconds_bucket",
                "foo_total", "bar");
        assertThat(p.functions()).containsExactlyInAnyOrder("histogram_quantile", "sum", "rate");
        assertThat(PromQlNames.parse("label_values(scalebench_sweep_trials_planned{sweep=~\"$sweep\"}, device)")
                .metrics()).containsExactly("scalebench_sweep_trials_planned");
        assertThat(PromQlNames.parse("{__name__=\"x\"}").metrics()).isEmpty();
    }
}
