package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.compare.Arm;
import dev.scalebench.analysis.compare.CompareOptions;
import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparer;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.PointRow;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.metrics.PromText;
import dev.scalebench.report.FitsJson;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One definition of a point's p50, p99 and throughput in every output (issue 13): two simulated sweeps of the same
 * spec, then {@code compare} and {@code gate} of the second against the first and {@code trend} over both, and every
 * per-point figure checked against the definition computed here from the trials' histograms alone: the median over
 * the point's OK trials of each trial's p50, p99, and work per step / mean step time.
 *
 * <p>Tolerances are the rounding of each output's printed format, nothing more: {@code summary.csv} 7 significant
 * digits (relative 1e-6), {@code fits.json}, {@code gate.json} and {@code trend.json} 6 (relative 1e-5; 2e-5
 * where a 6-digit value meets a 7-digit one),
 * {@code metrics.prom} full precision in seconds (relative 1e-9), the comparison's own data exact (relative 1e-12,
 * the order of a floating-point division), and the Markdown of the report and of {@code compare} their printed
 * three significant digits (the same string). Four replicates, so the median of an even number of trials, the mean
 * of the two middle ones, is covered too. Nothing here depends on how fast the machine is.
 */
class PointFiguresAgreeTest {

    private static final String SPEC = """
            name: agree
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: [prefill, decode]
            batch: [1, 2, 4]
            seq: [16]
            replicates: 4
            measure:
              warmup: {min-iterations: 3, min-time: 2ms, steady-cv: 0.5, max-time: 50ms}
              iterations: {min: 20, min-time: 20ms, max-time: 100ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;
    private static final String POLICY = """
            metrics: {p50: 0.05, p99: 0.05, throughput: 0.05}
            min-trials: 3
            resamples: 1000
            """;
    private static final List<TrialMetric> METRICS = List.of(TrialMetric.P50, TrialMetric.P99,
            TrialMetric.THROUGHPUT);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path results;
    static Path first;
    static Path second;
    /** Per run folder: point id → the definition, computed here from the histograms. */
    static Map<Path, Map<String, Figures>> expected = new HashMap<>();

    /** A point's figures by the definition; {@code seqPerS} is the throughput in sequences. */
    record Figures(PointEntry point, double p50Ns, double p99Ns, double tokensPerS, double seqPerS) {
        double of(TrialMetric m) {
            return switch (m) {
                case P50 -> p50Ns;
                case P99 -> p99Ns;
                case THROUGHPUT -> tokensPerS;
                default -> throw new IllegalArgumentException(m.id());
            };
        }
    }

    @BeforeAll
    static void sweeps() throws IOException {
        results = tmp.resolve("results");
        Path spec = Files.writeString(tmp.resolve("agree.yaml"), SPEC);
        first = sweep(spec);
        second = sweep(spec);
        expected.put(first, definition(first));
        expected.put(second, definition(second));
    }

    private static Path sweep(Path spec) {
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()).trim());
    }

    /** The definition, from the run's journal and histograms, independently of the code under test. */
    private static Map<String, Figures> definition(Path run) {
        RunReader r = RunReader.read(run);
        Map<String, Figures> out = new LinkedHashMap<>();
        for (PointEntry p : r.manifest().plan().points()) {
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<Double> mean = new ArrayList<>();
            for (TrialResult t : r.trials()) {
                Histogram h = r.histogram(t.trialId());
                if (t.pointId().equals(p.id()) && t.ok() && h != null && h.getTotalCount() > 0) {
                    p50.add((double) h.getValueAtPercentile(50));
                    p99.add((double) h.getValueAtPercentile(99));
                    mean.add(h.getMean());
                }
            }
            assertThat(p50).as(p.id()).hasSize(4);
            double[] tokens = mean.stream().mapToDouble(m -> p.tokensPerStep() * 1e9 / m).toArray();
            double[] seqs = mean.stream().mapToDouble(m -> p.batch() * 1e9 / m).toArray();
            out.put(p.id(), new Figures(p, median(p50.stream().mapToDouble(Double::doubleValue).toArray()),
                    median(p99.stream().mapToDouble(Double::doubleValue).toArray()), median(tokens), median(seqs)));
        }
        assertThat(out).hasSize(6);
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void near(double actual, double expected, double relative, String what) {
        assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(
                Math.abs(expected) * relative));
    }

    @Test
    void summaryCsvHasTheDefinition() throws IOException {
        for (Path run : List.of(first, second)) {
            List<String> lines = Files.readAllLines(run.resolve("summary.csv"));
            List<String> header = List.of(lines.get(0).split(",", -1));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                Figures e = expected.get(run).get(f[header.indexOf("point_id")]);
                assertThat(f[header.indexOf("schema")]).isEqualTo("2");
                near(Double.parseDouble(f[header.indexOf("p50_ns")]), e.p50Ns(), 1e-6, e.point().id() + " p50");
                near(Double.parseDouble(f[header.indexOf("p99_ns")]), e.p99Ns(), 1e-6, e.point().id() + " p99");
                near(Double.parseDouble(f[header.indexOf("tokens_per_s")]), e.tokensPerS(), 1e-6,
                        e.point().id() + " tokens/s");
                near(Double.parseDouble(f[header.indexOf("seq_per_s")]), e.seqPerS(), 1e-6, e.point().id() + " seq/s");
            }
        }
    }

    @Test
    void fitsJsonAndTheReportHaveTheDefinitionAndTheSummarysIntervals() throws IOException {
        for (Path run : List.of(first, second)) {
            Analysis a = FitsJson.read(run.resolve("fits.json"));
            assertThat(a.points()).hasSize(6);
            Map<String, String[]> summary = summaryRows(run);
            List<String> header = List.of(summary.get("point_id"));
            String md = Files.readString(run.resolve("report.md"));
            for (PointStats p : a.points()) {
                Figures e = expected.get(run).get(p.point().id());
                String id = p.point().id();
                near(p.p50Ns(), e.p50Ns(), 1e-5, id + " p50");
                near(p.p99Ns(), e.p99Ns(), 1e-5, id + " p99");
                near(p.metricNs(), e.p50Ns(), 1e-5, id + " the fitted metric (p50)");
                near(p.tokensPerS(), e.tokensPerS(), 1e-5, id + " tokens/s");
                near(p.seqPerS(), e.seqPerS(), 1e-5, id + " seq/s");
                // the intervals are the summary's too
                String[] row = summary.get(id);
                near(p.p50Ci().lo(), Double.parseDouble(row[header.indexOf("p50_ci_lo_ns")]), 1e-5, id + " p50 lo");
                near(p.p99Ci().hi(), Double.parseDouble(row[header.indexOf("p99_ci_hi_ns")]), 1e-5, id + " p99 hi");
                near(p.tokensPerSCi().lo(), Double.parseDouble(row[header.indexOf("tokens_per_s_ci_lo")]), 1e-5,
                        id + " tokens/s lo");
                near(p.seqPerSCi().hi(), Double.parseDouble(row[header.indexOf("seq_per_s_ci_hi")]), 1e-5,
                        id + " seq/s hi");
                // report.md prints them with three significant digits
                assertThat(md).as(id).contains(Numbers.seconds(e.p50Ns() * 1e-9), Numbers.seconds(e.p99Ns() * 1e-9),
                        Numbers.si(e.tokensPerS()), Numbers.si(e.seqPerS()));
            }
        }
    }

    @Test
    void theRooflinesAchievedFlopsAreTheSummarysThroughputInFlops() throws IOException {
        Path copy = tmp.resolve("roofline");
        Files.createDirectories(copy);
        for (String f : List.of("run.json", "trials.jsonl", "histograms.hlog", "summary.csv")) {
            Files.copy(first.resolve(f), copy.resolve(f));
        }
        Cli.Result r = Cli.run("analyze", copy.toString(), "--bootstrap", "0", "--hardware", "h100-sxm",
                "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode roofline = JSON.readTree(copy.resolve("fits.json").toFile()).get("roofline");
        assertThat(roofline).hasSize(6);
        Map<String, String[]> summary = summaryRows(copy);
        List<String> header = List.of(summary.get("point_id"));
        for (JsonNode p : roofline) {
            String[] row = summary.get(p.get("id").asText());
            near(p.get("flopsPerS").asDouble(), Double.parseDouble(row[header.indexOf("gflop_per_s")]) * 1e9, 2e-5,
                    p.get("id").asText());
            near(p.get("bytesPerS").asDouble(), Double.parseDouble(row[header.indexOf("gbyte_per_s")]) * 1e9, 2e-5,
                    p.get("id").asText());
        }
    }

    /** point id → fields; the header under the key {@code point_id}. */
    private static Map<String, String[]> summaryRows(Path run) throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(run.resolve("summary.csv"));
        String[] header = lines.get(0).split(",", -1);
        rows.put("point_id", header);
        int id = List.of(header).indexOf("point_id");
        lines.subList(1, lines.size()).forEach(l -> rows.put(l.split(",", -1)[id], l.split(",", -1)));
        return rows;
    }

    @Test
    void compareHasTheDefinition() throws IOException {
        Comparison c = Comparer.compare(List.of(CompareRun.read("A", RunReader.read(first)),
                CompareRun.read("B", RunReader.read(second))), CompareOptions.DEFAULTS.withResamples(200));
        assertThat(c.rows()).hasSize(6);
        Map<String, String[]> summary = summaryRows(first);
        List<String> header = List.of(summary.get("point_id"));
        for (PointRow row : c.rows()) {
            for (int i = 0; i < 2; i++) {
                Arm arm = row.arm(i);
                Figures e = expected.get(i == 0 ? first : second).get(arm.point().id());
                for (TrialMetric m : METRICS) {
                    near(arm.median(m), e.of(m), 1e-12, arm.point().id() + " " + m + " of run " + i);
                }
            }
            String[] s = summary.get(row.arm(0).point().id());
            near(row.arm(0).throughputCi().lo(), Double.parseDouble(s[header.indexOf("tokens_per_s_ci_lo")]), 1e-6,
                    "the throughput interval of compare and of summary.csv");
        }

        Path out = tmp.resolve("compare");
        Cli.Result r = Cli.run("compare", first.toString(), second.toString(), "--output", out.toString(),
                "--resamples", "200", "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(out.resolve("compare.md"));
        for (Figures a : expected.get(first).values()) {
            Figures b = expected.get(second).get(a.point().id());
            // the speedup row of the point (a slower one is marked before its id)
            String line = md.lines().filter(l -> l.startsWith("| ") && l.contains(a.point().id() + " | ")
                    && l.contains(" → ")).findFirst()
                    .orElseThrow(() -> new AssertionError(a.point().id() + " is not in compare.md:\n" + md));
            assertThat(line).contains(Numbers.seconds(a.p50Ns() * 1e-9) + " → " + Numbers.seconds(b.p50Ns() * 1e-9),
                    Numbers.seconds(a.p99Ns() * 1e-9) + " → " + Numbers.seconds(b.p99Ns() * 1e-9),
                    Numbers.si(a.tokensPerS()) + " tok/s → " + Numbers.si(b.tokensPerS()) + " tok/s");
        }
    }

    @Test
    void gateJsonHasTheDefinition() throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), POLICY);
        Path out = tmp.resolve("gate");
        Cli.Result r = Cli.run("gate", "--policy", policy.toString(), "--baseline", first.toString(), "--candidate",
                second.toString(), "--output", out.toString(), "--results-dir", results.toString(),
                "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).as(r.out() + r.err()).isIn(0, 1, 3);
        JsonNode points = JSON.readTree(out.resolve("gate.json").toFile()).get("points");
        assertThat(points).hasSize(6);
        for (JsonNode p : points) {
            String id = p.get("id").asText();
            assertThat(p.get("tests")).as(id).hasSize(3);
            for (JsonNode t : p.get("tests")) {
                TrialMetric m = TrialMetric.parse(t.get("metric").asText());
                near(t.get("baselineMedian").asDouble(), expected.get(first).get(id).of(m), 1e-5, id + " " + m);
                near(t.get("candidateMedian").asDouble(), expected.get(second).get(id).of(m), 1e-5, id + " " + m);
            }
        }
    }

    @Test
    void trendJsonHasTheDefinition() throws IOException {
        Path out = tmp.resolve("trend");
        Cli.Result r = Cli.run("trend", "--results-dir", results.toString(), "--sweep", "agree", "--output",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode series = JSON.readTree(out.resolve("trend.json").toFile()).get("series");
        assertThat(series).hasSize(6 * 3);
        for (JsonNode s : series) {
            TrialMetric m = TrialMetric.parse(s.get("metric").asText());
            String id = s.get("point").asText();
            assertThat(s.get("runs")).hasSize(2);
            for (JsonNode run : s.get("runs")) {
                Path dir = run.get("runId").asText().equals(first.getFileName().toString()) ? first : second;
                near(run.get("value").asDouble(), expected.get(dir).get(id).of(m), 1e-5, id + " " + m);
                assertThat(run.get("trials").asInt()).isEqualTo(4);
            }
        }
    }

    @Test
    void metricsPromHasTheDefinitionAsGauges() throws IOException {
        for (Path run : List.of(first, second)) {
            Map<String, Double> samples = PromText.check(Files.readString(run.resolve("metrics.prom")));
            for (Figures e : expected.get(run).values()) {
                PointEntry p = e.point();
                near(gauge(samples, "scalebench_point_latency_p50_seconds", p) * 1e9, e.p50Ns(), 1e-9, p.id());
                near(gauge(samples, "scalebench_point_latency_p99_seconds", p) * 1e9, e.p99Ns(), 1e-9, p.id());
                near(gauge(samples, "scalebench_point_throughput_tokens_per_second", p), e.tokensPerS(), 1e-9,
                        p.id());
            }
        }
    }

    private static double gauge(Map<String, Double> samples, String name, PointEntry p) {
        List<Double> v = samples.entrySet().stream()
                .filter(s -> s.getKey().startsWith(name + "{") && s.getKey().contains("phase=\"" + p.phase() + "\"")
                        && s.getKey().contains("batch=\"" + p.batch() + "\"")
                        && s.getKey().contains("seq=\"" + p.seq() + "\""))
                .map(Map.Entry::getValue).toList();
        assertThat(v).as(name + " of " + p.id()).hasSize(1);
        return v.get(0);
    }
}
