package dev.scalebench.results.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.measure.Flag;
import dev.scalebench.results.GenerationValues;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunManifest.Status;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history database round-trips runs exactly, replaces on re-index, lists and picks baselines by the rules. */
class HistoryTest {
    private static final Path REFERENCE = Path.of("..", "results", "reference", "cpu");
    private static final Instant T0 = Instant.parse("2026-01-10T02:00:00.123456789Z");
    private static final Map<String, String> A100 = Map.of("backend", "djl", "gpu.name", "NVIDIA A100-SXM4-80GB",
            "git.commit", "0123456789abcdef", "cpu.cores", "32");
    private static final Map<String, String> H100 = Map.of("backend", "djl", "gpu.name", "NVIDIA H100 80GB HBM3",
            "git.commit", "fedcba9876543210", "cpu.cores", "32");

    @TempDir
    Path tmp;

    private String url() {
        return "jdbc:sqlite:" + tmp.resolve("h").resolve("history.db");
    }

    private static final List<PointEntry> POINTS = List.of(
            new PointEntry("gpt-1m/fp32/prefill/b1/s32", "djl", "cuda:0", "gpt-1m", 1_048_576, "fp32", "prefill", 1, 32),
            new PointEntry("gpt-1m/fp32/decode/b8/s128", "djl", "cuda:0", "gpt-1m", 1_048_576, "fp32", "decode", 8, 128),
            new PointEntry("mine/fp16/prefill/b4/s64", "djl", "cuda:0", "mine", -1, "fp16", "prefill", 4, 64));

    /** A run with awkward doubles (thirds, tiny, huge, NaN, infinity), flags, and failures where asked. */
    static RunMetrics run(String id, String sweep, Status status, Instant started, Map<String, String> fp,
            int failed) {
        List<TrialValues> trials = List.of(
                new TrialValues(POINTS.get(0).id(), 0, 1.0 / 3, 0.1 + 0.2, Math.PI * 1e6, 1e300, 1234567.891011121,
                        Double.MAX_VALUE, 32, 10_000, List.of()),
                new TrialValues(POINTS.get(0).id(), 1, Math.nextUp(1.0), Double.MIN_VALUE, 2.5e-7, 123456789012345.6,
                        Double.NaN, Double.POSITIVE_INFINITY, 32, 9_999_999_999L,
                        List.of(Flag.GC, Flag.P99_LOW_CONFIDENCE)),
                new TrialValues(POINTS.get(1).id(), 0, 812_345.5, 900_001, 950_000.25, 999_999.75, 845_000.125,
                        1_000_000, 8, 120, List.of(Flag.NOT_STEADY)));
        return new RunMetrics(id, sweep, status, started, status == Status.RUNNING ? null : started.plusSeconds(95),
                fp, "ab".repeat(32), POINTS, trials, failed == 0 ? Map.of() : Map.of(POINTS.get(2).id(), failed));
    }

    @Test
    void aRunRoundTripsExactly() {
        RunMetrics run = run("20260110-020000-nightly", "nightly", Status.COMPLETE, T0, A100, 2);
        try (History h = History.open(url())) {
            h.index(run, tmp.resolve("results/20260110-020000-nightly"));
        }
        try (History h = History.open(url())) {
            assertThat(h.load(run.runId())).contains(run);
            assertThat(h.load("no-such-run")).isEmpty();
            HistoryEntry e = h.entry(run.runId()).orElseThrow();
            assertThat(e.sweep()).isEqualTo("nightly");
            assertThat(e.started()).isEqualTo(T0);
            assertThat(e.device()).isEqualTo("NVIDIA A100-SXM4-80GB");
            assertThat(e.gitCommit()).isEqualTo("0123456789abcdef");
            assertThat(e.dir()).isEqualTo(tmp.resolve("results/20260110-020000-nightly").toAbsolutePath().toString());
            assertThat(e.points()).isEqualTo(3);
            assertThat(e.trials()).isEqualTo(3);
            assertThat(e.failedTrials()).isEqualTo(2);
            assertThat(e.good()).isFalse();
            assertThat(e.fingerprint()).isEqualTo(run.fingerprint());
        }
    }

