package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.history.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --pilot}: the table from the reference CPU run, --write, and errors that name the folder and the fix. */
class PlanPilotTest {
    static final Path REFERENCE = Path.of("..", "results", "reference", "cpu", "20261122-093628-cpu-scaling")
            .toAbsolutePath().normalize();

    @Test
    void aPilotPrintsThePerPointTableAndTheRecommendation() {
        Cli.Result r = Cli.run("plan", "cpu-scaling", "--profiles-dir", Cli.PROFILES.toString(), "--pilot",
                REFERENCE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("cv p50").contains("cv p99").contains("gate n")
                .contains("gpt-1m/fp32/prefill/b1/s16").contains("blocking tests").contains("recommended replicates:")
                .contains("10000 iterations per trial")
                .as("the reference run predates memory readings, and says so").contains("has no memory readings");
        assertThat(r.out()).doesNotContain("points x"); // the pilot's answer replaces the plan's table
    }

    @Test
    void fitPrecisionPrintsTheFitsColumnAndWhatWriteWouldWrite() {
        // a loose target keeps the simulation at the smallest candidate: quick, and every series answers
        Cli.Result r = Cli.run("plan", "cpu-scaling", "--profiles-dir", Cli.PROFILES.toString(), "--pilot",
                REFERENCE.toString(), "--fit-precision", "90%");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fit n").contains("batch:gpt-1m/fp32/prefill/s16")
                .contains("95% half-width <= 90.0%")
                .contains("fits need:").contains("--write writes");
    }

    @Test
    void aBadFitPrecisionIsRefusedNamingIt() {
        for (String bad : new String[] {"five", "0%", "150%"}) {
            Cli.Result r = Cli.run("plan", "cpu-scaling", "--profiles-dir", Cli.PROFILES.toString(), "--pilot",
                    REFERENCE.toString(), "--fit-precision", bad);
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--fit-precision '" + bad + "'").contains("like 5% or 0.05");
        }
    }

    @Test
    void fitPrecisionNeedsAPilotFolder(@TempDir Path dir) {
        // the reference run indexed as if swept on this machine, from a folder that has since gone
        RunMetrics ref = RunMetrics.of(RunReader.read(REFERENCE));
        Map<String, String> here = new TreeMap<>(ref.fingerprint());
        here.putAll(Fingerprint.select(Fingerprint.collect(Map.of("backend", "djl"), Path.of(".")),
                List.of("backend", "cpu.model", "cpu.cores", "os.name")));
        String url = "jdbc:sqlite:" + dir.resolve("history.db");
        try (History h = History.open(url)) {
            h.index(new RunMetrics(ref.runId(), ref.sweep(), ref.status(), ref.started(), ref.ended(), here,
                    ref.specHash(), ref.points(), ref.trials(), ref.failedTrials()), dir.resolve("gone"));
        }
        Cli.Result r = Cli.run("plan", "cpu-scaling", "--profiles-dir", Cli.PROFILES.toString(), "--from-history",
                "--history-url", url, "--fit-precision", "5%");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--fit-precision 5%").contains("--pilot RUN_DIR");
    }

    @Test
    void writeChangesOnlyTheReplicatesLine(@TempDir Path dir) throws IOException {
        Path sweep = dir.resolve("cpu-scaling.yaml");
        String before = Files.readString(Cli.PROFILES.resolve("sweeps/cpu-scaling.yaml"));
        Files.writeString(sweep, before);
        Cli.Result r = Cli.run("plan", sweep.toString(), "--profiles-dir", Cli.PROFILES.toString(), "--pilot",
                REFERENCE.toString(), "--write", "--iterations");
        assertThat(r.code()).as(r.err()).isZero();
        String after = Files.readString(sweep);
        assertThat(after).doesNotContain("replicates: 3\n").contains("min: 10000\n")
                .contains("# A CPU sweep shaped for fitting");
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        assertThat(b).hasSameSizeAs(a);
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
            changed += a[i].equals(b[i]) ? 0 : 1;
        }
        assertThat(changed).isEqualTo(2);
    }

    @Test
    void aFolderThatIsNotARunIsNamedWithTheFix(@TempDir Path dir) {
        Cli.Result r = Cli.run("plan", "cpu-scaling", "--profiles-dir", Cli.PROFILES.toString(), "--pilot",
                dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(dir.toString()).contains("not a run folder").contains("--from-history");
    }

    @Test
    void aPilotOfAnotherSweepIsRefused() {
        Cli.Result r = Cli.run("plan", "smoke", "--profiles-dir", Cli.PROFILES.toString(), "--pilot",
                REFERENCE.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("sweep 'cpu-scaling', not of 'smoke'").contains(REFERENCE.toString());
    }

    @Test
    void aPilotWithoutOkTrialsIsRefused(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.copy(REFERENCE.resolve("run.json"), run.resolve("run.json"));
        Files.writeString(run.resolve("trials.jsonl"), "");
        Cli.Result r = Cli.run("plan", "cpu-scaling", "--profiles-dir", Cli.PROFILES.toString(), "--pilot",
                run.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(run.toString()).contains("no OK trial");
    }
}
