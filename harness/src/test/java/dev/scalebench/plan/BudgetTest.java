package dev.scalebench.plan;

import dev.scalebench.config.Trim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.Defaults;
import dev.scalebench.config.Order;
import dev.scalebench.config.SweepSpec;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetTest {
    final List<SweepPoint> pts = Planner.expand(PlanFixtures.small(1, Order.SEQUENTIAL)).subList(0, 4);

    Map<String, Duration> times(long... seconds) {
        Map<String, Duration> m = new LinkedHashMap<>();
        for (int i = 0; i < pts.size(); i++) {
            m.put(pts.get(i).id(), Duration.ofSeconds(seconds[i]));
        }
        return m;
    }

    @Test
    void noBudgetOrAFittingPlanKeepsEverything() {
        assertThat(Budget.trim(pts, times(1, 2, 3, 4), null).kept()).isEqualTo(pts);
        Budget.Result r = Budget.trim(pts, times(1, 2, 3, 4), Duration.ofSeconds(10));
        assertThat(r.kept()).isEqualTo(pts);
        assertThat(r.dropped()).isEmpty();
        assertThat(r.total()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void dropsTheLargestPointsUntilThePlanFits() {
        Budget.Result r = Budget.trim(pts, times(5, 1, 8, 2), Duration.ofSeconds(7));
        assertThat(r.dropped()).extracting(e -> e.point()).containsExactly(pts.get(2), pts.get(0));
        assertThat(r.kept()).containsExactly(pts.get(1), pts.get(3));
        assertThat(r.total()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.dropped().get(0).reason()).contains("budget of 7s", "estimated 8s");
    }

    @Test
    void tiesAreBrokenByPointId() {
        Budget.Result r = Budget.trim(pts, times(3, 3, 3, 3), Duration.ofSeconds(10));
        String smallest = pts.stream().map(SweepPoint::id).min(Comparator.naturalOrder()).orElseThrow();
        assertThat(r.dropped()).hasSize(1);
        assertThat(r.dropped().get(0).point().id()).isEqualTo(smallest);
    }

    @Test
    void thePlannerTrimsWholePointsAndTheTotalThenFits() {
        SweepSpec spec = PlanFixtures.small(3, Order.RANDOMIZED_BLOCKS);
        // the former rule, now --trim largest-first (the default, optimal, also takes replicates: OptimalDesignTest)
        Planner planner = new Planner(CostModel.forDevice(false), Trim.LARGEST_FIRST);
        Plan full = planner.plan(spec);
        Duration budget = full.totalEstimate().dividedBy(2);
        Plan trimmed = planner.plan(spec.withBudget(budget));
        assertThat(trimmed.totalEstimate()).isLessThanOrEqualTo(budget);
        assertThat(trimmed.dropped()).isNotEmpty();
        assertThat(trimmed.points().size() + trimmed.dropped().size()).isEqualTo(full.points().size());
        Duration smallestDropped = trimmed.dropped().stream().map(e -> trimmed.pointEstimate(e.point()))
                .min(Comparator.naturalOrder()).orElseThrow();
        assertThat(trimmed.points()).allSatisfy(p -> assertThat(trimmed.pointEstimate(p)).isLessThanOrEqualTo(smallestDropped));
        assertThat(trimmed.trials()).hasSize(trimmed.points().size() * 3);
        Duration sum = trimmed.trials().stream().map(t -> trimmed.trialEstimate(t.point())).reduce(Duration.ZERO, Duration::plus);
        assertThat(sum).isEqualTo(trimmed.totalEstimate());
        assertThat(Budget.RULE).contains("largest estimated time");
        assertThat(Defaults.BUDGET).isNull();
    }
}
