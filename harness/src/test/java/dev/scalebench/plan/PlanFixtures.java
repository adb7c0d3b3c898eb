package dev.scalebench.plan;

import dev.scalebench.config.DType;
import dev.scalebench.config.Defaults;
import dev.scalebench.config.MeasurePolicy;
import dev.scalebench.config.ModelCatalog;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SweepSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Specs built in code for the plan tests. */
final class PlanFixtures {
    static final ModelCatalog CATALOG = new ModelCatalog(Path.of("..", "profiles", "models"));

    private PlanFixtures() {
    }

    static ModelSpec model(String name) {
        return ModelSpec.of(CATALOG.get(name));
    }

    static SweepSpec spec(List<String> models, List<DType> dtypes, List<Phase> phases, List<Integer> batch,
                          List<Integer> seq, int replicates, Order order, Duration budget, MeasurePolicy m) {
        return new SweepSpec("t", "djl", "cpu", dtypes, phases, models.stream().map(PlanFixtures::model).toList(),
                batch, seq, replicates, order, 42, m, budget, null, null);
    }

    static SweepSpec small(int replicates, Order order) {
        return spec(List.of("gpt-1m", "gpt-10m"), List.of(DType.FP32, DType.BF16), List.of(Phase.PREFILL, Phase.DECODE),
                List.of(1, 4, 16), List.of(32, 128), replicates, order, null, Defaults.MEASURE);
    }
}
