package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    /**
     * picocli formats command descriptions and footers with String.format: a bare '%' falls back to the raw text
     * with a warning on standard error. (Option descriptions come back interpolated, so they are not checked here.)
     */
    @Test
    void everyHelpTextIsAValidFormatString() {
        java.util.List<String> bad = new java.util.ArrayList<>();
        picocli.CommandLine root = new picocli.CommandLine(new Main());
        java.util.List<picocli.CommandLine> all = new java.util.ArrayList<>(java.util.List.of(root));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        for (picocli.CommandLine c : all) {
            var spec = c.getCommandSpec();
            java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of(spec.usageMessage().description()));
            texts.addAll(java.util.List.of(spec.usageMessage().footer()));
            for (String t : texts) {
                try {
                    String.format(java.util.Locale.ROOT, t.replace("${DEFAULT-VALUE}", "x").replace("${COMPLETION-CANDIDATES}", "x"));
                } catch (java.util.IllegalFormatException e) {
                    bad.add(spec.qualifiedName() + ": " + e + " in: " + t);
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void invalidSpecReportsEveryErrorWithFileAndLineExits2AndRunsNothing(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("bad.yaml"), """
                name: bad
                backend: djl
                model: [gpt-1m, gpt-nope]
                batch: [0, 4, -2]
                seq: [32]
                replicates: two
                colour: blue
                """);
        Path results = tmp.resolve("results");
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("bad.yaml:3:").contains("gpt-nope")
                .contains("bad.yaml:4:").contains("0").contains("-2")
                .contains("bad.yaml:6:").contains("two")
                .contains("bad.yaml:7:").contains("colour");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(results).doesNotExist();
    }

    @Test
    void planListsPointsEstimatesAndWhatTheBudgetDropped() {
        Cli.Result full = Cli.run("plan", "--profiles-dir", Cli.PROFILES.toString());
        assertThat(full.code()).as(full.err()).isZero();
        assertThat(full.out()).contains("gpt-1m/fp32/prefill/b1/s32").contains("34 points x 5 replicates = 170 trials")
                .contains("llama-tiny/fp32/generate/b4/s32/o16");

        Cli.Result trimmed = Cli.run("plan", "--profiles-dir", Cli.PROFILES.toString(), "--budget", "40s");
        assertThat(trimmed.code()).as(trimmed.err()).isZero();
        assertThat(trimmed.out()).contains("dropped to fit the budget of 40s");
        // the default (optimal) design keeps 2 to 5 replicates per point: "x 2-5 replicates"
        assertThat(trimmed.out()).containsPattern("\\d+ points x [2-5-]+ replicates = \\d+ trials, estimated \\d+s \\(budget 40s\\)");
        assertThat(trimmed.out()).contains("predicted 95% half-widths, relative, before -> after trimming (optimal");
        Cli.Result old = Cli.run("plan", "--profiles-dir", Cli.PROFILES.toString(), "--budget", "40s", "--trim",
                "largest-first");
        assertThat(old.out()).containsPattern("\\d+ points x 5 replicates = \\d+ trials, estimated \\d+s \\(budget 40s\\)");
        Cli.Result scenarios = Cli.run("plan", "--profiles-dir", Cli.PROFILES.toString(), "--scenarios", "20s,40s");
        assertThat(scenarios.code()).as(scenarios.err()).isZero();
        assertThat(scenarios.out()).containsPattern("budget +full +20s +40s").contains("series determined")
                .contains("batch ");
        assertThat(Cli.run("plan", "--profiles-dir", Cli.PROFILES.toString(), "--trim", "smallest").code()).isEqualTo(2);
    }

    @Test
    void aSweepFileNamedWithoutProfileIsTheProfile(@TempDir Path tmp) throws Exception {
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
        Cli.Result plan = Cli.run("plan", spec.toString(), "--profiles-dir", Cli.PROFILES.toString());
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("gpt-1m/fp32/prefill/b2/s8").contains("2 points x 1 replicates");

        Path results = tmp.resolve("results");
        Cli.Result sweep = Cli.run("sweep", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-analyze", "--no-history");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        assertThat(sweep.out()).contains("2 trials in " + results).contains("-tiny");

        Cli.Result two = Cli.run("sweep", spec.toString(), "--profile", "smoke", "--profiles-dir",
                Cli.PROFILES.toString(), "--results-dir", tmp.resolve("never").toString());
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("two sweeps named: --profile smoke and " + spec);
        assertThat(tmp.resolve("never")).doesNotExist();
        assertThat(Cli.run("sweep", "--help").out()).contains("[SWEEP]").contains("scalebench sweep my.yaml");
    }

    @Test
    void planOfTheNightlyGpuSweepShowsInfeasiblePointsWithTheirReason() {
        Cli.Result r = Cli.run("plan", "--profile", "nightly", "--profiles-dir", Cli.PROFILES.toString(),
                "--device-memory", "24GiB");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("infeasible points (not run)").contains("GiB usable of 24.0 GiB");
    }

    @Test
    void badOptionValuesAreUsageErrors(@TempDir Path tmp) {
        assertThat(Cli.run("sweep", "--no-such-option").code()).isEqualTo(2);
        assertThat(Cli.run("plan", "--profiles-dir", Cli.PROFILES.toString(), "--budget", "soon").code()).isEqualTo(2);
        assertThat(Cli.run("plan", "--profiles-dir", Cli.PROFILES.toString(), "--device-memory", "lots").code())
                .isEqualTo(2);
        Cli.Result notRun = Cli.run("sweep", "--resume", tmp.toString());
        assertThat(notRun.code()).isEqualTo(2);
        assertThat(notRun.err()).contains("not a run folder");
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        for (String cmd : new String[] {"sweep", "plan", "doctor"}) {
            Cli.Result r = Cli.run(cmd, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: scalebench " + cmd);
        }
        assertThat(Cli.run("plan", "--help").out()).contains("drop the whole point");
        assertThat(Cli.run("sweep", "--help").out()).contains("--resume").contains("--budget");
        assertThat(Cli.run("--help").out()).contains("Exit codes");
    }

    @Test
    void doctorSeesTheCpuEngineAndTheProfiles(@TempDir Path tmp) {
        Cli.Result r = Cli.run("doctor", "--profiles-dir", Cli.PROFILES.toString(), "--results-dir", tmp.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("DJL PyTorch engine").contains("device cpu").contains("profiles")
                .contains("results folder");
    }
}
