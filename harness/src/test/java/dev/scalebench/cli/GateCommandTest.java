package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate} through the CLI on simulated sweeps: the same build (no regression), a build whose model has twice
 * the layers (a regression everywhere), {@code --baseline latest} from the history (never a newer run than the
 * candidate), refusal of runs from another environment, the verdict printed before anything is written (and kept
 * when writing fails), and {@code --aa}.
 *
 * <p>"The same build" is the baseline's own trials under another run id ({@link #twin}, {@link #twin2}): two sweeps
 * measured at different times differ by whatever else the machine did meanwhile (on a busy machine the simulator's
 * busy-waits are preempted, which moves the mean and so the throughput by far more than the 5 % margin), so only
 * identical trials make "no regression" hold by construction. Twice the layers is 1.8× the simulated step time, which
 * preemption cannot undo in a median: the simulator waits at least its step time, so the slower build's medians
 * stay above the baseline's unless more than half of the baseline's steps were stalled.
 */
class GateCommandTest {
    private static final String SPEC = """
            name: gt
            backend: sim
            model: [tiny]
            dtype: fp32
            phase: [prefill, decode]
            batch: [1, 4]
            seq: [16]
            replicates: 6
            measure:
              warmup: {min-iterations: 3, min-time: 5ms, steady-cv: 0.5, max-time: 50ms}
              iterations: {min: 20, min-time: 20ms, max-time: 100ms}
              target-ci: 0.001
              trial-timeout: 30s
            """;
    private static final String POLICY = """
            metrics: {p50: 0.05, throughput: 0.05}
            min-trials: 5
            resamples: 2000
            """;

    @TempDir
    static Path tmp;
    static Path results;
    static Path policy;
    static Path base;
    static Path same;
    static Path slow;
    /** The same build as {@code base} and {@code same}, swept after {@code slow}: newer than the candidate there. */
    static Path later;
    /** The baseline's trials under other run ids, outside the results folder (not in the history). */
    static Path twin;
    static Path twin2;

    @BeforeAll
    static void sweeps() throws IOException {
        results = tmp.resolve("results");
        policy = Files.writeString(tmp.resolve("policy.yaml"), POLICY);
        Path spec = Files.writeString(tmp.resolve("gt.yaml"), SPEC);
        base = sweep(spec, profiles("fast", 2));
        same = sweep(spec, profiles("fast", 2));
        slow = sweep(spec, profiles("slow", 4));
        later = sweep(spec, profiles("fast", 2));
        twin = CompareCommandTest.copyWithRunId(base, tmp.resolve("twin").resolve("20261122-000000-gt"),
                "20261122-000000-gt");
        twin2 = CompareCommandTest.copyWithRunId(base, tmp.resolve("twin2").resolve("20261122-000001-gt"),
                "20261122-000001-gt");
    }

