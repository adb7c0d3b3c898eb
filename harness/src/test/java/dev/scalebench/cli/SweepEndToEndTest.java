package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.measure.Flag;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny real sweep on DJL PyTorch (CPU) through the CLI, and every output file checked. */
class SweepEndToEndTest {
    private static final String SPEC = """
            name: e2e
            backend: djl
            device: auto
            dtype: fp32
            phase: [prefill, decode]
            model: [gpt-1m]
            batch: [1, 32]
            seq: [8, 32]
            replicates: 2
            measure:
              warmup: {min-iterations: 3, min-time: 20ms, steady-cv: 0.2, max-time: 1s}
              iterations: {min: 10, min-time: 100ms, max-time: 1s}
              target-ci: 0.05
              trial-timeout: 60s
            """;

    @TempDir
    static Path tmp;
    static Path run;
    static Cli.Result result;

    @BeforeAll
    static void sweep() throws IOException {
        Path spec = Files.writeString(tmp.resolve("e2e.yaml"), SPEC);
        result = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", tmp.resolve("results").toString());
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void exitsZeroAndSaysWhereTheResultsAre() {
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("results: " + run);
        assertThat(run.getFileName().toString()).matches("\\d{8}-\\d{6}-e2e");
    }

    @Test
    void manifestJournalAndHistogramsAgree() throws IOException {
        RunReader r = RunReader.read(run);
        assertThat(r.manifest().schema()).isEqualTo(RunManifest.SCHEMA).isEqualTo(2);
        assertThat(r.manifest().status()).isEqualTo(RunManifest.Status.COMPLETE);
        assertThat(r.manifest().fingerprint()).containsKeys("os.name", "jvm.version");
        assertThat(r.manifest().plan().trialOrder()).hasSize(16);
        assertThat(r.trials()).hasSize(16).allMatch(TrialResult::ok);
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"device\" : \"cpu\"");

        // every journal line carries the schema; every trial's histogram count equals its iterations
        assertThat(Files.readAllLines(run.resolve("trials.jsonl"))).allMatch(l -> l.startsWith("{\"schema\":1,"));
        Map<String, Long> counts = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(run.resolve("histograms.hlog").toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                counts.put(h.getTag(), ((org.HdrHistogram.Histogram) h).getTotalCount());
            }
        }
        assertThat(counts).hasSize(16);
        // What the protocol guarantees whatever the machine's speed (a busy machine may reach max-time first):
        // warm-up runs its minimum iterations and time; the measured loop runs at least min-time, and stops
        // either at target-ci, having run its minimum iterations, or at max-time, flagged as such.
        for (TrialResult t : r.trials()) {
            assertThat(counts.get(t.trialId())).as(t.trialId()).isEqualTo(t.measured().iterations());
            assertThat(t.measured().warmup().iterations()).as(t.trialId()).isGreaterThanOrEqualTo(3);
            assertThat(t.measured().warmup().nanos()).as(t.trialId()).isGreaterThanOrEqualTo(20_000_000L);
            assertThat(t.measured().nanos()).as(t.trialId()).isGreaterThanOrEqualTo(100_000_000L);
            assertThat(t.measured().iterations()).as(t.trialId()).isPositive();
            assertThat(t.measured().stopReason().id()).as(t.trialId()).isIn("target-ci", "max-time");
            if (t.measured().stopReason().id().equals("target-ci")) {
                assertThat(t.measured().iterations()).as(t.trialId()).isGreaterThanOrEqualTo(10);
            } else {
                assertThat(t.measured().nanos()).as(t.trialId()).isGreaterThanOrEqualTo(1_000_000_000L);
                assertThat(t.flags()).as(t.trialId()).extracting(Flag::id).contains("max-time");
            }
        }
    }

    @Test
    void summaryValuesAreSane() throws IOException {
        Map<String, Map<String, String>> rows = csv(Files.readString(run.resolve("summary.csv")));
        assertThat(rows).hasSize(8);
        for (Map<String, String> row : rows.values()) {
            assertThat(row.get("schema")).isEqualTo("2");
            assertThat(row.get("status")).isEqualTo("ok");
            assertThat(Double.parseDouble(row.get("seq_per_s"))).isPositive();
            assertThat(Double.parseDouble(row.get("tokens_per_s"))).isPositive();
            assertThat(Double.parseDouble(row.get("gflop_per_s"))).isPositive();
            // medians over trials: with two trials, the mean of their values, which need not be whole ns
            double p50 = Double.parseDouble(row.get("p50_ns"));
            assertThat(p50).isPositive().isLessThanOrEqualTo(Double.parseDouble(row.get("p99_ns")));
            assertThat(Double.parseDouble(row.get("p99_ns")))
                    .isLessThanOrEqualTo(Double.parseDouble(row.get("max_ns")));
            assertThat(Double.parseDouble(row.get("seq_per_s_ci_lo")))
                    .isLessThanOrEqualTo(Double.parseDouble(row.get("seq_per_s")));
        }
        // (No ordering of latencies between points: measured with the wall clock, batch 32 is slower than batch 1
        // only on a machine that is not busy elsewhere. Speed belongs in benchmarks, not in this test.)
        // every point's row sums the iterations of its trials, from both replicates
        Map<String, Long> iterations = new HashMap<>();
        RunReader.read(run).trials().forEach(t -> iterations.merge(t.pointId(), t.measured().iterations(), Long::sum));
        for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
            assertThat(row.getValue().get("trials_ok")).as(row.getKey()).isEqualTo("2");
            assertThat(Long.parseLong(row.getValue().get("iterations"))).as(row.getKey())
                    .isEqualTo(iterations.get(row.getKey()));
        }
        // prefill tokens/s = seq/s × seq
        Map<String, String> p = rows.get("gpt-1m/fp32/prefill/b32/s32");
        assertThat(Double.parseDouble(p.get("tokens_per_s")))
                .isCloseTo(32 * Double.parseDouble(p.get("seq_per_s")), org.assertj.core.data.Percentage.withPercentage(0.01));
    }

    /** point_id → column → value (the summary has no quoted commas in these rows). */
    static Map<String, Map<String, String>> csv(String text) throws IOException {
        BufferedReader r = new BufferedReader(new StringReader(text));
        String[] header = r.readLine().split(",", -1);
        Map<String, Map<String, String>> rows = new HashMap<>();
        String line;
        while ((line = r.readLine()) != null) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < cells.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.put(row.get("point_id"), row);
        }
        return rows;
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
