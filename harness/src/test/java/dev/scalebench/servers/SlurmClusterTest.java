package dev.scalebench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.cli.Cli;
import dev.scalebench.plan.Shard;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.RunStore;
import dev.scalebench.results.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/cluster.md's Slurm recipe, run for real: its {@code sweep-array.sbatch}, {@code merge.sbatch}, submit and
 * re-submit blocks, extracted from the doc and run as written on a one-node cluster ({@code tools/slurm/one-node.sh}),
 * for a small {@code sim} sweep named {@code nightly} in eight shards. Shard 3 (the doc's example) stops itself after
 * its first trial and is cancelled with {@code scancel}; the doc's re-submit block resumes it and merges again. The
 * merged run has exactly the unsharded plan's points and trials, each trial once, and is in the (SQLite) history.
 * Only the environment differs from a user's: {@code SCALEBENCH_HOME} is a stand-in checkout whose
 * {@code ./scalebench} runs the test's class path (no Maven build), {@code RESULTS_ROOT} and {@code HISTORY_URL}
 * point into the temporary folder.
 */
@Tag(ServerTests.TAG)
class SlurmClusterTest {
    /** The doc's array ({@code --array=1-8}) and the shard its re-submit example names ({@code K=3 N=8}). */
    static final int N = 8;
    static final int KILLED = 3;

    private static final String SPEC = """
            name: nightly
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 2, 4, 8]
            seq: [8, 16, 32, 64]
            replicates: 2
            measure:
              warmup: {min-iterations: 3, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
              iterations: {min: 10, min-time: 2ms, max-time: 20ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;

    @TempDir
    Path tmp;

    @Test
    void theDocsJobArrayAndMergeRunAndAKilledShardResubmittedIsMergedOnce() throws Exception {
        ServerTests.require("slurm-wlm", "slurmctld", "/usr/sbin/slurmctld");
        ServerTests.require("munge", "munged", "/usr/sbin/munged");
        // the one-node cluster's fake GPU device nodes (for the doc's --gres=gpu:1) need mknod, so root
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the one-node Slurm cluster needs root (mknod for the fake GPU device nodes the doc's --gres=gpu:1"
                        + " jobs are scheduled on); CI and this machine run as root");
        List<String> doc = Files.readAllLines(SlurmCluster.REPO.resolve("docs/cluster.md"));
        String arrayScript = block(doc, "`sweep-array.sbatch`");
        String mergeScript = block(doc, "`merge.sbatch`");
        String submit = block(doc, "Submit both");
        String resubmit = block(doc, "**A shard that failed");
        assertThat(arrayScript).contains("#SBATCH --array=1-" + N).contains("--profile nightly");
        assertThat(resubmit).contains("K=" + KILLED + " N=" + N);

        Path home = checkout();
        Path results = tmp.resolve("results");
        String historyUrl = "jdbc:sqlite:" + tmp.resolve("history.db");
        RunReader whole = RunReader.read(unsharded(home));
        Set<String> points = pointIds(whole);
        Set<String> trials = trialIds(whole.trials());
        int killedTrials = 2 * (int) points.stream().filter(p -> Shard.owner(p, N) == KILLED).count();
        assertThat(killedTrials).as("trials of shard %d/%d", KILLED, N).isPositive();

        Path submitDir = Files.createDirectories(tmp.resolve("submit"));
        Files.createDirectories(submitDir.resolve("logs"));
        Files.writeString(submitDir.resolve("sweep-array.sbatch"), arrayScript);
        Files.writeString(submitDir.resolve("merge.sbatch"), mergeScript);
        Path stoppedPid = tmp.resolve("stopped.pid");
        Map<String, String> env = new HashMap<>(Map.of("SCALEBENCH_HOME", home.toString(), "RESULTS_ROOT",
                results.toString(), "HISTORY_URL", historyUrl));
        Map<String, String> firstEnv = new HashMap<>(env);
        firstEnv.putAll(Map.of("STOP_SHARD", Integer.toString(KILLED), "STOPPED_PID", stoppedPid.toString()));

        try (SlurmCluster cluster = SlurmCluster.start(tmp.resolve("cluster"))) {
            Map<String, String> ids = vars(cluster.bash(submitDir, firstEnv,
                    submit + "\necho \"array=$array merge=$merge\"\n"));
            String array = ids.get("array");
            String firstMerge = ids.get("merge");
            Path runs = results.resolve("nightly-" + array);

            // shard 3 stops itself after its first trial: kill it mid-run
            long pid = awaitStopped(stoppedPid, cluster);
            Path killedRun = onlyShard(runs, KILLED);
            assertThat(Files.readAllLines(killedRun.resolve("trials.jsonl")).size()).isLessThan(killedTrials);
            cluster.bash(submitDir, env, "scancel " + array + "_" + KILLED);
            cluster.await("task " + KILLED + " cancelled, its process gone, the merge waiting for ever", 60,
                    j -> state(j, array + "_" + KILLED).equals("CANCELLED") && ProcessHandle.of(pid).isEmpty()
                            && j.getOrDefault(firstMerge, NONE).reason().equals("DependencyNeverSatisfied"),
                    array, firstMerge);

            Map<String, String> again = vars(cluster.bash(submitDir, env, "array=" + array + " merge=" + firstMerge
                    + "\n" + resubmit + "\necho \"retry=$retry merge=$merge\"\n"));
            String retry = again.get("retry");
            String merge = again.get("merge");
            Map<String, SlurmCluster.Job> jobs = cluster.await("every job ended", 150,
                    j -> j.size() == N + 3 && j.values().stream().allMatch(SlurmCluster.Job::ended),
                    array, firstMerge, retry, merge);
            Path mergeLog = submitDir.resolve("logs/scalebench-merge-" + merge + ".out");
            String mergeOut = Files.exists(mergeLog) ? Files.readString(mergeLog) : "(no " + mergeLog + ")";
            for (int k = 1; k <= N; k++) {
                assertThat(state(jobs, array + "_" + k)).as("task %d; merge log:\n%s", k, mergeOut)
                        .isEqualTo(k == KILLED ? "CANCELLED" : "COMPLETED");
            }
            assertThat(state(jobs, firstMerge)).isEqualTo("CANCELLED");
            assertThat(state(jobs, retry + "_" + KILLED)).isEqualTo("COMPLETED");
            assertThat(state(jobs, merge)).as(mergeOut).isEqualTo("COMPLETED");

            // the re-submitted task resumed the killed run: one folder per shard, and the merged run
            assertThat(onlyShard(runs, KILLED)).isEqualTo(killedRun);
            assertThat(mergeOut).contains("merged " + N + " shard runs: " + points.size() + " points, "
                    + trials.size() + " trials, 0 holes");
            Matcher m = Pattern.compile("(?m)^results: (.+)$").matcher(mergeOut);
            assertThat(m.find()).as(mergeOut).isTrue();
            RunReader merged = RunReader.read(Path.of(m.group(1).strip()));
            assertThat(merged.manifest().status()).isEqualTo(RunManifest.Status.COMPLETE);
            assertThat(merged.manifest().mergedFrom()).hasSize(N);
            assertThat(pointIds(merged)).isEqualTo(points);
            assertThat(merged.trials()).hasSize(trials.size());
            assertThat(trialIds(merged.trials())).isEqualTo(trials);

            Cli.Result history = Cli.run("history", "list", "--history-url", historyUrl);
            assertThat(history.code()).as(history.err()).isZero();
            assertThat(history.out()).contains(merged.manifest().runId()).contains("1 run in the");
        }
    }

    private static final SlurmCluster.Job NONE = new SlurmCluster.Job("(not in squeue)", "(not in squeue)");

    private static String state(Map<String, SlurmCluster.Job> jobs, String id) {
        return jobs.getOrDefault(id, NONE).state();
    }

    /** The fenced bash block that follows the first line starting with {@code marker}. */
    static String block(List<String> doc, String marker) {
        int i = 0;
        while (i < doc.size() && !doc.get(i).startsWith(marker)) {
            i++;
        }
        assertThat(i).as("docs/cluster.md has a line starting with %s", marker).isLessThan(doc.size());
        while (i < doc.size() && !doc.get(i).equals("```bash")) {
            i++;
        }
        int end = doc.subList(i + 1, doc.size()).indexOf("```") + i + 1;
        assertThat(end).as("a closed ```bash block after %s", marker).isGreaterThan(i);
        return String.join("\n", doc.subList(i + 1, end)) + "\n";
    }

    /**
     * A stand-in checkout: {@code profiles/} with the test's {@code nightly} sweep (and a copy of the repository's
     * models and hardware), and a {@code ./scalebench} that runs the test's class path; the array task
     * {@code STOP_SHARD} stops itself after its first trial and writes its pid to {@code STOPPED_PID}.
     */
    private Path checkout() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path profiles = Files.createDirectories(home.resolve("profiles/sweeps"));
        Files.writeString(profiles.resolve("nightly.yaml"), SPEC);
        for (String d : List.of("models", "hardware")) {
            Path to = Files.createDirectories(home.resolve("profiles").resolve(d));
            try (Stream<Path> files = Files.list(Cli.PROFILES.resolve(d))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path launcher = home.resolve("scalebench");
        Files.writeString(launcher, """
                #!/bin/bash
                # SlurmClusterTest's stand-in for ./scalebench: the test's class path, no build
                set -euo pipefail
                flags=()
                if [[ "${SLURM_ARRAY_TASK_ID:-}" == "${STOP_SHARD:-none}" ]]; then
                  flags=(-D%s=1)
                  echo $$ > "$STOPPED_PID"
                fi
                exec '%s' -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${flags[@]+"${flags[@]}"} \\
                  -Dscalebench.home='%s' -cp '%s' dev.scalebench.cli.Main "$@"
                """.formatted(RunStore.STOP_AFTER_HISTOGRAM, java, home, System.getProperty("java.class.path")));
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        return home;
    }

    private Path unsharded(Path home) {
        Cli.Result r = Cli.run("sweep", "--profile", "nightly", "--profiles-dir", home.resolve("profiles").toString(),
                "--results-dir", tmp.resolve("whole").toString(), "--no-analyze", "--no-history");
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()));
    }

    /** Waits (bounded) until the pid in {@code pidFile} is a process stopped by itself (state T). */
    private static long awaitStopped(Path pidFile, SlurmCluster cluster) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                Path stat = Path.of("/proc/" + pid + "/stat");
                String s = Files.exists(stat) ? Files.readString(stat) : "";
                if (!s.isEmpty() && "Tt".indexOf(s.charAt(s.lastIndexOf(')') + 2)) >= 0) {
                    return pid;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("shard " + KILLED + " did not stop itself within 90 s\n" + cluster.logs());
    }

    /** The one run folder of shard {@code k} in {@code runs}. */
    private static Path onlyShard(Path runs, int k) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().endsWith("-nightly-" + k + "of" + N)).toList();
            assertThat(found).as("shard %d's run folders in %s", k, runs).hasSize(1);
            return found.get(0);
        }
    }

    private static Map<String, String> vars(String out) {
        Map<String, String> v = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\d+)").matcher(out.lines().reduce((a, b) -> b).orElse(""));
        while (m.find()) {
            v.put(m.group(1), m.group(2));
        }
        assertThat(v).as(out).isNotEmpty();
        return v;
    }

    private static Set<String> pointIds(RunReader r) {
        Set<String> ids = new HashSet<>();
        r.manifest().plan().points().forEach(p -> ids.add(p.id()));
        return ids;
    }

    private static Set<String> trialIds(List<TrialResult> trials) {
        Set<String> ids = new HashSet<>();
        trials.forEach(t -> ids.add(t.trialId()));
        return ids;
    }
}
