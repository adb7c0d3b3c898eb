package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.PointWork;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.Units;
import dev.scalebench.plan.MemoryModel;
import dev.scalebench.plan.SweepPoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --memory-from}: estimated, measured and the error for each point the run measured; the plan's points
 * the run lacks or did not measure, and the run's measured points the plan lacks, are named.
 */
class PlanMemoryTest {

    private static final ModelConfig TINY = new ModelConfig("gpt-1m", 2, 64, 4, 4, 256, 512, false);

    private static SweepPoint point(int batch) {
        return new SweepPoint("djl", "cpu", DType.FP32, Phase.PREFILL, ModelSpec.of(TINY), batch, 64);
    }

    @Test
    void printsEstimatedMeasuredAndErrorAndNamesWhatItCouldNotMatch() {
        SweepPoint b1 = point(1);
        SweepPoint b2 = point(2);
        SweepPoint b4 = point(4);
        SweepPoint b8 = point(8);
        long est1 = MemoryModel.estimate(b1).total();
        long measured1 = est1 * 2; // the model estimated half: -50.0 %
        long est2 = MemoryModel.estimate(b2).total();
        long measured2 = est2 * 4 / 5; // the model estimated 25 % too much: +25.0 %
        Map<String, PointWork> run = Map.of(b1.id(), PointWork.UNKNOWN.withMemPeak(measured1),
                b2.id(), new PointWork(1e9, 1e6, measured2), b4.id(), new PointWork(1e9, 1e6),
                "other/fp32/prefill/b1/s64", PointWork.UNKNOWN.withMemPeak(5));
        StringWriter s = new StringWriter();
        PlanMemory.print(List.of(b1, b2, b4, b8), run, "results/pilot", new PrintWriter(s));
        String out = s.toString();
        assertThat(out).contains("memory, estimated against measured in results/pilot");
        assertThat(lineOf(out, b1.id())).contains(Units.formatBytes(est1), Units.formatBytes(measured1), "-50.0%");
        assertThat(lineOf(out, b2.id())).contains(Units.formatBytes(est2), Units.formatBytes(measured2), "+25.0%");
        assertThat(out).contains("2 points matched, median |error| 37.5%", "2 points not matched:",
                b4.id() + " (no memory reading)", b8.id() + " (not in the run)",
                "1 measured points of the run are not in this plan: other/fp32/prefill/b1/s64");
    }

    @Test
    void aRunWithoutReadingsMatchesNothingAndSaysSo() {
        StringWriter s = new StringWriter();
        PlanMemory.print(List.of(point(1)), Map.of(point(1).id(), new PointWork(1, 1)), "r", new PrintWriter(s));
        assertThat(s.toString()).contains("no point matched: r has no memory reading", "1 points not matched:");
    }

    @Test
    void thePlanCommandComparesWithARunsReadings(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("tiny.yaml"), """
                name: tiny
                backend: sim
                model: [gpt-1m]
                dtype: fp32
                phase: prefill
                batch: [1, 2]
                seq: [8]
                replicates: 1
                measure:
                  warmup: {min-iterations: 2, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
                  iterations: {min: 3, min-time: 2ms, max-time: 20ms}
                  target-ci: 0.001
                  trial-timeout: 30s
                """);
        Path results = tmp.resolve("results");
        Cli.Result sweep = Cli.run("sweep", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-analyze", "--no-history");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        Path run;
        try (var dirs = Files.list(results)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // the simulator reads no memory: give batch 1's trial a reading, as a DJL run would have
        Path journal = run.resolve("trials.jsonl");
        List<String> lines = Files.readAllLines(journal).stream().map(l -> l.contains("/b1/s8")
                ? l.replace("\"flags\"", "\"memPeakBytes\":8000000,\"flags\"") : l).toList();
        Files.write(journal, lines);

        Cli.Result plan = Cli.run("plan", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--memory-from", run.toString());
        assertThat(plan.code()).as(plan.err()).isZero();
        String out = plan.out();
        assertThat(lineOf(out, "gpt-1m/fp32/prefill/b1/s8")).contains(Units.formatBytes(8_000_000))
                .containsPattern("[+-]\\d+\\.\\d%$");
        assertThat(out).contains("1 points matched", "1 points not matched:",
                "gpt-1m/fp32/prefill/b2/s8 (no memory reading)");

        // the same comparison follows a pilot's answer
        Cli.Result pilot = Cli.run("plan", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(), "--pilot",
                run.toString());
        assertThat(pilot.code()).as(pilot.err()).isZero();
        assertThat(lineOf(pilot.out(), "gpt-1m/fp32/prefill/b1/s8")).contains(Units.formatBytes(8_000_000));
    }

    /** The comparison's line of point {@code id} (after the plan's own table, which lists it too). */
    private static String lineOf(String out, String id) {
        int from = out.indexOf("memory, estimated against measured");
        assertThat(from).isNotNegative();
        return out.substring(from).lines().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
    }
}
