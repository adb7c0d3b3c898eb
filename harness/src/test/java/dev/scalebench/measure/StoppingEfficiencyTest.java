package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.measure.StoppingEfficiency.Noise;
import dev.scalebench.measure.StoppingEfficiency.Row;
import dev.scalebench.measure.StoppingEfficiency.Rule;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The stopping-efficiency study on simulated steps (fake clock: no wall time is measured or asserted). The small
 * version runs in verify; the table of docs/measurement.md comes from {@link #theTableOfTheStudy()} (tag slow:
 * {@code ./mvnw -o -Pslow -pl harness -am test -Dtest=StoppingEfficiencyTest -Dkernels.skip=true}).
 */
class StoppingEfficiencyTest {

    private static final Noise IID = new Noise("1 ms, σ 5 %", 1_000_000, 0.05, 0, 0, 0, 1);

    @Test
    void onIndependentStepsTheAdaptiveRuleReachesOnePercentFasterThanFixedWindows() {
        double truth = StoppingEfficiency.trueMedian(IID);
        Row adaptive = StoppingEfficiency.row(IID, Rule.ADAPTIVE, 40, truth);
        Row fixed = StoppingEfficiency.row(IID, Rule.FIXED, 40, truth);
        Row perf = StoppingEfficiency.row(IID, Rule.PERF_ANALYZER, 40, truth);
        assertThat(adaptive.withinOnePct()).as("share of runs whose median is within ±1 %").isGreaterThanOrEqualTo(0.9);
        assertThat(adaptive.medianSeconds()).as("simulated seconds to stop").isLessThan(fixed.medianSeconds() / 10);
        assertThat(fixed.medianSeconds()).isEqualTo(15.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(perf.medianSeconds()).as("three stable 5 s windows at the least").isGreaterThanOrEqualTo(15.0);
    }

    @Test
    void perfAnalyzersRuleNeedsMoreWindowsWhenTheMachineDrifts() {
        Noise drift = new Noise("drift", 1_000_000, 0.05, 0.9999, 0.004, 0, 1);
        Outcomes o = new Outcomes(drift);
        assertThat(o.maxPerfAnalyzerSeconds).as("some run needs more than the three windows")
                .isGreaterThan(15.0);
    }

    private static final class Outcomes {
        final double maxPerfAnalyzerSeconds;

        Outcomes(Noise n) {
            double max = 0;
            for (int i = 0; i < 20; i++) {
                max = Math.max(max, StoppingEfficiency.run(Rule.PERF_ANALYZER, n, 7L + i).nanos() / 1e9);
            }
            maxPerfAnalyzerSeconds = max;
        }
    }

    @Test
    @Tag("slow")
    void theTableOfTheStudy() {
        String table = StoppingEfficiency.table(200, StoppingEfficiency::models);
        System.out.println(table);
        assertThat(table.lines().count()).isEqualTo(2 + (long) Rule.values().length * StoppingEfficiency.models().size());
    }

    /**
     * The same rules on a real engine: a 64×64 fp32 matrix product through DJL on this machine's CPU, timed by the
     * system clock. The truth is the median of a 30 s reference run (six 5 s windows) made first; each rule then runs
     * three times. Prints a table (tag slow).
     */
    @Test
    @Tag("slow")
    void theRulesOnTheCpu() throws Exception {
        try (dev.scalebench.bench.MatMulSession s = new dev.scalebench.bench.MatMulSession()) {
            for (int i = 0; i < 20_000; i++) {
                s.step();
            }
            double truth = StoppingEfficiency.windows(Clock.system(), s, 6, false).median();
            StringBuilder sb = new StringBuilder("| rule | time per run | error per run |\n|---|---|---|\n");
            for (Rule r : Rule.values()) {
                StringBuilder times = new StringBuilder();
                StringBuilder errors = new StringBuilder();
                for (int k = 0; k < 3; k++) {
                    StoppingEfficiency.Outcome o = StoppingEfficiency.run(r, Clock.system(), s);
                    times.append(String.format(java.util.Locale.ROOT, "%s%.2f s", k == 0 ? "" : ", ", o.nanos() / 1e9));
                    errors.append(String.format(java.util.Locale.ROOT, "%s%+.2f %%", k == 0 ? "" : ", ",
                            (o.median() / truth - 1) * 100));
                }
                sb.append("| ").append(r).append(" | ").append(times).append(" | ").append(errors).append(" |\n");
            }
            System.out.println("truth (30 s median): " + truth + " ns\n" + sb);
            assertThat(truth).isPositive();
        }
    }

    @Test
    void everyModelAndRuleHasARow() {
        List<Noise> one = List.of(IID);
        String t = StoppingEfficiency.table(3, () -> one);
        assertThat(t).contains("| adaptive |", "| perf-analyzer |", "| fixed |");
    }
}
