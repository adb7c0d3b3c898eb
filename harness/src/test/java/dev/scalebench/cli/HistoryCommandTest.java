package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.history.History;
import dev.scalebench.results.history.HistoryQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep ends indexed in the history; {@code history list|index|show} through the CLI; history failures warn. */
class HistoryCommandTest {
    private static final String SPEC = """
            name: hist
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 8]
            seq: [32]
            replicates: 2
            measure:
              warmup: {min-iterations: 3, min-time: 2ms, steady-cv: 0.5, max-time: 50ms}
              iterations: {min: 10, min-time: 5ms, max-time: 50ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    @TempDir
    static Path tmp;
    static Path spec;
    static Path results;
    static Path run;
    static Cli.Result sweep;

    @BeforeAll
    static void sweepOnce() throws IOException {
        spec = Files.writeString(tmp.resolve("hist.yaml"), SPEC);
        results = tmp.resolve("results");
        sweep = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString());
        run = runIn(results);
    }

    private static Path runIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static String sqlite(Path db) {
        return "jdbc:sqlite:" + db;
    }

    @Test
    void aFinishedSweepIsIndexedExactlyInTheResultsFolder() {
        assertThat(sweep.code()).as(sweep.err()).isZero();
        Path db = results.resolve("history.db");
        assertThat(db).isRegularFile();
        assertThat(sweep.out()).contains("history: added to the history database " + sqlite(db));
        try (History h = History.open(sqlite(db))) {
            RunMetrics indexed = h.load(run.getFileName().toString()).orElseThrow();
            assertThat(indexed).isEqualTo(RunMetrics.of(RunReader.read(run)));
            assertThat(indexed.trials()).hasSize(4);
            assertThat(h.list(HistoryQuery.all()).get(0).dir()).isEqualTo(run.toAbsolutePath().toString());
        }
    }

    @Test
    void listShowsTheRunAndFilters() {
        String id = run.getFileName().toString();
        Cli.Result all = Cli.run("history", "list", "--results-dir", results.toString());
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out()).contains("run").contains("started (UTC)").contains("failed")
                .contains(id).contains("hist").contains("COMPLETE").contains("1 run in the history database");
        String row = all.out().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow();
        assertThat(row.trim()).endsWith("2       4       0");

        Cli.Result filtered = Cli.run("history", "list", "--results-dir", results.toString(), "--sweep", "hist",
                "--good", "--limit", "5", "--fingerprint", "backend=sim");
        assertThat(filtered.out()).contains(id);
        Cli.Result none = Cli.run("history", "list", "--results-dir", results.toString(), "--fingerprint",
                "backend=djl");
        assertThat(none.code()).isZero();
        assertThat(none.out()).contains("no run matches").doesNotContain(id);
        assertThat(Cli.run("history", "list", "--results-dir", results.toString(), "--limit", "0").code()).isEqualTo(2);
    }

    @Test
    void anEmptyHistorySaysSoWithoutCreatingADatabase() {
        Path empty = tmp.resolve("empty-results");
        Cli.Result r = Cli.run("history", "list", "--results-dir", empty.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("the history is empty");
        assertThat(empty.resolve("history.db")).doesNotExist();
        Cli.Result show = Cli.run("history", "show", "20260101-000000-x", "--results-dir", empty.toString());
        assertThat(show.code()).isEqualTo(2);
        assertThat(show.err()).contains("no run 20260101-000000-x");
    }

    @Test
    void indexAddsRunFoldersAndReportsEach() {
        Path db = tmp.resolve("other").resolve("index.db");
        Cli.Result r = Cli.run("history", "index", run.toString(), "--history-url", sqlite(db));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("indexed " + run.getFileName() + ": COMPLETE, 2 points, 4 trials, 0 failed")
                .contains("1 of 1 run indexed");
        Cli.Result again = Cli.run("history", "index", run.toString(), tmp.toString(), "--history-url", sqlite(db));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains(tmp + ": not a run folder");
        assertThat(again.out()).contains("1 of 2 runs indexed");
        Cli.Result list = Cli.run("history", "list", "--history-url", sqlite(db));
        assertThat(list.out()).contains(run.getFileName().toString()).contains("1 run in");
    }

    @Test
    void showPrintsTheFingerprintAndTrialsPerPoint() {
        String id = run.getFileName().toString();
        Cli.Result r = Cli.run("history", "show", id, "--results-dir", results.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("run      " + id).contains("status   COMPLETE (good)")
                .contains("backend = sim").contains("points: 2, 2 OK trials each, none failed");
        RunMetrics ok = RunMetrics.of(RunReader.read(run));
        String failing = "20260101-000000-failing";
        Path db = tmp.resolve("show.db");
        try (History h = History.open(sqlite(db))) {
            h.index(new RunMetrics(failing, ok.sweep(), RunManifest.Status.COMPLETE, ok.started(), ok.ended(),
                    ok.fingerprint(), ok.specHash(), ok.points(), ok.trials().subList(0, 3),
                    Map.of(ok.points().get(1).id(), 1)), null);
        }
        Cli.Result bad = Cli.run("history", "show", failing, "--history-url", sqlite(db));
        assertThat(bad.code()).as(bad.err()).isZero();
        assertThat(bad.out()).contains("status   COMPLETE, 1 failed trial (not good)").contains("folder   -")
                .contains("points: 2, 2 OK trials each, except:")
                .containsPattern("gpt-1m/fp32/prefill/b8/s32 +1 +1")
                .doesNotContain("gpt-1m/fp32/prefill/b1/s32");
        Cli.Result missing = Cli.run("history", "show", "nope", "--results-dir", results.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no run nope").contains("history list");
    }

    @Test
    void aHistoryFailureOnlyWarns() throws IOException {
        Path out = tmp.resolve("nosuch-results");
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", out.toString(), "--no-analyze", "--history-url", "jdbc:nosuch:x");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: the run was not added to the history")
                .contains("no JDBC driver for 'nosuch'")
                .contains("retry with: scalebench history index " + runIn(out) + " --history-url jdbc:nosuch:x");
        assertThat(r.out()).contains("results: " + runIn(out));
    }

    @Test
    void noHistorySkipsIndexingAndResumeIndexesBesideTheRun() throws IOException {
        Path out = tmp.resolve("skip-results");
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", out.toString(), "--no-analyze", "--no-history");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("history.db")).doesNotExist();
        assertThat(r.out()).doesNotContain("history:");

        Path done = runIn(out);
        Cli.Result resumed = Cli.run("sweep", "--resume", done.toString(), "--no-analyze");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        try (History h = History.open(sqlite(out.toAbsolutePath().resolve("history.db")))) {
            assertThat(h.load(done.getFileName().toString())).contains(RunMetrics.of(RunReader.read(done)));
        }
    }

    @Test
    void historyExplainsItselfWithHelp() {
        Cli.Result r = Cli.run("history", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: scalebench history").contains("list").contains("index").contains("show");
        assertThat(Cli.run("history", "list", "--help").out()).contains("--fingerprint=KEY=VALUE")
                .contains("--history-url");
        assertThat(Cli.run("sweep", "--help").out()).contains("--no-history").contains("--history-url");
    }
}
