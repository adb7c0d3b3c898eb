package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.Units;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.history.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --from-history}: the pilot is the newest good run of the same sweep and fingerprint (not an older
 * one, a newer failed one, one of another fingerprint or of another sweep); its sizing is the one {@code --pilot}
 * prints for that run's folder; {@code --fit-precision} and the memory check read the folder the history recorded,
 * and say so plainly when it is gone.
 */
class PlanFromHistoryTest {
    private static final String SPEC = """
            name: fromhist
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 2, 4, 8]
            seq: [16]
            replicates: 3
            measure:
              warmup: {min-iterations: 3, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 10, min-time: 2ms, max-time: 20ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;
    private static final String MEASURED_POINT = "gpt-1m/fp32/prefill/b1/s16";

    @TempDir
    static Path tmp;
    static Path spec;
    static Path run;
    static RunMetrics metrics;
    static String db;
    static String goneDb;
    static Path gone;

    @BeforeAll
    static void sweepAndIndex() throws IOException {
        spec = Files.writeString(tmp.resolve("fromhist.yaml"), SPEC);
        Path results = tmp.resolve("results");
        Cli.Result sweep = Cli.run("sweep", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-analyze", "--no-history");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        try (Stream<Path> s = Files.list(results)) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow().toAbsolutePath();
        }
        // the simulator reads no memory: give batch 1's trials a reading, as a DJL run would have
        Path journal = run.resolve("trials.jsonl");
        List<String> lines = Files.readAllLines(journal).stream().map(l -> l.contains("/b1/s16")
                ? l.replace("\"flags\"", "\"memPeakBytes\":8000000,\"flags\"") : l).toList();
        Files.write(journal, lines);
        metrics = RunMetrics.of(RunReader.read(run));

        db = "jdbc:sqlite:" + tmp.resolve("history.db");
        Map<String, String> otherMachine = new TreeMap<>(metrics.fingerprint());
        otherMachine.put("cpu.model", "Another CPU 9000");
        try (History h = History.open(db)) {
            h.index(metrics, run);
            // an older good run of the same sweep and machine
            h.index(copy("20200101-000000-older", -24, metrics.fingerprint(), RunManifest.Status.COMPLETE, Map.of()),
                    run);
            // newer runs that must not be picked: one with a failed trial, one that did not complete, one on
            // another machine, one of another sweep
            h.index(copy("20990101-000000-failed", 1, metrics.fingerprint(), RunManifest.Status.COMPLETE,
                    Map.of(MEASURED_POINT, 1)), run);
            h.index(copy("20990101-000001-interrupted", 2, metrics.fingerprint(), RunManifest.Status.INTERRUPTED,
                    Map.of()), run);
            h.index(copy("20990101-000002-othercpu", 3, otherMachine, RunManifest.Status.COMPLETE, Map.of()), run);
            RunMetrics other = copy("20990101-000003-othersweep", 4, metrics.fingerprint(),
                    RunManifest.Status.COMPLETE, Map.of());
            h.index(new RunMetrics(other.runId(), "another-sweep", other.status(), other.started(), other.ended(),
                    other.fingerprint(), other.specHash(), other.points(), other.trials(), other.failedTrials()), run);
        }
        // a history whose run folder has since been removed
        gone = tmp.resolve("removed-run");
        goneDb = "jdbc:sqlite:" + tmp.resolve("gone.db");
        try (History h = History.open(goneDb)) {
            h.index(metrics, gone);
        }
    }

    /** {@link #metrics} under another id, started {@code hours} later, with this fingerprint, status and failures. */
    private static RunMetrics copy(String id, int hours, Map<String, String> fingerprint, RunManifest.Status status,
            Map<String, Integer> failed) {
        Duration shift = Duration.ofHours(hours);
        return new RunMetrics(id, metrics.sweep(), status, metrics.started().plus(shift),
                metrics.ended() == null ? null : metrics.ended().plus(shift), fingerprint, metrics.specHash(),
                metrics.points(), metrics.trials(), failed);
    }

    private static Cli.Result plan(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("plan", spec.toString(), "--profiles-dir",
                Cli.PROFILES.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** The output without its first line, which names the pilot's source. */
    private static String afterHeader(String out) {
        return out.substring(out.indexOf('\n') + 1);
    }

    /** The sizing part of the output: after the header, before the memory check. */
    private static String sizing(String out) {
        String s = afterHeader(out);
        return s.substring(0, s.indexOf("\nmemory"));
    }

    @Test
    void picksTheNewestGoodRunOfTheSweepOnThisMachineAndSizesAsItsFolderDoes() {
        Cli.Result history = plan("--from-history", "--history-url", db);
        assertThat(history.code()).as(history.err()).isZero();
        String firstLine = history.out().lines().findFirst().orElseThrow();
        assertThat(firstLine).startsWith("pilot from the history, folder " + run)
                .contains("(run " + metrics.runId() + ")");
        assertThat(history.out()).doesNotContain("20200101-000000-older", "20990101-000000-failed",
                "20990101-000001-interrupted", "20990101-000002-othercpu", "20990101-000003-othersweep");

        Cli.Result folder = plan("--pilot", run.toString());
        assertThat(folder.code()).as(folder.err()).isZero();
        assertThat(afterHeader(history.out())).isEqualTo(afterHeader(folder.out()))
                .contains("recommended replicates:");
    }

    @Test
    void theMemoryCheckReadsTheRecordedFolder() {
        Cli.Result r = plan("--from-history", "--history-url", db);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("memory, estimated against measured in " + run);
        String line = r.out().substring(r.out().indexOf("memory, estimated against measured")).lines()
                .filter(l -> l.startsWith(MEASURED_POINT + " ")).findFirst().orElseThrow();
        assertThat(line).contains(Units.formatBytes(8_000_000)).containsPattern("[+-]\\d+\\.\\d%$");
    }

    @Test
    void fitPrecisionReadsTheRecordedFolder() {
        // a loose target keeps the simulation at the smallest candidate: quick
        Cli.Result r = plan("--from-history", "--history-url", db, "--fit-precision", "90%");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("batch:gpt-1m/fp32/prefill/s16").contains("fits need:");
    }

    @Test
    void fitPrecisionStopsNamingTheFolderWhenItIsGone() {
        Cli.Result r = plan("--from-history", "--history-url", goneDb, "--fit-precision", "5%");
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains("--fit-precision 5% needs the pilot's run folder")
                .contains("; " + gone + " no longer exists: pass --pilot <folder>");
        assertThat(r.out()).doesNotContain("recommended replicates");
    }

    @Test
    void withoutTheFolderTheSizingStandsAndTheMemoryCheckSaysWhyItIsMissing() {
        Cli.Result r = plan("--from-history", "--history-url", goneDb);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(sizing(r.out())).isEqualTo(sizing(plan("--pilot", run.toString()).out()))
                .contains("recommended replicates:");
        assertThat(r.out()).contains("memory: the history keeps no memory readings and " + gone
                + " no longer exists").contains("pass --pilot <folder>");
    }

    @Test
    void aHistoryWithoutAGoodRunOfTheSweepIsNamedWithTheFix() {
        Cli.Result r = Cli.run("plan", "smoke", "--profiles-dir", Cli.PROFILES.toString(), "--from-history",
                "--history-url", db);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no good run of sweep 'smoke'").contains("--pilot RUN_DIR");
    }
}
