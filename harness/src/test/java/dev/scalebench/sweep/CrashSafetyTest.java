package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.cli.Cli;
import dev.scalebench.results.RunStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder under concurrency, across processes (child JVMs; a lock is per process): one writer at a time,
 * the lock taken before anything is read or repaired, nothing written by a refused process, and a folder that
 * exists is always resumable. Every outcome is checked by {@link IndependentCheck}, not by scalebench's reader.
 *
 * <p>No timing is asserted: where a test needs a writer at a precise point it stops itself there
 * ({@link RunStore#STOP_AFTER_HISTOGRAM}), and the test continues it with SIGCONT.
 */
class CrashSafetyTest {

    static final String SPEC = """
            name: crash
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: [prefill, decode]
            batch: [1, 4]
            seq: [32]
            replicates: 3
            measure:
              warmup: {min-iterations: 2, min-time: 5ms, steady-cv: 0.5, max-time: 100ms}
              iterations: {min: 5, min-time: 20ms, max-time: 200ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    /** A sweep killed (-9) right after its 4th histogram, before that trial's journal line. */
    private static Path killedRun(Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("crash.yaml"), SPEC);
        Path results = Files.createDirectories(tmp.resolve("killed"));
        Child sweep = Child.sweep(spec, results, tmp.resolve("sweep.log"), Child.stopAfter(4));
        sweep.awaitStopped();
        sweep.signal("KILL");
        assertThat(sweep.exitCode()).isNotZero();
        Path run = Child.onlyRun(results);
        assertThat(Files.readAllLines(run.resolve("trials.jsonl"))).hasSize(3);
        return run;
    }

    private static Path copy(Path run, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    /** The journal line of the 4th trial, cut short in the middle (as a kill during its write leaves it). */
    private static void tear(Path run) throws Exception {
        Files.writeString(run.resolve("trials.jsonl"), "{\"schema\":1,\"trialId\":\"gpt-1m/fp32/", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private static void assertRefusedAsOpen(Child loser, Child winner) throws Exception {
        assertThat(loser.exitCode()).as(loser.output()).isEqualTo(2);
        // the holder's line names it, unless the loser read the file in the instant between lock and line
        assertThat(loser.output()).containsAnyOf("the run is open in process " + winner.pid(),
                "the run is open in another process");
    }

    @Test
    void twoResumesStartedTogetherRunOnceAndTheOtherExits2(@TempDir Path tmp) throws Exception {
        Path killed = killedRun(tmp);
        for (boolean torn : new boolean[] {false, true}) {
            Path run = copy(killed, tmp.resolve("together-" + torn).resolve(killed.getFileName()));
            if (torn) {
                tear(run);
            }
            // both stop themselves after their first histogram if they get the run, so the winner still holds it
            // whenever the other tries
            Child a = Child.resume(run, tmp.resolve("a-" + torn + ".log"), Child.stopAfter(1));
            Child b = Child.resume(run, tmp.resolve("b-" + torn + ".log"), Child.stopAfter(1));
            while (a.process().isAlive() && b.process().isAlive()) {
                Thread.sleep(20);
            }
            Child loser = a.process().isAlive() ? b : a;
            Child winner = loser == a ? b : a;
            assertRefusedAsOpen(loser, winner);
            winner.awaitStopped();
            winner.signal("CONT");
            assertThat(winner.exitCode()).as(winner.output()).isZero();
            IndependentCheck.everyPlannedTrialExactlyOnce(run);
        }
    }

    @Test
    void aResumeStartedWhileAnotherRunsExits2(@TempDir Path tmp) throws Exception {
        Path killed = killedRun(tmp);
        for (boolean torn : new boolean[] {false, true}) {
            Path run = copy(killed, tmp.resolve("staggered-" + torn).resolve(killed.getFileName()));
            if (torn) {
                tear(run);
            }
            Child first = Child.resume(run, tmp.resolve("first-" + torn + ".log"), Child.stopAfter(1));
            first.awaitStopped();
            Thread.sleep(2000); // staggered by seconds; the first is still mid-trial, holding the run
            Child second = Child.resume(run, tmp.resolve("second-" + torn + ".log"), List.of());
            assertRefusedAsOpen(second, first);
            first.signal("CONT");
            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(first.output()).contains(torn ? "incomplete last line" : "journal line was never written");
            IndependentCheck.everyPlannedTrialExactlyOnce(run);
            // the resume's repairs stay in run.json, and the run's report shows them
            assertThat(dev.scalebench.results.RunManifest.read(run.resolve("run.json")).repairs())
                    .anySatisfy(r -> assertThat(r).startsWith("resume at ").contains("journal line was never written"));
            Cli.Result analyzed = Cli.run("analyze", run.toString());
            assertThat(analyzed.code()).as(analyzed.err()).isZero();
            assertThat(Files.readString(run.resolve("report.md"))).contains("journal line was never written");
        }
    }

    @Test
    void aResumeOfARunningSweepIsRefusedAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("crash.yaml"), SPEC);
        Path results = Files.createDirectories(tmp.resolve("results"));
        // the writer stops between its 3rd histogram and that trial's journal line: an orphan histogram on disk
        Child writer = Child.sweep(spec, results, tmp.resolve("writer.log"), Child.stopAfter(3));
        writer.awaitStopped();
        Path run = Child.onlyRun(results);
        Map<String, String> before = checksums(run);

        Cli.Result r = Cli.run("sweep", "--resume", run.toString(), "--no-history", "--no-analyze");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(run + ": the run is open in process " + writer.pid(), "since",
                "(sweep)");
        assertThat(checksums(run)).as("nothing rewritten").isEqualTo(before);

        writer.signal("CONT");
        assertThat(writer.exitCode()).as(writer.output()).isZero();
        IndependentCheck.everyPlannedTrialExactlyOnce(run);
    }

    @Test
    void aSweepStoppedAtAnyMomentLeavesNoFolderOrAResumableOne(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("crash.yaml"), SPEC);
        for (String signal : List.of("TERM", "KILL")) {
            for (long ms : new long[] {200, 500, 1000, 2000}) {
                Path results = Files.createDirectories(tmp.resolve(signal + "-" + ms));
                Child sweep = Child.sweep(spec, results, tmp.resolve(signal + "-" + ms + ".log"), List.of());
                Thread.sleep(ms);
                if (sweep.process().isAlive()) {
                    sweep.signal(signal);
                }
                sweep.exitCode();
                try (Stream<Path> s = Files.list(results)) {
                    for (Path dir : s.toList()) {
                        if (dir.getFileName().toString().startsWith(".")) {
                            // a folder still being built: never holds a trial
                            assertThat(dir.resolve("trials.jsonl")).satisfiesAnyOf(
                                    p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyFile());
                            continue;
                        }
                        Cli.Result r = Cli.run("sweep", "--resume", dir.toString(), "--no-history", "--no-analyze");
                        assertThat(r.code()).as(signal + " at " + ms + " ms: " + r.err()).isZero();
                        IndependentCheck.everyPlannedTrialExactlyOnce(dir);
                    }
                }
            }
        }
    }

    @Test
    void aShardThatIsStillRunningIsNotMerged(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("crash.yaml"), SPEC);
        Path results = Files.createDirectories(tmp.resolve("results"));
        Child shard = Child.start(tmp.resolve("shard.log"), Child.stopAfter(2), "sweep", "--profile", spec.toString(),
                "--profiles-dir", Cli.PROFILES.toString(), "--results-dir", results.toString(), "--shard", "1/2",
                "--no-history", "--no-analyze");
        shard.awaitStopped();
        Path run = Child.onlyRun(results);
        Cli.Result r = Cli.run("merge", run.toString(), "--out", tmp.resolve("merged").toString(), "--no-history",
                "--no-analyze");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(run + ": the run is open in process " + shard.pid());
        assertThat(tmp.resolve("merged")).doesNotExist();
        shard.signal("KILL");
        shard.exitCode();
    }

    static Map<String, String> checksums(Path run) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String f : List.of("run.json", "trials.jsonl", "histograms.hlog")) {
            sums.put(f, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(run.resolve(f)))));
        }
        return sums;
    }
}
