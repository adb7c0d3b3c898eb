package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.plan.Shard;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep --shard K/N} on the sim backend, three shards, and {@code merge}: equal to the unsharded plan. */
class MergeCommandTest {
    private static final String SPEC = """
            name: shardy
            backend: sim
            model: [gpt-1m]
            dtype: fp32
            phase: prefill
            batch: [1, 2, 4, 8]
            seq: [8, 16]
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
    static Path whole;
    static final List<Path> SHARDS = new ArrayList<>();

    @BeforeAll
    static void sweepWholeAndInThreeShards() throws IOException {
        spec = Files.writeString(tmp.resolve("shardy.yaml"), SPEC);
        whole = sweep(tmp.resolve("whole"));
        for (int k = 1; k <= 3; k++) {
            SHARDS.add(sweep(tmp.resolve("shards"), "--shard", k + "/3"));
        }
    }

    private static Path sweep(Path results, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("sweep", "--profile", spec.toString(), "--profiles-dir",
                Cli.PROFILES.toString(), "--results-dir", results.toString(), "--no-analyze", "--no-history"));
        args.addAll(List.of(extra));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()));
    }

    private static Set<String> pointIds(RunReader r) {
        Set<String> ids = new HashSet<>();
        r.manifest().plan().points().forEach(p -> ids.add(p.id()));
        return ids;
    }

    private static Set<String> trialIds(RunReader r) {
        Set<String> ids = new HashSet<>();
        r.trials().forEach(t -> ids.add(t.trialId()));
        return ids;
    }

    @Test
    void eachShardRunsItsOwnPointsWithAllTheirReplicatesAndRecordsTheShard() {
        Set<String> seen = new HashSet<>();
        for (int k = 1; k <= 3; k++) {
            Path dir = SHARDS.get(k - 1);
            assertThat(dir.getFileName().toString()).endsWith("-shardy-" + k + "of3");
            RunReader r = RunReader.read(dir);
            assertThat(r.manifest().shard().index()).isEqualTo(k);
            assertThat(r.manifest().shard().count()).isEqualTo(3);
            assertThat(r.manifest().shard().plan()).isEqualTo(RunReader.read(SHARDS.get(0)).manifest().shard().plan());
            for (String id : pointIds(r)) {
                assertThat(Shard.owner(id, 3)).isEqualTo(k);
                assertThat(seen.add(id)).as("point %s in one shard only", id).isTrue();
            }
            for (TrialResult t : r.trials()) {
                assertThat(pointIds(r)).contains(t.pointId());
            }
            assertThat(r.trials()).hasSize(2 * pointIds(r).size());
            // the other shards' points are listed as dropped, with the shard that runs them
            assertThat(r.manifest().plan().dropped()).hasSize(8 - pointIds(r).size())
                    .allSatisfy(x -> assertThat(x.reason()).isEqualTo(Shard.ELSEWHERE + Shard.owner(x.id(), 3) + "/3"));
        }
        assertThat(seen).hasSize(8);
        assertThat(RunReader.read(whole).manifest().shard()).isNull();
    }

    @Test
    void mergeGivesExactlyThePointsAndTrialsOfTheUnshardedPlanAndKeepsEveryHistogram() {
        Path out = tmp.resolve("merged");
        Cli.Result r = Cli.run(args("merge", out, SHARDS.toArray(Path[]::new)));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("merged 3 shard runs: 8 points, 16 trials, 0 holes").contains("results: " + out);
        RunReader merged = RunReader.read(out);
        RunReader unsharded = RunReader.read(whole);
        assertThat(pointIds(merged)).isEqualTo(pointIds(unsharded)).hasSize(8);
        assertThat(trialIds(merged)).isEqualTo(trialIds(unsharded)).hasSize(16);
        assertThat(new HashSet<>(merged.manifest().plan().trialOrder())).isEqualTo(trialIds(unsharded));
        assertThat(merged.warnings()).isEmpty();
        RunManifest m = merged.manifest();
        assertThat(m.status()).isEqualTo(RunManifest.Status.COMPLETE);
        assertThat(m.shard()).isNull();
        assertThat(m.plan().dropped()).isEmpty();
        assertThat(m.mergedFrom()).containsExactlyElementsOf(SHARDS.stream().map(p -> p.getFileName().toString()).toList());
        assertThat(m.spec()).isEqualTo(RunReader.read(SHARDS.get(0)).manifest().spec());
        int histograms = 0;
        for (Path shard : SHARDS) {
            RunReader s = RunReader.read(shard);
            for (TrialResult t : s.trials()) {
                assertThat(merged.trials()).contains(t);
                assertThat(merged.histogram(t.trialId())).as(t.trialId()).isEqualTo(s.histogram(t.trialId()));
                histograms++;
            }
        }
        assertThat(merged.histograms()).hasSize(histograms);
        assertThat(out.resolve("summary.csv")).isRegularFile();
        try (Stream<String> lines = Files.lines(out.resolve("summary.csv"))) {
            assertThat(lines.count()).isEqualTo(1 + 8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(out.resolve("fits.json")).isRegularFile();
        assertThat(out.resolve("report.md")).isRegularFile();
        // metrics.prom covers every shard's trials, without a shard label
        java.util.Map<String, Double> metrics;
        try {
            metrics = dev.scalebench.metrics.PromText.check(Files.readString(out.resolve("metrics.prom")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(dev.scalebench.metrics.PromText.sum(metrics, "scalebench_sweep_trials_done{")).isEqualTo(16.0);
        assertThat(dev.scalebench.metrics.PromText.sum(metrics, "scalebench_iteration_latency_seconds_count"))
                .isEqualTo((double) merged.trials().stream().mapToLong(t -> t.measured().iterations()).sum());
        assertThat(metrics.keySet()).noneMatch(k -> k.contains("shard="));
        // no staging folder is left behind
        assertThat(tmp.toFile().list()).noneMatch(n -> n.startsWith(".tmp-"));
    }

    @Test
    void aMissingShardIsAHoleThatRefusesTheMergeUnlessAllowed() {
        Path out = tmp.resolve("holes");
        Cli.Result refused = Cli.run(args("merge", out, SHARDS.get(0), SHARDS.get(1)));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("missing shards: 3/3").contains("shard 3/3 is missing")
                .contains("--allow-holes");
        assertThat(out).doesNotExist();

        List<String> allow = new ArrayList<>(List.of(args("merge", out, SHARDS.get(0), SHARDS.get(1))));
        allow.add("--allow-holes");
        Cli.Result merged = Cli.run(allow.toArray(String[]::new));
        assertThat(merged.code()).as(merged.err()).isZero();
        RunReader r = RunReader.read(out);
        Set<String> third = pointIds(RunReader.read(SHARDS.get(2)));
        assertThat(r.manifest().status()).isEqualTo(RunManifest.Status.INTERRUPTED);
        assertThat(r.manifest().plan().dropped()).extracting(RunManifest.Excluded::id)
                .containsExactlyInAnyOrderElementsOf(third);
        assertThat(r.manifest().plan().dropped()).allSatisfy(x -> assertThat(x.reason()).isEqualTo("hole: shard 3/3 is missing"));
        assertThat(pointIds(r)).hasSize(8 - third.size()).doesNotContainAnyElementsOf(third);
    }

    @Test
    void anInterruptedShardsMissingTrialsAreHoles() throws IOException {
        Path cut = copy(SHARDS.get(1), tmp.resolve("cut").resolve(SHARDS.get(1).getFileName()));
        List<String> journal = Files.readAllLines(cut.resolve("trials.jsonl"));
        Files.write(cut.resolve("trials.jsonl"), journal.subList(0, journal.size() - 1));
        Cli.Result r = Cli.run(args("merge", tmp.resolve("cut-merged"), SHARDS.get(0), cut, SHARDS.get(2)));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("1 hole").contains("not run: shard 2/3");
    }

    @Test
    void theSameTrialInTwoShardsTheSameShardTwiceAndNonShardsAreRefused() throws IOException {
        // shard 2 with one of shard 1's trials appended (journal line and histogram)
        Path twice = copy(SHARDS.get(1), tmp.resolve("dup").resolve(SHARDS.get(1).getFileName()));
        List<String> j1 = Files.readAllLines(SHARDS.get(0).resolve("trials.jsonl"));
        List<String> h1 = Files.readAllLines(SHARDS.get(0).resolve("histograms.hlog")).stream()
                .filter(l -> l.startsWith("Tag=")).toList();
        Files.writeString(twice.resolve("trials.jsonl"), j1.get(0) + "\n", java.nio.file.StandardOpenOption.APPEND);
        String id = j1.get(0).replaceAll(".*\"trialId\":\"([^\"]+)\".*", "$1");
        String hl = h1.stream().filter(l -> l.startsWith("Tag=" + dev.scalebench.results.HlogFormat.encodeTag(id) + ","))
                .findFirst().orElseThrow();
        Files.writeString(twice.resolve("histograms.hlog"), hl + "\n", java.nio.file.StandardOpenOption.APPEND);
        Cli.Result dup = Cli.run(args("merge", tmp.resolve("dup-merged"), SHARDS.get(0), twice, SHARDS.get(2)));
        assertThat(dup.code()).isEqualTo(2);
        assertThat(dup.err()).contains("trial " + id + " is recorded twice").contains(twice.toString());
        assertThat(tmp.resolve("dup-merged")).doesNotExist();

        Cli.Result again = Cli.run(args("merge", tmp.resolve("again"), SHARDS.get(0), SHARDS.get(0), SHARDS.get(1),
                SHARDS.get(2)));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("shard 1/3 is given twice");

        Cli.Result notShard = Cli.run(args("merge", tmp.resolve("ns"), whole, SHARDS.get(0)));
        assertThat(notShard.code()).isEqualTo(2);
        assertThat(notShard.err()).contains(whole + ": not a shard run");
    }

    @Test
    void aShardWithoutPointsRunsNothingAndSaysSo() throws IOException {
        // with seq [16, 32] no point of this sweep hashes to shard 2 of 3
        Path other = Files.writeString(tmp.resolve("sparse.yaml"), SPEC.replace("seq: [8, 16]", "seq: [16, 32]"));
        Cli.Result r = Cli.run("sweep", "--profile", other.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", tmp.resolve("sparse").toString(), "--no-analyze", "--no-history", "--shard", "2/3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 trials in");
        RunReader run;
        try (Stream<Path> s = Files.list(tmp.resolve("sparse"))) {
            run = RunReader.read(s.filter(Files::isDirectory).findFirst().orElseThrow());
        }
        assertThat(run.manifest().plan().points()).isEmpty();
        assertThat(run.manifest().plan().dropped()).hasSize(8);
        assertThat(run.manifest().shard().index()).isEqualTo(2);
        assertThat(run.manifest().status()).isEqualTo(RunManifest.Status.COMPLETE);
    }

    @Test
    void theOldOptionNameOutStillWorksButIsHiddenAndNotGivenTwice() {
        Path out = tmp.resolve("merged-by-old-name");
        List<String> old = new ArrayList<>(List.of("merge", "--out", out.toString(), "--no-history", "--no-analyze"));
        SHARDS.forEach(p -> old.add(p.toString()));
        Cli.Result r = Cli.run(old.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("run.json")).isRegularFile();

        List<String> both = new ArrayList<>(old);
        both.set(2, tmp.resolve("never").toString());
        both.addAll(List.of("--output", tmp.resolve("never-either").toString()));
        Cli.Result twice = Cli.run(both.toArray(String[]::new));
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("--out is the old name of --output");
        assertThat(tmp.resolve("never")).doesNotExist();
        assertThat(tmp.resolve("never-either")).doesNotExist();

        Cli.Result exists = Cli.run(args("merge", out, SHARDS.toArray(Path[]::new)));
        assertThat(exists.code()).isEqualTo(2);
        assertThat(exists.err()).contains("--output " + out + ": exists");

        String help = Cli.run("merge", "--help").out();
        assertThat(help).contains("--output=DIR").doesNotContain("--out=").doesNotContain("--out ");
    }

    @Test
    void badShardValuesAreRejectedBeforeAnythingRuns() {
        for (String bad : List.of("0/3", "4/3", "3", "x/y")) {
            Path results = tmp.resolve("bad");
            Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                    "--results-dir", results.toString(), "--shard", bad);
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--shard " + bad + ":");
            assertThat(results).doesNotExist();
        }
    }

    private static String[] args(String cmd, Path out, Path... runs) {
        List<String> a = new ArrayList<>(List.of(cmd, "--output", out.toString(), "--no-history", "--profiles-dir",
                Cli.PROFILES.toString()));
        for (Path p : runs) {
            a.add(p.toString());
        }
        return a.toArray(String[]::new);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
