package dev.scalebench.results.history;

import static dev.scalebench.analysis.trend.TrendFixtures.MACHINE_A;
import static dev.scalebench.analysis.trend.TrendFixtures.history;
import static dev.scalebench.analysis.trend.TrendFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.cli.Cli;
import dev.scalebench.results.GenerationValues;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunManifest.Status;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every history backend keeps, like a TCK: the same checks run against SQLite
 * ({@link SqliteHistoryContractTest}, everywhere) and PostgreSQL ({@link PostgresHistoryContractTest}, tag
 * {@code server}), so both stay equal. A backend gives a fresh, empty database per test ({@link #freshUrl}).
 *
 * <p>The checks: runs round-trip exactly (awkward doubles, NaN, infinities, a generate run); {@code history
 * index}, {@code history list}, {@code history show}, {@code gate --baseline latest} and {@code trend} through the
 * CLI on real (sim) run folders; four shard <b>processes</b> (child JVMs, {@link IndexChild}) indexing their shards
 * into one fresh database at the same moment, with no run lost or duplicated and the schema created once; and
 * eight threads with a connection each opening one fresh database at once, five times.
 */
abstract class HistoryContract {
    private static final String SPEC = """
            name: tck
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 2, 4, 8]
            seq: [16, 32]
            replicates: 2
            measure:
              warmup: {min-iterations: 3, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 10, min-time: 2ms, max-time: 20ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;
    private static final int SHARDS = 4;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path runs;
    static Path base;
    static Path candidate;
    static List<Path> shards;

    /**
     * The JDBC URL of a fresh, empty history database, distinct for each call.
     *
     * @param name a name unique in this run: lower-case letters, digits and underscores
     */
    protected abstract String freshUrl(String name) throws Exception;

    /** A fresh database URL named after {@code what}. */
    private String fresh(String what) throws Exception {
        return freshUrl(what + "_" + DATABASES.incrementAndGet());
    }

    /** A base run and a candidate run of one sweep, and the four shards of that sweep, none indexed. */
    @BeforeAll
    static void sweeps() throws IOException {
        Path spec = Files.writeString(runs.resolve("tck.yaml"), SPEC);
        Path results = runs.resolve("results");
        base = sweep(spec, results);
        candidate = sweep(spec, results);
        Path sharded = runs.resolve("sharded");
        shards = new ArrayList<>();
        for (int k = 1; k <= SHARDS; k++) {
            shards.add(sweep(spec, sharded, "--shard", k + "/" + SHARDS));
        }
    }

    private static Path sweep(Path spec, Path results, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", "--profile", spec.toString(), "--profiles-dir",
                Cli.PROFILES.toString(), "--results-dir", results.toString(), "--no-history", "--no-analyze"));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()).trim());
    }

    private static String id(Path run) {
        return run.getFileName().toString();
    }

    @Test
    void runsRoundTripExactly() throws Exception {
        String url = fresh("roundtrip");
        Instant t0 = Instant.parse("2026-01-10T02:00:00.123456789Z");
        RunMetrics awkward = HistoryTest.run("20260110-020000-nightly", "nightly", Status.COMPLETE, t0,
                Map.of("gpu.name", "NVIDIA A100-SXM4-80GB", "git.commit", "0123", "note", "naïve ✓ 'quoted'"), 2);
        PointEntry gen = new PointEntry("llama-tiny/fp32/generate/b4/s64/o8", "sim", "cpu", "llama-tiny", 3_000_000,
                "fp32", "generate", 4, 64, null, 8);
        RunMetrics generate = new RunMetrics("20260110-030000-gen", "gen", Status.COMPLETE, t0.plusSeconds(60),
                t0.plusSeconds(69), Map.of("backend", "sim"), "", List.of(gen),
                List.of(new TrialValues(gen.id(), 0, 7e6, 7.5e6, 8e6, 8.1e6, 7.1e6, 9e6, 32, 50, List.of(),
                        Double.NaN, new GenerationValues(8, 1.0 / 3 * 1e6, 1.5e6, Double.NaN, Math.PI, 0.75e6,
                                Double.MIN_VALUE))), Map.of());
        RunMetrics real = RunMetrics.of(RunReader.read(base));
        try (History h = History.open(url)) {
            h.index(awkward, runs);
            h.index(generate, null);
            h.index(real, base);
        }
        try (History h = History.open(url)) {
            assertThat(h.load(awkward.runId())).contains(awkward);
            assertThat(h.load(generate.runId())).contains(generate);
            assertThat(h.load(real.runId())).contains(real);
            assertThat(h.runs(null)).containsExactly(awkward, generate, real);
            assertThat(h.entry(awkward.runId()).orElseThrow().fingerprint()).isEqualTo(awkward.fingerprint());
            assertThat(h.schemaVersion()).isEqualTo(Schema.VERSION);
            assertThat(h.runCount()).isEqualTo(3);
        }
    }

    @Test
    void indexListAndShowThroughTheCli() throws Exception {
        String url = fresh("cli");
        Cli.Result index = Cli.run("history", "index", base.toString(), candidate.toString(), "--history-url", url);
        assertThat(index.code()).as(index.err()).isZero();
        assertThat(index.out()).contains("indexed " + id(base) + ": COMPLETE, 8 points, 16 trials, 0 failed")
                .contains("2 of 2 runs indexed into the history database " + History.redact(url));
        Cli.Result again = Cli.run("history", "index", base.toString(), "--history-url", url);
        assertThat(again.code()).as(again.err()).isZero();

        Cli.Result list = Cli.run("history", "list", "--history-url", url);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("2 runs in the history database");
        List<String> rows = list.out().lines().filter(l -> l.startsWith(id(base)) || l.startsWith(id(candidate)))
                .toList();
        assertThat(rows).as("newest first, each once").hasSize(2);
        assertThat(rows.get(0)).startsWith(id(candidate));
        assertThat(rows).allSatisfy(r -> assertThat(r).containsPattern(" 8 +16 +0$"));
        Cli.Result none = Cli.run("history", "list", "--history-url", url, "--fingerprint", "backend=djl");
        assertThat(none.out()).contains("no run matches");

        Cli.Result show = Cli.run("history", "show", id(base), "--history-url", url);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("run      " + id(base)).contains("status   COMPLETE (good)")
                .contains("backend = sim").contains("points: 8, 2 OK trials each, none failed");
        try (History h = History.open(url)) {
            assertThat(h.load(id(base))).contains(RunMetrics.of(RunReader.read(base)));
        }
    }

    @Test
    void gateTakesTheLatestGoodRunFromTheHistory() throws Exception {
        String url = fresh("gate");
        try (History h = History.open(url)) {
            h.index(RunMetrics.of(RunReader.read(base)), base);
            h.index(RunMetrics.of(RunReader.read(candidate)), candidate);
        }
        Cli.Result r = Cli.run("gate", "--baseline", "latest", "--candidate", candidate.toString(), "--history-url",
                url, "--profiles-dir", Cli.PROFILES.toString(), "--output", runs.resolve("gate-" + url.hashCode())
                        .toString());
        assertThat(r.code()).as(r.out() + r.err()).isIn(0, 1, 3);
        assertThat(r.out()).contains("from history: " + id(base));
        Cli.Result oldest = Cli.run("gate", "--baseline", "latest", "--candidate", base.toString(), "--history-url",
                url, "--profiles-dir", Cli.PROFILES.toString(), "--output", runs.resolve("gate-oldest-"
                        + url.hashCode()).toString());
        assertThat(oldest.code()).isEqualTo(2);
        assertThat(oldest.err()).contains("no baseline");
    }

    @Test
    void trendFindsTheStepInTheStoredSeries() throws Exception {
        String url = fresh("trend");
        try (History h = History.open(url)) {
            for (RunMetrics r : history("nightly", MACHINE_A, 0, List.of(series(1, 30, 1e6, 0.02, 15, 0.15)))) {
                h.index(r, null);
            }
            for (RunMetrics r : history("smoke", MACHINE_A, 0, List.of(series(2, 30, 1e6, 0.02, 30, 0)))) {
                h.index(r, null);
            }
        }
        Path out = runs.resolve("trend-" + url.hashCode());
        Cli.Result r = Cli.run("trend", "--history-url", url, "--sweep", "nightly", "--metric", "p50", "--output",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("**Runs:** 30")
                .contains("🔴 regression | nightly · gpt-1m/fp32/prefill/b1/s32 · p50").doesNotContain("smoke");
        assertThat(out.resolve("trend.json")).isNotEmptyFile();
    }

    /** Four shard processes index their shards into one fresh database at once: every run once, one schema. */
    @Test
    void fourShardProcessesIndexConcurrently() throws Exception {
        String url = fresh("shards");
        Path go = runs.resolve("go-" + DATABASES.get());
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (Path shard : shards) {
                Path log = runs.resolve("index-" + DATABASES.get() + "-" + id(shard) + ".log");
                logs.add(log);
                children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        IndexChild.class.getName(), go.toString(), "history", "index", shard.toString(),
                        "--history-url", url).redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            Files.createFile(go);
            for (int i = 0; i < children.size(); i++) {
                Process p = children.get(i);
                assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("shard %d still indexing", i + 1).isTrue();
                assertThat(p.exitValue()).as("shard %d: %s", i + 1, Files.readString(logs.get(i))).isZero();
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        Map<String, RunMetrics> expected = new TreeMap<>();
        int trials = 0;
        for (Path shard : shards) {
            RunMetrics m = RunMetrics.of(RunReader.read(shard));
            expected.put(m.runId(), m);
            trials += m.trials().size();
        }
        assertThat(trials).as("the shards together hold the unsharded plan's trials")
                .isEqualTo(RunMetrics.of(RunReader.read(base)).trials().size());
        try (History h = History.open(url)) {
            assertThat(h.list(HistoryQuery.all())).extracting(HistoryEntry::runId)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (RunMetrics m : expected.values()) {
                assertThat(h.load(m.runId())).contains(m);
            }
        }
        assertSchemaOnce(url, expected.size(), trials);
    }

    /** Eight connections open one fresh database at the same moment, five times: each opens, one schema. */
    @Test
    void concurrentOpensCreateTheSchemaOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                String url = fresh("opens");
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Integer>> opened = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    opened.add(pool.submit(() -> {
                        start.await(1, TimeUnit.MINUTES);
                        try (History h = History.open(url)) {
                            return h.schemaVersion();
                        }
                    }));
                }
                for (Future<Integer> f : opened) {
                    assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(Schema.VERSION);
                }
                assertSchemaOnce(url, 0, 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The database holds one schema record, and exactly {@code runs} runs and {@code trials} trial rows. */
    private static void assertSchemaOnce(String url, int runs, int trials) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM sb_meta")).as("sb_meta rows").isEqualTo(2);
            assertThat(count(s, "SELECT COUNT(*) FROM sb_meta WHERE name = 'schema'")).isEqualTo(1);
            assertThat(count(s, "SELECT COUNT(*) FROM sb_runs")).isEqualTo(runs);
            assertThat(count(s, "SELECT COUNT(DISTINCT run_id) FROM sb_runs")).isEqualTo(runs);
            assertThat(count(s, "SELECT COUNT(*) FROM sb_trials")).isEqualTo(trials);
        }
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
