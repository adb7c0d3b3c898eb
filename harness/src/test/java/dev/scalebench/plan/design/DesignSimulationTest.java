package dev.scalebench.plan.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.plan.Budget;
import dev.scalebench.plan.Plan;
import dev.scalebench.plan.Planner;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.config.Trim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The table of docs/analysis.md ("Budget-constrained design"): the nightly profile at equal budgets under both
 * rules; for every series, the predicted 95 % half-width of each parameter and the realised one (1.96 · sd over
 * 300 weighted least-squares fits of the designed form to trials with 5 % log-normal noise); medians over series.
 * Run with {@code ./mvnw -B -o -Dkernels.skip=true -pl harness -am test -Pslow -Dtest=DesignSimulationTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class DesignSimulationTest {

    @Test
    void predictedAndRealisedWidthsAtEqualBudget() {
        Planner base = Planner.forSpec(OptimalDesignTest.NIGHTLY);
        Plan full = base.plan(OptimalDesignTest.NIGHTLY.withBudget(null));
        List<SweepPoint> all = full.points();
        List<DesignSeries> series = DesignSeries.of(Budget.designPoints(all, base.costModel()));
        System.out.printf(Locale.ROOT, "%-8s %-14s %-22s %9s %12s %12s%n", "budget", "rule", "parameter", "series",
                "predicted", "realised");
        for (Duration budget : List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(3))) {
            for (Trim rule : Trim.values()) {
                Plan plan = new Planner(base.costModel(), rule).plan(OptimalDesignTest.NIGHTLY.withBudget(budget));
                Map<String, Integer> kept = new HashMap<>();
                plan.points().forEach(p -> kept.put(p.id(), plan.replicates(p)));
                int[] r = all.stream().mapToInt(p -> kept.getOrDefault(p.id(), 0)).toArray();
                Map<String, List<double[]>> byParam = new java.util.LinkedHashMap<>();
                SplittableRandom rng = new SplittableRandom(11);
                int determined = 0;
                for (DesignSeries s : series) {
                    Precision pr = Precision.of(List.of(s), r, 0.05).get(0);
                    if (!java.util.Arrays.stream(pr.halfWidth()).allMatch(v -> v < 10)) {
                        continue;
                    }
                    determined++;
                    int[] local = new int[s.levels()];
                    for (int i = 0; i < local.length; i++) {
                        local[i] = r[s.members()[i]];
                    }
                    double[] realised = OptimalDesignTest.simulate(s, local, 0.05, 300, rng);
                    for (int k = 0; k < pr.names().length; k++) {
                        byParam.computeIfAbsent(s.axis() + " " + s.form().id() + " " + pr.names()[k],
                                x -> new ArrayList<>()).add(new double[] {pr.halfWidth()[k], realised[k]});
                    }
                }
                double worst = 0;
                for (Map.Entry<String, List<double[]>> e : byParam.entrySet()) {
                    double p = median(e.getValue(), 0);
                    double q = median(e.getValue(), 1);
                    worst = Math.max(worst, Math.abs(q / p - 1));
                    System.out.printf(Locale.ROOT, "%-8s %-14s %-22s %9d %11.1f%% %11.1f%%%n", budget.toMinutes() + "m",
                            rule.id(), e.getKey(), e.getValue().size(), 100 * p, 100 * q);
                }
                System.out.printf(Locale.ROOT, "%-8s %-14s series determined: %d of %d%n", budget.toMinutes() + "m",
                        rule.id(), determined, series.size());
                assertThat(worst).as(budget + " " + rule).isLessThan(0.25);
            }
        }
    }

    private static double median(List<double[]> v, int k) {
        double[] x = v.stream().mapToDouble(a -> a[k]).sorted().toArray();
        return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
    }
}
