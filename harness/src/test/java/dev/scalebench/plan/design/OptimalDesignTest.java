package dev.scalebench.plan.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.config.SpecLoader;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.plan.Plan;
import dev.scalebench.plan.Planner;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Trial;
import dev.scalebench.config.Trim;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimalDesignTest {
    /** The nightly grid, designed by the optimal rule (the profile itself trims largest-first, to stay gateable). */
    static final SweepSpec NIGHTLY = new SpecLoader(Path.of("..", "profiles")).loadProfile("nightly")
            .withTrim(Trim.OPTIMAL);

    @Test
    void theNightlyDesignAtThreeHoursKeepsEverySeriesExtremesAndFiveLevelsWherePossible() {
        Planner planner = Planner.forSpec(NIGHTLY);
        Plan plan = planner.plan(NIGHTLY.withBudget(Duration.ofHours(3)));
        assertThat(plan.totalEstimate()).isLessThanOrEqualTo(Duration.ofHours(3));
        assertThat(plan.dropped()).isNotEmpty().allSatisfy(x -> assertThat(x.reason())
                .contains("least information per second saved").doesNotContain("cannot keep"));
        List<SweepPoint> all = new ArrayList<>(plan.points());
        plan.dropped().forEach(x -> all.add(x.point()));
        Map<String, Integer> kept = new HashMap<>();
        plan.points().forEach(p -> kept.put(p.id(), plan.replicates(p)));
        List<DesignPoint> dp = dev.scalebench.plan.Budget.designPoints(all, planner.costModel());
        for (DesignSeries s : DesignSeries.of(dp)) {
            int[] m = s.members();
            assertThat(kept).as(s.id() + " smallest level").containsKey(all.get(m[0]).id());
            assertThat(kept).as(s.id() + " largest level").containsKey(all.get(m[m.length - 1]).id());
            long levels = java.util.Arrays.stream(m).filter(i -> kept.containsKey(all.get(i).id())).count();
            assertThat(levels).as(s.id()).isGreaterThanOrEqualTo(Math.min(m.length, 5));
        }
        // each kept point runs in blocks 0..r-1, the run order numbered without gaps
        Map<String, Integer> trials = new HashMap<>();
        for (int i = 0; i < plan.trials().size(); i++) {
            Trial t = plan.trials().get(i);
            assertThat(t.sequence()).isEqualTo(i);
            assertThat(t.replicate()).isLessThan(plan.replicates(t.point()));
            trials.merge(t.point().id(), 1, Integer::sum);
        }
        assertThat(trials).isEqualTo(kept);
        assertThat(kept.values()).allSatisfy(r -> assertThat(r).isBetween(OptimalDesign.MIN_REPLICATES, 5));
        Duration sum = plan.trials().stream().map(t -> plan.trialEstimate(t.point())).reduce(Duration.ZERO,
                Duration::plus);
        assertThat(sum).isEqualTo(plan.totalEstimate());
    }

    @Test
    void atEqualBudgetTheOptimalDesignDeterminesMoreOfTheLawsThanLargestFirst() {
        Planner optimal = new Planner(Planner.forSpec(NIGHTLY).costModel(), Trim.OPTIMAL);
        Planner largest = new Planner(Planner.forSpec(NIGHTLY).costModel(), Trim.LARGEST_FIRST);
        for (Duration budget : List.of(Duration.ofMinutes(15), Duration.ofHours(1))) {
            Plan o = optimal.plan(NIGHTLY.withBudget(budget));
            Plan l = largest.plan(NIGHTLY.withBudget(budget));
            assertThat(determined(o)).as("series determined at " + budget)
                    .isGreaterThan(determined(l));
        }
    }

    @Test
    void aBudgetTooSmallForFiveLevelsRelaxesInStatedSteps() {
        Plan plan = Planner.forSpec(NIGHTLY).plan(NIGHTLY.withBudget(Duration.ofMinutes(5)));
        assertThat(plan.totalEstimate()).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(plan.dropped()).anySatisfy(x -> assertThat(x.reason()).contains("cannot keep 5 levels"));
        assertThatThrownBy(() -> Trim.parse("smallest")).hasMessageContaining("optimal, largest-first");
        assertThat(Trim.parse("largest-first")).isEqualTo(Trim.LARGEST_FIRST);
    }

    @Test
    void theFormsFollowTheStepTimes() {
        double[] u = {0.125, 0.25, 0.5, 0.75, 1};
        double[] kink = new double[u.length];
        double[] line = new double[u.length];
        double[] square = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            kink[i] = Math.max(1 + 0.1 * u[i], 4 * u[i]);
            line[i] = 1 + 2 * u[i];
            square[i] = 1 + u[i] + 3 * u[i] * u[i];
        }
        DesignSeries.Nominal r = DesignSeries.formFor("batch", u, kink);
        assertThat(r.form()).isEqualTo(DesignForm.ROOFLINE);
        assertThat(r.theta()[2]).isBetween(0.2, 0.35);
        assertThat(DesignSeries.formFor("batch", u, line).form()).isEqualTo(DesignForm.LINEAR);
        assertThat(DesignSeries.formFor("seq", u, square).form()).isEqualTo(DesignForm.QUADRATIC);
        assertThat(DesignSeries.formFor("seq", u, square).theta()[2]).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-6));
    }

    /**
     * The predicted half-widths are what a fit of the designed form realises: relative noise of 5 % per trial on
     * a linear law, refitted by weighted least squares (the analysis's closed-form start) 400 times, for the
     * full design and a trimmed one; the empirical 95 % half-width (1.96 · sd) is within 15 % of the prediction.
     */
    @Test
    void predictedWidthsMatchASimulationOfTheFit() {
        List<DesignPoint> points = new ArrayList<>();
        int[] levels = {1, 2, 4, 8, 16, 32, 64, 128, 256};
        for (int b : levels) {
            points.add(new DesignPoint("batch:m", "seq:m/b" + b, b, 128, 0.01 + 0.0004 * b));
        }
        DesignSeries s = DesignSeries.of(points).get(0);
        assertThat(s.form()).isEqualTo(DesignForm.LINEAR);
        int[] full = {5, 5, 5, 5, 5, 5, 5, 5, 5};
        int[] trimmed = {3, 0, 2, 2, 0, 2, 0, 2, 3};
        for (int[] r : List.of(full, trimmed)) {
            double[] predicted = Precision.of(List.of(s), r, 0.05).get(0).halfWidth();
            double[] realised = simulate(s, r, 0.05, 400, new SplittableRandom(7));
            for (int k = 0; k < 2; k++) {
                assertThat(realised[k] / predicted[k]).as("parameter " + k).isBetween(0.85, 1.15);
            }
        }
    }

    /** 1.96 · sd / |θ| of each parameter over {@code runs} weighted least-squares fits of noisy trials. */
    static double[] simulate(DesignSeries s, int[] r, double cv, int runs, SplittableRandom rng) {
        int p = s.form().size();
        double[] sum = new double[p];
        double[] sq = new double[p];
        for (int run = 0; run < runs; run++) {
            List<double[]> rows = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.levels(); i++) {
                for (int k = 0; k < r[i]; k++) {
                    double[] j = new double[3];
                    s.form().jacobian(s.u()[i], s.theta(), j);
                    rows.add(java.util.Arrays.copyOf(j, p));
                    ys.add(s.step()[i] * Math.exp(cv * gaussian(rng)));
                }
            }
            double[][] x = rows.toArray(new double[0][]);
            double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
            double[] w = new double[y.length];
            int row = 0;
            for (int i = 0; i < s.levels(); i++) {
                for (int k = 0; k < r[i]; k++) {
                    w[row++] = 1 / (s.step()[i] * s.step()[i]);
                }
            }
            double[] theta = Small.leastSquares(x, y, w);
            for (int k = 0; k < p; k++) {
                sum[k] += theta[k];
                sq[k] += theta[k] * theta[k];
            }
        }
        double[] out = new double[p];
        for (int k = 0; k < p; k++) {
            double mean = sum[k] / runs;
            out[k] = 1.96 * Math.sqrt(Math.max(sq[k] / runs - mean * mean, 0) * runs / (runs - 1.0))
                    / Math.abs(s.theta()[k]);
        }
        return out;
    }

    static double gaussian(SplittableRandom rng) {
        double a = rng.nextDouble();
        double b = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b);
    }

    private static long determined(Plan plan) {
        Planner planner = Planner.forSpec(NIGHTLY);
        Plan full = planner.plan(NIGHTLY.withBudget(null));
        List<SweepPoint> all = full.points();
        Map<String, Integer> kept = new HashMap<>();
        plan.points().forEach(p -> kept.put(p.id(), plan.replicates(p)));
        int[] r = all.stream().mapToInt(p -> kept.getOrDefault(p.id(), 0)).toArray();
        List<DesignSeries> series = DesignSeries.of(dev.scalebench.plan.Budget.designPoints(all,
                planner.costModel()));
        return Precision.of(series, r, 0.05).stream()
                .filter(q -> java.util.Arrays.stream(q.halfWidth()).allMatch(v -> v < 10)).count();
    }
}
