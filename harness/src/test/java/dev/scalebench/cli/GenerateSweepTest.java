package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.results.Run;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.SummaryWriter;
import dev.scalebench.results.TrialRun;
import dev.scalebench.results.TrialValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase generate through the commands on the sim backend: the sweep file's {@code output} factor, generate points
 * with their per-token figures in the run model and in {@code summary.csv}, and a sharded generate sweep merged
 * with every trial's further histograms kept.
 */
class GenerateSweepTest {

    private static final String SPEC = """
            name: gen
            backend: sim
            model: [llama-tiny]
            phase: [decode, generate]
            batch: [1, 2]
            seq: [16]
            output: [2, 4]
            replicates: 2
            measure:
              warmup: {min-iterations: 2, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 5, min-time: 2ms, max-time: 30ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    private static Path sweep(Path spec, Path results, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", spec.toString(), "--profiles-dir",
                Cli.PROFILES.toString(), "--results-dir", results.toString(), "--no-analyze", "--no-history"));
        args.addAll(Arrays.asList(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()));
    }

    @Test
    void generatePointsCarryTheirFiguresByTokenIntoTheRunModelAndTheSummary(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("gen.yaml"), SPEC);
        Run run = Run.read(sweep(spec, tmp.resolve("results")));

        assertThat(run.points()).extracting(p -> p.point().id()).contains("llama-tiny/fp32/generate/b2/s16/o4",
                "llama-tiny/fp32/generate/b1/s16/o2", "llama-tiny/fp32/decode/b2/s16").hasSize(6);
        for (TrialRun t : run.trials()) {
            assertThat(t.measured()).as(t.record().trialId()).isTrue();
            TrialValues v = t.stats();
            if (t.record().pointId().contains("/generate/")) {
                int output = t.record().pointId().endsWith("/o4") ? 4 : 2;
                assertThat(v.generation()).as(t.record().trialId()).isNotNull();
                assertThat(v.generation().outputTokens()).isEqualTo(output);
                assertThat(v.tokensPerStep()).isEqualTo((long) output * (t.record().pointId().contains("/b2/") ? 2 : 1));
                assertThat(v.generation().ttftP50Ns()).isPositive().isLessThan(v.p50Ns());
                assertThat(v.generation().tpotP50Ns()).isPositive();
            } else {
                assertThat(v.generation()).isNull();
            }
        }
        List<String> csv = Files.readAllLines(run.dir().resolve(SummaryWriter.FILE));
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(header).containsSubsequence(SummaryWriter.COLUMNS).containsSubsequence(
                SummaryWriter.GENERATION_COLUMNS);
        int ttft = header.indexOf("ttft_p50_ns");
        int output = header.indexOf("output");
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",", -1);
            if (row.contains("/generate/")) {
                assertThat(Double.parseDouble(f[ttft])).as(row).isPositive();
                assertThat(f[output]).isIn("2", "4");
            } else {
                assertThat(f[ttft]).as(row).isEmpty();
            }
        }
    }

    @Test
    void aShardedGenerateSweepMergesWithEveryTrialsFurtherHistograms(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("gen.yaml"), SPEC.replace("phase: [decode, generate]",
                "phase: [generate]"));
        List<Path> shards = List.of(sweep(spec, tmp.resolve("shards"), "--shard", "1/2"),
                sweep(spec, tmp.resolve("shards"), "--shard", "2/2"));
        Cli.Result m = Cli.run("merge", "--output", tmp.resolve("merged").toString(), "--no-history",
                "--profiles-dir", Cli.PROFILES.toString(), shards.get(0).toString(), shards.get(1).toString());
        assertThat(m.code()).as(m.err()).isZero();
        Path merged = tmp.resolve("merged");
        RunReader r = RunReader.read(merged);
        assertThat(r.trials()).hasSize(8);
        assertThat(r.series()).hasSize(8).allSatisfy((id, s) -> assertThat(s).containsOnlyKeys("ttft", "tpot", "itl"));
        assertThat(Files.readString(merged.resolve(SummaryWriter.FILE))).contains("ttft_p50_ns");
    }
}
