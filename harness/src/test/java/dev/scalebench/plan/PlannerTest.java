package dev.scalebench.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.DType;
import dev.scalebench.config.Defaults;
import dev.scalebench.config.Levels;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SpecLoader;
import dev.scalebench.config.SweepSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {
    final Planner planner = new Planner(CostModel.forDevice(false));

    @Test
    void expansionIsTheFullMatrixInModelDtypePhaseBatchSeqOrder() {
        List<SweepPoint> pts = Planner.expand(PlanFixtures.small(1, Order.SEQUENTIAL));
        assertThat(pts).hasSize(2 * 2 * 2 * 3 * 2);
        assertThat(pts.stream().map(SweepPoint::id).distinct()).hasSize(48);
        assertThat(pts.get(0).id()).isEqualTo("gpt-1m/fp32/prefill/b1/s32");
        assertThat(pts.get(1).id()).isEqualTo("gpt-1m/fp32/prefill/b1/s128");
        assertThat(pts.get(2).id()).isEqualTo("gpt-1m/fp32/prefill/b4/s32");
        assertThat(pts.get(6).id()).isEqualTo("gpt-1m/fp32/decode/b1/s32");
        assertThat(pts.get(12).id()).isEqualTo("gpt-1m/bf16/prefill/b1/s32");
        assertThat(pts.get(24).id()).isEqualTo("gpt-10m/fp32/prefill/b1/s32");
        assertThat(pts.get(47).id()).isEqualTo("gpt-10m/bf16/decode/b16/s128");
        assertThat(pts.get(0).backend()).isEqualTo("djl");
        assertThat(pts.get(0).device()).isEqualTo("cpu");
    }

    @Test
    void geometricRangesIncludeTheEndWhenHit() {
        assertThat(Levels.geometric(1, 256, 2)).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256);
        assertThat(Levels.geometric(1, 200, 2)).containsExactly(1, 2, 4, 8, 16, 32, 64, 128);
        assertThat(Levels.geometric(128, 4096, 2)).containsExactly(128, 256, 512, 1024, 2048, 4096);
        assertThat(Levels.geometric(1, 10, 1.5)).containsExactly(1, 2, 3, 5, 8);
        assertThat(Levels.geometric(7, 7, 2)).containsExactly(7);
    }

    @Test
    void randomizedBlocksArePermutationsDeterministicAndDifferentPerBlock() {
        SweepSpec spec = PlanFixtures.small(4, Order.RANDOMIZED_BLOCKS);
        Plan plan = planner.plan(spec);
        List<Trial> trials = plan.trials();
        int n = plan.points().size();
        assertThat(trials).hasSize(4 * n);
        Set<String> all = plan.points().stream().map(SweepPoint::id).collect(Collectors.toSet());
        Set<List<String>> blockOrders = new HashSet<>();
        for (int r = 0; r < 4; r++) {
            List<Trial> block = trials.subList(r * n, (r + 1) * n);
            int rep = r;
            assertThat(block).allSatisfy(t -> assertThat(t.replicate()).isEqualTo(rep));
            List<String> ids = block.stream().map(t -> t.point().id()).toList();
            assertThat(Set.copyOf(ids)).isEqualTo(all);
            assertThat(ids).hasSize(n);
            blockOrders.add(ids);
        }
        assertThat(blockOrders).hasSize(4);
        for (int i = 0; i < trials.size(); i++) {
            assertThat(trials.get(i).sequence()).isEqualTo(i);
        }
        assertThat(planner.plan(spec).trials()).isEqualTo(trials);
        assertThat(trials.stream().map(Trial::id).distinct()).hasSize(trials.size());
    }

    @Test
    void theOrderDependsOnlyOnTheSeed() {
        List<SweepPoint> pts = Planner.expand(PlanFixtures.small(1, Order.SEQUENTIAL)).subList(0, 5);
        List<String> first = TrialOrder.of(pts, 1, Order.RANDOMIZED_BLOCKS, 42).stream()
                .map(t -> t.point().id()).toList();
        assertThat(first).isEqualTo(TrialOrder.of(pts, 1, Order.RANDOMIZED_BLOCKS, 42).stream().map(t -> t.point().id()).toList());
        assertThat(first).isNotEqualTo(TrialOrder.of(pts, 1, Order.RANDOMIZED_BLOCKS, 43).stream().map(t -> t.point().id()).toList());
    }

    @Test
    void sequentialOrderKeepsPlanOrderInEveryBlock() {
        Plan plan = planner.plan(PlanFixtures.small(2, Order.SEQUENTIAL));
        int n = plan.points().size();
        for (int i = 0; i < n; i++) {
            assertThat(plan.trials().get(i).point()).isEqualTo(plan.points().get(i));
            assertThat(plan.trials().get(n + i).point()).isEqualTo(plan.points().get(i));
        }
    }

    @Test
    void infeasiblePointsAreListedAndNotRun() {
        SweepSpec spec = PlanFixtures.spec(List.of("gpt-1.3b"), List.of(DType.BF16), List.of(Phase.DECODE),
                List.of(1, 256), List.of(128, 32768), 2, Order.RANDOMIZED_BLOCKS, null, Defaults.MEASURE);
        Plan plan = planner.plan(spec, 24L << 30);
        assertThat(plan.points()).extracting(SweepPoint::id)
                .contains("gpt-1.3b/bf16/decode/b1/s128").doesNotContain("gpt-1.3b/bf16/decode/b256/s32768");
        assertThat(plan.infeasible()).extracting(e -> e.point().id()).contains("gpt-1.3b/bf16/decode/b256/s32768");
        assertThat(plan.infeasible().get(0).reason()).contains("needs", "KV cache", "> 21.6 GiB usable of 24.0 GiB");
        assertThat(plan.trials()).allSatisfy(t -> assertThat(plan.points()).contains(t.point()));
        assertThat(plan.trials()).hasSize(plan.points().size() * 2);
    }

    @Test
    void theSpecsOwnDeviceMemoryIsUsedAndUnknownMemoryKeepsEverything() {
        SpecLoader loader = new SpecLoader(Path.of("..", "profiles"));
        SweepSpec nightly = loader.loadProfile("nightly");
        Plan withMemory = Planner.forSpec(nightly).plan(nightly);
        assertThat(withMemory.deviceMemoryBytes()).isEqualTo(80L << 30);
        assertThat(planner.plan(PlanFixtures.small(1, Order.SEQUENTIAL), -1).infeasible()).isEmpty();
    }

    @Test
    void theNightlyPlanFitsItsBudget() {
        SweepSpec nightly = new SpecLoader(Path.of("..", "profiles")).loadProfile("nightly");
        Plan plan = Planner.forSpec(nightly).plan(nightly);
        assertThat(plan.totalEstimate()).isLessThanOrEqualTo(nightly.budget());
        assertThat(plan.points()).isNotEmpty();
        // the budget keeps the whole ladder: every model keeps points
        assertThat(plan.points().stream().map(p -> p.model().name()).distinct())
                .containsExactlyInAnyOrder("gpt-125m", "gpt-350m", "gpt-760m", "gpt-1.3b", "gpt-2.7b");
        assertThat(plan.points().size() + plan.infeasible().size() + plan.dropped().size()).isEqualTo(5 * 2 * 9 * 6);
    }
}