    @Test
    void aGenerateRunRoundTripsWithItsOutputAndGenerationValues() throws Exception {
        PointEntry gen = new PointEntry("llama-tiny/fp32/generate/b4/s64/o8", "sim", "cpu", "llama-tiny", 3_000_000,
                "fp32", "generate", 4, 64, null, 8);
        List<PointEntry> points = List.of(POINTS.get(0), gen);
        List<TrialValues> trials = List.of(
                new TrialValues(POINTS.get(0).id(), 0, 1.0 / 3, 0.3, 3e6, 4e6, 2e6, 5e6, 32, 100, List.of()),
                new TrialValues(gen.id(), 0, 7e6, 7.5e6, 8e6, 8.1e6, 7.1e6, 9e6, 32, 50, List.of(), Double.NaN,
                        new GenerationValues(8, 1.0 / 3 * 1e6, 1.5e6, 0.8e6, Math.PI * 1e5, 0.75e6, 1.25e6)),
                new TrialValues(gen.id(), 1, 7e6, 7.5e6, 8e6, 8.1e6, 7.1e6, 9e6, 32, 50, List.of(), Double.NaN,
                        new GenerationValues(8, 1e6, 1.5e6, Double.NaN, Double.NaN, 0.75e6, 1.25e6)));
        RunMetrics run = new RunMetrics("20260110-030000-gen", "gen", Status.COMPLETE, T0, T0.plusSeconds(9), A100,
                "", points, trials, Map.of());
        try (History h = History.open(url())) {
            h.index(run, null);
            assertThat(h.load(run.runId())).contains(run);
            assertThat(h.load(run.runId()).orElseThrow().trials().get(1).value(TrialMetric.TPOT_P99))
                    .isEqualTo(Math.PI * 1e5);
        }
        try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sb_generation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("a row per generate trial only").isEqualTo(2);
            }
            st.execute("DELETE FROM sb_generation");
        }
        try (History h = History.open(url())) {
            RunMetrics old = h.load(run.runId()).orElseThrow();
            assertThat(old.points().get(1).output()).isEqualTo(8);
            assertThat(old.trials().get(1).generation()).as("as indexed before sb_generation existed").isNull();
            assertThat(old.trials().get(1).value(TrialMetric.TPOT_P99)).isNaN();
        }
    }

    @Test
    void theReferenceCpuRunRoundTrips() throws Exception {
        Path dir;
        try (Stream<Path> dirs = Files.list(REFERENCE)) {
            dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        RunMetrics run = RunMetrics.of(RunReader.read(dir));
        assertThat(run.trials()).isNotEmpty();
        try (History h = History.open(url())) {
            h.index(run, dir);
            assertThat(h.load(run.runId())).contains(run);
            assertThat(h.runs(null)).containsExactly(run);
            HistoryEntry e = h.list(HistoryQuery.all()).get(0);
            assertThat(e.device()).isEqualTo(run.fingerprint().get("device.name"));
            assertThat(e.good()).isEqualTo(run.good());
        }
    }

    @Test
    void indexingAgainReplacesTheRun() throws Exception {
        RunMetrics first = run("r1", "nightly", Status.RUNNING, T0, A100, 1);
        RunMetrics again = new RunMetrics("r1", "nightly", Status.COMPLETE, T0, T0.plusSeconds(60), A100, "",
                POINTS.subList(0, 1), first.trials().subList(0, 1), Map.of());
        try (History h = History.open(url())) {
            h.index(first, null);
            h.index(again, tmp);
            assertThat(h.load("r1")).contains(again);
            assertThat(h.list(HistoryQuery.all())).extracting(HistoryEntry::runId).containsExactly("r1");
            assertThat(h.list(HistoryQuery.all()).get(0).good()).isTrue();
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (String table : List.of("sb_runs", "sb_points", "sb_trials", "sb_failed")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(table).isEqualTo(table.equals("sb_failed") ? 0 : 1);
                }
            }
        }
    }

    @Test
    void listIsNewestFirstAndFilters() {
        try (History h = History.open(url())) {
            h.index(run("n1", "nightly", Status.COMPLETE, T0, A100, 0), null);
            h.index(run("n3", "nightly", Status.COMPLETE, T0.plusSeconds(2 * 86400), H100, 0), null);
            h.index(run("n2", "nightly", Status.FAILED, T0.plusSeconds(86400), A100, 0), null);
            h.index(run("s1", "smoke", Status.COMPLETE, T0.plusSeconds(3 * 86400), Map.of("cpu.cores", "2"), 0), null);

            assertThat(h.list(HistoryQuery.all())).extracting(HistoryEntry::runId).containsExactly("s1", "n3", "n2", "n1");
            assertThat(h.list(new HistoryQuery("nightly", Map.of(), false, 0))).extracting(HistoryEntry::runId)
                    .containsExactly("n3", "n2", "n1");
            assertThat(h.list(new HistoryQuery("nightly", Map.of(), true, 0))).extracting(HistoryEntry::runId)
                    .containsExactly("n3", "n1");
            assertThat(h.list(new HistoryQuery(null, Map.of("gpu.name", "NVIDIA A100-SXM4-80GB"), false, 0)))
                    .extracting(HistoryEntry::runId).containsExactly("n2", "n1");
            // a key the run lacks reads "unknown"
            assertThat(h.list(new HistoryQuery(null, Map.of("gpu.name", "unknown"), false, 0)))
                    .extracting(HistoryEntry::runId).containsExactly("s1");
            assertThat(h.list(new HistoryQuery(null, Map.of("cpu.cores", "32", "backend", "djl"), false, 2)))
                    .extracting(HistoryEntry::runId).containsExactly("n3", "n2");
            assertThat(h.list(new HistoryQuery("nope", Map.of(), false, 0))).isEmpty();
            assertThat(h.list(HistoryQuery.all()).get(0).device()).isEqualTo("unknown");
            assertThat(h.runs("nightly")).extracting(RunMetrics::runId).containsExactly("n1", "n2", "n3");
            assertThat(h.runs(null)).extracting(RunMetrics::runId).containsExactly("n1", "n2", "n3", "s1");
        }
    }

    @Test
    void latestIsTheNewestGoodRunOfTheSweepWithAMatchingFingerprint() {
        Map<String, String> gpu = Map.of("gpu.name", "NVIDIA A100-SXM4-80GB", "backend", "djl");
        try (History h = History.open(url())) {
            assertThat(h.latest("nightly", gpu, null)).isEmpty();
            h.index(run("good-old", "nightly", Status.COMPLETE, T0, A100, 0), null);
            h.index(run("good", "nightly", Status.COMPLETE, T0.plusSeconds(10), A100, 0), null);
            h.index(run("failed", "nightly", Status.FAILED, T0.plusSeconds(20), A100, 0), null);
            h.index(run("interrupted", "nightly", Status.INTERRUPTED, T0.plusSeconds(30), A100, 0), null);
            h.index(run("failed-trials", "nightly", Status.COMPLETE, T0.plusSeconds(40), A100, 1), null);
            h.index(run("other-gpu", "nightly", Status.COMPLETE, T0.plusSeconds(50), H100, 0), null);
            h.index(run("other-sweep", "smoke", Status.COMPLETE, T0.plusSeconds(60), A100, 0), null);
            h.index(run("candidate", "nightly", Status.COMPLETE, T0.plusSeconds(70), A100, 0), null);

            assertThat(h.latest("nightly", gpu, "candidate")).map(HistoryEntry::runId).contains("good");
            assertThat(h.latest("nightly", gpu, null)).map(HistoryEntry::runId).contains("candidate");
            assertThat(h.latest("nightly", Map.of("gpu.name", "NVIDIA H100 80GB HBM3"), null))
                    .map(HistoryEntry::runId).contains("other-gpu");
            assertThat(h.latest("smoke", gpu, null)).map(HistoryEntry::runId).contains("other-sweep");
            assertThat(h.latest("nightly", Map.of("gpu.name", "NVIDIA A100-SXM4-80GB", "cuda.version", "unknown"),
                    "candidate")).map(HistoryEntry::runId).contains("good");
            assertThat(h.latest("nightly", Map.of("cuda.version", "12.8"), null)).isEmpty();
            assertThat(h.latest("nightly", gpu, "candidate").orElseThrow().good()).isTrue();
        }
    }

    @Test
    void aNewerOrForeignSchemaIsRefused() throws Exception {
        try (History h = History.open(url())) {
            h.index(run("r1", "nightly", Status.COMPLETE, T0, A100, 0), null);
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE sb_meta SET val = '2' WHERE name = 'schema'");
        }
        assertThatThrownBy(() -> History.open(url())).isInstanceOfSatisfying(ScalebenchException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_BAD_INPUT);
            assertThat(e.getMessage()).contains("history.db").contains("schema 2").contains("schema 1");
        });

        String foreign = "jdbc:sqlite:" + tmp.resolve("foreign.db");
        try (Connection c = DriverManager.getConnection(foreign); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sb_runs (id INTEGER)");
        }
        assertThatThrownBy(() -> History.open(foreign)).isInstanceOfSatisfying(ScalebenchException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_BAD_INPUT);
            assertThat(e.getMessage()).contains("foreign.db").contains("not a scalebench history database");
        });
        try (Connection c = DriverManager.getConnection(foreign); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sb_meta (name TEXT, val TEXT)");
            s.execute("INSERT INTO sb_meta VALUES ('application', 'other-tool')");
        }
        assertThatThrownBy(() -> History.open(foreign)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("other-tool");
    }

    @Test
    void badUrlsGiveClearErrors() throws Exception {
        assertThatThrownBy(() -> History.open("jdbc:nosuch:x")).isInstanceOfSatisfying(ScalebenchException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_BAD_INPUT);
            assertThat(e.getMessage()).contains("jdbc:nosuch:x").contains("no JDBC driver for 'nosuch'");
        });
        assertThatThrownBy(() -> History.open("jdbc:mysql://db.example/history?user=sb&password=hunter2"))
                .isInstanceOfSatisfying(ScalebenchException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_BAD_INPUT);
                    assertThat(e.getMessage()).contains("com.mysql:mysql-connector-j").doesNotContain("hunter2");
                });
        // PostgreSQL's driver is bundled: an unreachable server is a runtime failure naming the URL, masked
        assertThatThrownBy(() -> History.open("jdbc:postgresql://127.0.0.1:1/history?user=sb&password=hunter2"))
                .isInstanceOfSatisfying(ScalebenchException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_RUNTIME);
                    assertThat(e.getMessage()).contains("cannot open the history database jdbc:postgresql://127.0.0.1:1")
                            .contains("refused").doesNotContain("hunter2");
                });
        assertThatThrownBy(() -> History.open("jdbc:postgresql://db.example:fivefour/history?password=hunter2"))
                .isInstanceOfSatisfying(ScalebenchException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_BAD_INPUT);
                    assertThat(e.getMessage()).contains("the bundled postgresql driver does not accept this URL")
                            .contains("jdbc:postgresql://HOST[:PORT]/DATABASE").doesNotContain("hunter2");
                });
        assertThatThrownBy(() -> History.open("results/history.db")).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("not a JDBC URL");

        Path notADb = Files.writeString(tmp.resolve("notes.db"), "these are not the tables you are looking for\n".repeat(50));
        assertThatThrownBy(() -> History.open("jdbc:sqlite:" + notADb)).isInstanceOfSatisfying(ScalebenchException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_RUNTIME);
            assertThat(e.getMessage()).contains("notes.db").contains("not a database");
            assertThat(e.getCause()).isNotNull();
        });
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> History.open("jdbc:sqlite:" + file.resolve("history.db")))
                .isInstanceOfSatisfying(ScalebenchException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ScalebenchException.EXIT_RUNTIME);
                    assertThat(e.getMessage()).contains("a-file");
                });
    }

    /**
     * A flag is a {@link Flag} now, so a flag the comma-joined column cannot hold (empty, or with a comma) can no
     * longer be built: every id fits, and a row holding a flag this version does not know (a row indexed by a newer
     * scalebench, here {@code a,b}) is refused on load, naming the run, the value and the known flags.
     */
    @Test
    void aFlagTheTableCannotHoldIsRefusedBeforeWriting() throws Exception {
        assertThat(Stream.of(Flag.values()).map(Flag::id))
                .allSatisfy(id -> assertThat(id).isNotEmpty().doesNotContain(","));
        RunMetrics ok = run("r1", "nightly", Status.COMPLETE, T0, A100, 0);
        try (History h = History.open(url())) {
            h.index(ok, null);
            assertThat(h.load("r1")).contains(ok);
            try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE sb_trials SET flags = 'a,b' WHERE run_id = 'r1' AND ord = 0");
            }
            assertThatThrownBy(() -> h.load("r1")).isInstanceOf(ScalebenchException.class)
                    .hasMessageContainingAll("r1", "'a'",
                            "energy-short, gc, interfered, max-time, not-steady, p99-low-confidence, throttled");
        }
    }

    @Test
    void passwordsAreMaskedInMessages() {
        assertThat(History.redact("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(History.redact("jdbc:mysql://bob:s3cret@h/db")).isEqualTo("jdbc:mysql://bob:***@h/db");
        assertThat(History.redact("jdbc:sqlite:results/history.db")).isEqualTo("jdbc:sqlite:results/history.db");
    }

    @Test
    void deviceIsTheGpuElseTheDeviceNameElseTheDevice() {
        assertThat(RunRows.device(Map.of("gpu.name", "H100", "device.name", "x", "device", "cuda:0"))).isEqualTo("H100");
        assertThat(RunRows.device(Map.of("gpu.name", "unknown", "device.name", "AMD EPYC", "device", "cpu")))
                .isEqualTo("AMD EPYC");
        assertThat(RunRows.device(Map.of("device", "sim-a100"))).isEqualTo("sim-a100");
        assertThat(RunRows.device(Map.of())).isEqualTo("unknown");
    }
}