    /** A profiles folder whose model 'tiny' has {@code layers} layers. */
    private static Path profiles(String name, int layers) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("models"));
        long params = 512L * 64 + layers * (64L * 192 + 64 * 64 + 2 * 64 * 256 + 128) + 64;
        Files.writeString(dir.resolve("models/tiny.yaml"), "name: tiny\nlayers: " + layers
                + "\nhidden: 64\nheads: 4\nkv-heads: 4\nffn: 256\nvocab: 512\ngated: false\nparameters: " + params
                + "\n");
        return dir;
    }

    private static Path sweep(Path spec, Path profiles) throws IOException {
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", profiles.toString(),
                "--results-dir", results.toString(), "--no-analyze");
        assertThat(r.code()).as(r.err()).isZero();
        String line = r.out().lines().filter(l -> l.startsWith("results: ")).findFirst().orElseThrow();
        return Path.of(line.substring("results: ".length()).trim());
    }

    private static Cli.Result gate(String... extra) {
        String[] common = {"gate", "--policy", policy.toString(), "--results-dir", results.toString(),
            "--profiles-dir", Cli.PROFILES.toString()};
        String[] all = new String[common.length + extra.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(extra, 0, all, common.length, extra.length);
        return Cli.run(all);
    }

    @Test
    void theSameBuildDoesNotRegress() {
        Cli.Result r = gate("--baseline", base.toString(), "--candidate", twin.toString());
        assertThat(r.code()).as(r.out() + r.err()).isIn(0, 3);
        assertThat(r.out()).doesNotContain("**REGRESSION**");
        assertThat(twin.resolve("gate/gate.json")).isRegularFile();
        assertThat(twin.resolve("gate/gate.md")).isRegularFile();
        assertThat(twin.resolve("gate/gate-junit.xml")).isRegularFile();
    }

    @Test
    void twiceTheLayersIsARegressionAtEveryPoint() throws IOException {
        Path out = tmp.resolve("slow-gate");
        Cli.Result r = gate("--baseline", base.toString(), "--candidate", slow.toString(), "--output", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("REGRESSION");
        var json = new ObjectMapper().readTree(out.resolve("gate.json").toFile());
        assertThat(json.toString()).contains("REGRESSION");
        String xml = Files.readString(out.resolve("gate-junit.xml"));
        assertThat(xml.split("<failure", -1)).hasSize(1 + 4);
    }

    @Test
    void latestTakesTheNewestGoodRunOfTheSweepThatIsOlderThanTheCandidate() {
        Cli.Result r = gate("--baseline", "latest", "--candidate", slow.toString(), "--output",
                tmp.resolve("latest-gate").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).as("the newest run older than the candidate, not the newer one")
                .contains("from history: " + same.getFileName()).doesNotContain(later.getFileName().toString());
    }

    @Test
    void latestForTheOldestRunHasNoBaselineAndSaysWhy() {
        Cli.Result r = gate("--baseline", "latest", "--candidate", base.toString(), "--output",
                tmp.resolve("oldest-gate").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("no baseline").contains("that started before " + base.getFileName())
                .contains("3 runs started after it, and a baseline must be older than the candidate");
    }

    @Test
    void theVerdictIsPrintedFirstAndAFailedWriteKeepsItsExitCode() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
        Cli.Result r = gate("--baseline", base.toString(), "--candidate", slow.toString(), "--output",
                file.resolve("gate").toString());
        assertThat(r.code()).as("the verdict's exit code, not 4: " + r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("## scalebench gate: **REGRESSION** (exit 1)")
                .contains("gate: REGRESSION (exit 1)").doesNotContain("wrote ");
        assertThat(r.err()).contains("could not write the reports into " + file.resolve("gate"))
                .contains("the verdict above stands (gate: REGRESSION)").contains("--output DIR");

        Cli.Result aa = gate("--aa", base.toString(), twin.toString(), twin2.toString(), "--splits", "0",
                "--output", file.resolve("aa").toString());
        assertThat(aa.code()).as(aa.out() + aa.err()).isZero();
        assertThat(aa.out()).contains("gate --aa: CONSISTENT (exit 0)");
        assertThat(aa.err()).contains("could not write the reports into").contains("--output DIR");
    }

    @Test
    void aReadOnlyCandidateFolderStillGetsItsVerdict() throws IOException {
        Path ro = tmp.resolve("read-only");
        copy(twin, ro);
        assertThat(ro.toFile().setWritable(false, false)).isTrue();
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro),
                    "this user can write into read-only folders (root)");
            Cli.Result r = gate("--baseline", base.toString(), "--candidate", ro.toString());
            assertThat(r.code()).as(r.out() + r.err()).isIn(0, 3);
            assertThat(r.out()).containsPattern("gate: (PASS|INCONCLUSIVE) \\(exit [03]\\)");
            assertThat(r.err()).contains("could not write the reports into " + ro.resolve("gate"))
                    .contains("--output DIR");
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void runsFromAnotherEnvironmentAreRefused() throws IOException {
        Path moved = tmp.resolve("moved");
        copy(twin, moved);
        ObjectMapper m = new ObjectMapper();
        ObjectNode run = (ObjectNode) m.readTree(moved.resolve("run.json").toFile());
        ((ObjectNode) run.get("fingerprint")).put("cpu.model", "Some Other CPU");
        m.writerWithDefaultPrettyPrinter().writeValue(moved.resolve("run.json").toFile(), run);

        Cli.Result r = gate("--baseline", base.toString(), "--candidate", moved.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to gate runs from different environments")
                .contains("Some Other CPU").contains("--allow-env-mismatch");
        Cli.Result allowed = gate("--baseline", base.toString(), "--candidate", moved.toString(),
                "--allow-env-mismatch");
        assertThat(allowed.code()).as(allowed.err()).isIn(0, 3);
        assertThat(allowed.out()).contains("Some Other CPU");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    @Test
    void repairsMadeWhileReadingAreNotedAndReportedAndTheRunIsLeftAsItWas() throws IOException {
        Path cut = tmp.resolve("cut");
        copy(twin, cut);
        Files.writeString(cut.resolve("trials.jsonl"), "{\"schema\":1,\"trialId\":\"tiny/fp32/decode/b1/s16#r9\",\"st",
                StandardOpenOption.APPEND);
        Map<Path, String> before = CompareCommandTest.files(cut);
        Path out = tmp.resolve("cut-gate");

        Cli.Result r = gate("--baseline", base.toString(), "--candidate", cut.toString(), "--output", out.toString());

        assertThat(r.code()).as(r.out() + r.err()).isIn(0, 3);
        assertThat(CompareCommandTest.files(cut)).as("the run's files, byte for byte").isEqualTo(before);
        assertThat(r.err()).contains("gate: note: " + cut + ": ").contains("incomplete last line");
        assertThat(Files.readString(out.resolve("gate.md"))).contains("**Repairs made while reading**")
                .contains("- candidate: ").contains("incomplete last line");
        assertThat(new ObjectMapper().readTree(out.resolve("gate.json").toFile()).path("repairs").get(0).asText())
                .startsWith("candidate: ").contains("incomplete last line");
        assertThat(Files.readString(out.resolve("gate-junit.xml"))).contains("repaired while reading: candidate: ");

        Cli.Result aa = gate("--aa", base.toString(), cut.toString(), "--splits", "2", "--output",
                tmp.resolve("cut-aa").toString());
        assertThat(aa.code()).as("two runs: too little evidence; " + aa.out() + aa.err()).isEqualTo(3);
        assertThat(aa.err()).contains("gate: note: " + cut + ": ");
        assertThat(Files.readString(tmp.resolve("cut-aa/aa.md"))).contains("**Repairs made while reading**")
                .contains("- " + cut + ": ");
        assertThat(CompareCommandTest.files(cut)).isEqualTo(before);
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(gate("--candidate", same.toString()).code()).isEqualTo(2);
        assertThat(gate("--baseline", base.toString(), "--candidate", tmp.toString()).err())
                .contains("not a run folder");
        assertThat(gate("--baseline", "nosuch-run", "--candidate", same.toString()).err())
                .contains("not a run id in the history");
        assertThat(Cli.run("gate", "--policy", "nosuch", "--baseline", base.toString(), "--candidate",
                same.toString(), "--profiles-dir", Cli.PROFILES.toString()).code()).isEqualTo(2);
    }

    @Test
    void aaOnThreeRunsReportsTheObservedFalseAlarmRate() {
        Cli.Result r = gate("--aa", base.toString(), twin.toString(), twin2.toString(), "--splits", "5", "--output",
                tmp.resolve("aa").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("A/A calibration").contains("**Consistent with α** (exit 0)")
                .contains("| between runs (pairs) | 3 | 0 |").contains("gate --aa: CONSISTENT (exit 0)");
        assertThat(tmp.resolve("aa/aa.md")).isRegularFile();
    }

    /** One pair has a Wilson interval of 0–79 %: no α can be judged against it, and --aa says so (exit 3). */
    @Test
    void aaOnOnePairSaysItIsTooLittleEvidence() {
        Cli.Result r = gate("--aa", base.toString(), twin.toString(), "--splits", "5", "--output",
                tmp.resolve("aa-pair").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).contains("**Too little evidence** (exit 3)")
                .contains("2 runs give 1 pair (a Wilson 95 % interval of 0–79 % with no false alarm)")
                .contains("Gate at least 3 runs of one build").doesNotContain("Consistent with")
                .contains("gate --aa: TOO_LITTLE_EVIDENCE (exit 3)");
    }
}
