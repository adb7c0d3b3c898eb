package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.measure.Flag;
import dev.scalebench.report.FlagNotes;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze}, {@code fit --input} and the analysis at the end of {@code sweep}, through the CLI: the files
 * they write, what they print, and how they refuse bad input.
 */
class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SPEC = """
            name: fitme
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: [prefill, decode]
            batch: [1, 4, 16, 64]
            seq: [32, 64, 128]
            replicates: 2
            measure:
              warmup: {min-iterations: 3, min-time: 5ms, steady-cv: 0.5, max-time: 100ms}
              iterations: {min: 10, min-time: 20ms, max-time: 100ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    @TempDir
    static Path tmp;
    static Path run;
    static Cli.Result sweep;

    @BeforeAll
    static void sweepOnce() throws IOException {
        Path spec = tmp.resolve("fitme.yaml");
        Files.writeString(spec, SPEC);
        Path results = tmp.resolve("results");
        sweep = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString());
        try (Stream<Path> dirs = Files.list(results)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void aSweepEndsWithItsAnalysis() throws IOException {
        assertThat(sweep.code()).as(sweep.err()).isZero();
        assertThat(run.resolve("fits.json")).isRegularFile();
        assertThat(run.resolve("report.html")).isRegularFile();
        assertThat(run.resolve("report.md")).isRegularFile();
        assertThat(sweep.out()).contains("report: " + run.resolve("report.html"));
        JsonNode fits = JSON.readTree(run.resolve("fits.json").toFile());
        assertThat(fits.path("schema").asInt()).isEqualTo(2);
        List<String> axes = new ArrayList<>();
        fits.path("fits").forEach(f -> {
            assertThat(f.path("selected").isTextual()).as(f.path("id").asText()).isTrue();
            axes.add(f.path("axis").asText());
        });
        // 2 phases x 3 seqs over batch, 2 phases x 4 batches over seq; one model: nothing over model size
        assertThat(axes).hasSize(6 + 8);
        assertThat(axes.stream().filter("batch"::equals).count()).isEqualTo(6);
        assertThat(axes.stream().filter("seq"::equals).count()).isEqualTo(8);
    }

    @Test
    void aSweepSaysInOneLineWhatTheReportsBannerCounts() throws IOException {
        List<TrialValues> trials = RunMetrics.of(RunReader.read(run)).trials();
        Map<Flag, Integer> counts = FlagNotes.counts(trials);
        List<String> lines = sweep.out().lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.contains(" trials in " + run)).findFirst().orElseThrow());
        String md = Files.readString(run.resolve("report.md"));
        if (counts.isEmpty()) {
            assertThat(sweep.out()).doesNotContain("flags: ");
            assertThat(md).doesNotContain("Flagged trials");
            return;
        }
        // the line right after "N trials in DIR", the same counts as the banner of report.md
        assertThat(lines.get(at + 1)).isEqualTo(FlagNotes.line(trials)).startsWith("flags: ");
        counts.forEach((flag, n) -> {
            assertThat(lines.get(at + 1)).contains(n + " of " + trials.size() + " trials " + flag + " (");
            assertThat(md).contains("**" + n + " of " + trials.size() + " trials flagged " + flag + ":**");
        });
    }

    @Test
    void analyzeRewritesTheReportsWithOtherOptions() throws IOException {
        Cli.Result r = Cli.run("analyze", run.toString(), "--bootstrap", "50", "--metric", "mean", "--seed", "3",
                "--hardware", "none", "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("14 series fitted").contains("fits:   " + run.resolve("fits.json"));
        JsonNode fits = JSON.readTree(run.resolve("fits.json").toFile());
        assertThat(fits.path("metric").asText().toLowerCase(Locale.ROOT)).isEqualTo("mean");
        assertThat(fits.path("options").path("bootstrap").asInt()).isEqualTo(50);
        assertThat(Files.readString(run.resolve("report.md"))).contains("no hardware profile");
    }

    @Test
    void analyzeOutputWritesElsewhereAndLeavesTheRunsOwnReportsAlone() throws IOException {
        Map<Path, String> before = CompareCommandTest.files(run);
        Path elsewhere = tmp.resolve("elsewhere").resolve("p99");
        Cli.Result r = Cli.run("analyze", run.toString(), "--output", elsewhere.toString(), "--metric", "p99",
                "--bootstrap", "0", "--hardware", "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("report: " + elsewhere.resolve("report.html"));
        for (String f : List.of("fits.json", "report.html", "report.md")) {
            assertThat(elsewhere.resolve(f)).isRegularFile();
        }
        assertThat(JSON.readTree(elsewhere.resolve("fits.json").toFile()).path("metric").asText()
                .toLowerCase(Locale.ROOT)).isEqualTo("p99");
        assertThat(CompareCommandTest.files(run)).isEqualTo(before);
        assertThat(Cli.run("analyze", "--help").out()).contains("-o, --output=DIR");
    }

    @Test
    void repairsMadeWhileReadingAreNotedAndReportedAndTheRunFilesAreLeftAsTheyWere() throws IOException {
        Path cut = tmp.resolve("cut");
        Files.createDirectories(cut);
        for (String f : List.of("run.json", "trials.jsonl", "histograms.hlog")) {
            Files.copy(run.resolve(f), cut.resolve(f));
        }
        Files.writeString(cut.resolve("trials.jsonl"), "{\"schema\":1,\"trialId\":\"gpt-1m/fp32/decode/b1/s32#r7\",\"st",
                StandardOpenOption.APPEND);
        Map<Path, String> before = CompareCommandTest.files(cut);

        Cli.Result r = Cli.run("analyze", cut.toString(), "--bootstrap", "0", "--hardware", "none");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("analyze: note: " + cut + ": ").contains("incomplete last line");
        Map<Path, String> after = CompareCommandTest.files(cut);
        before.forEach((f, sum) -> assertThat(after.get(f)).as("%s, byte for byte", f).isEqualTo(sum));
        assertThat(after.keySet()).containsExactlyInAnyOrder(cut.resolve("run.json"), cut.resolve("trials.jsonl"),
                cut.resolve("histograms.hlog"), cut.resolve("fits.json"), cut.resolve("report.md"),
                cut.resolve("report.html"));
        assertThat(Files.readString(cut.resolve("report.md"))).contains("**Repairs made while reading**")
                .contains("incomplete last line");
        assertThat(Files.readString(cut.resolve("report.html"))).contains("<section id=\"repairs\"")
                .contains("incomplete last line");
        assertThat(JSON.readTree(cut.resolve("fits.json").toFile()).path("repairs").get(0).asText())
                .contains("incomplete last line");
    }

    @Test
    void analyzeRefusesBadInputWithExitCode2() throws IOException {
        Cli.Result notRun = Cli.run("analyze", tmp.toString());
        assertThat(notRun.code()).isEqualTo(2);
        assertThat(notRun.err()).contains("not a run folder");
        Cli.Result metric = Cli.run("analyze", run.toString(), "--metric", "p42");
        assertThat(metric.code()).isEqualTo(2);
        assertThat(metric.err()).contains("p42").contains("p50");
        Cli.Result hw = Cli.run("analyze", run.toString(), "--hardware", "tpu-v9", "--profiles-dir",
                Cli.PROFILES.toString());
        assertThat(hw.code()).isEqualTo(2);
        assertThat(hw.err()).contains("tpu-v9").contains("h100-sxm");
    }

    @Test
    void sloAndGenerationMetricsAreCheckedAndRefusedNamingTheBadText() {
        Cli.Result slo = Cli.run("analyze", run.toString(), "--slo", "tpot-p99=fast");
        assertThat(slo.code()).isEqualTo(2);
        assertThat(slo.err()).contains("--slo").contains("'fast'").contains("tpot-p99");
        Cli.Result preset = Cli.run("analyze", run.toString(), "--slo", "mlperf-offline");
        assertThat(preset.code()).isEqualTo(2);
        assertThat(preset.err()).contains("mlperf-offline").contains("mlperf-server");
        // a prefill/decode run has no TPOT to fit
        Cli.Result tpot = Cli.run("analyze", run.toString(), "--metric", "tpot_p99");
        assertThat(tpot.code()).isEqualTo(2);
        assertThat(tpot.err()).contains("has no tpot_p99 latencies").contains("--metric p50");
        Cli.Result unknown = Cli.run("analyze", run.toString(), "--metric", "tpot_p95");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("tpot_p95").contains("tpot_p99").contains("ttft_p50");
    }

    @Test
    void fitReadsAnotherToolsCsv() throws IOException {
        StringBuilder csv = new StringBuilder("model,phase,batch,seq,replicate,p50_ms\n");
        for (int b : new int[] {1, 2, 4, 8, 16}) {
            for (int r = 0; r < 3; r++) {
                double ms = (2.0 + 0.5 * b) * (1 + 0.01 * (r - 1));
                csv.append(String.format(Locale.ROOT, "llama,prefill,%d,512,%d,%.4f%n", b, r, ms));
            }
        }
        Path in = tmp.resolve("other-tool.csv");
        Files.writeString(in, csv);
        Path out = tmp.resolve("fit-out");
        Cli.Result r = Cli.run("fit", "--input", in.toString(), "--output", out.toString(), "--bootstrap", "200",
                "--profiles-dir", Cli.PROFILES.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("report.html")).isRegularFile();
        // t = 2 ms + 0.5 ms per sequence: throughput saturates at 1 / 0.5 ms = 2000 seq/s
        JsonNode fits = JSON.readTree(out.resolve("fits.json").toFile());
        assertThat(fits.path("fits")).hasSize(1);
        assertThat(r.out()).contains("llama").contains("2k seq/s");
    }

    @Test
    void fitNamesTheLineAndColumnOfABadValue() throws IOException {
        Path in = tmp.resolve("bad.csv");
        Files.writeString(in, "batch,seq,p50_ms\n1,128,2.0\n2,128,fast\n");
        Cli.Result r = Cli.run("fit", "--input", in.toString(), "--output", tmp.resolve("never").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv:3").contains("p50_ms").contains("fast");
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}
