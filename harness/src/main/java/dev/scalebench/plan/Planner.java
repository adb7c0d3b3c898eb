package dev.scalebench.plan;

import dev.scalebench.config.Trim;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SweepSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a validated {@link SweepSpec} into a {@link Plan}: expand the design matrix, drop what does not fit in
 * memory ({@link MemoryModel}), estimate every trial ({@link CostModel}), trim to the budget ({@link Trim}: {@link
 * Budget#OPTIMAL_RULE} or {@link Budget#RULE})
 * and order the trials ({@link TrialOrder}). Deterministic: the same spec, memory and rates give the same plan.
 */
public final class Planner {
    private final CostModel cost;
    private final Trim trim;

    /** A planner estimating with these rates, trimming by each spec's own rule ({@link SweepSpec#trimRule}). */
    public Planner(CostModel cost) {
        this(cost, null);
    }

    /** A planner estimating with these rates, trimming to a budget by {@code trim} (null: each spec's own rule). */
    public Planner(CostModel cost, Trim trim) {
        this.cost = cost;
        this.trim = trim;
    }

    /**
     * A planner with the default rates for the spec's device: GPU rates for {@code gpu} / {@code gpu:N},
     * CPU rates otherwise ({@code auto} plans as CPU: the conservative estimate; a caller that has resolved the
     * device should use {@link #Planner(CostModel)} with {@link CostModel#forDevice(boolean)}).
     */
    public static Planner forSpec(SweepSpec spec) {
        return new Planner(CostModel.forDevice(spec.device().startsWith("gpu")));
    }

    /** The trimming rule of {@code spec} under this planner (its own rule unless the planner names one). */
    public Trim trim(SweepSpec spec) {
        return spec.trimRule(trim);
    }

    public CostModel costModel() {
        return cost;
    }

    /**
     * The full design matrix, in a fixed order: model (as listed), then dtype, phase, batch (ascending), seq
     * (ascending), and for the generate phase output (ascending); the last factor varies fastest. The generate
     * phase takes its own grid ({@link SweepSpec#generateGrid()}); a model only it sweeps comes after the others.
     */
    public static List<SweepPoint> expand(SweepSpec spec) {
        List<SweepPoint> out = new ArrayList<>();
        SweepSpec.Grid g = spec.generateGrid();
        java.util.LinkedHashSet<ModelSpec> models = new java.util.LinkedHashSet<>(spec.models());
        if (spec.generates()) {
            models.addAll(g.models());
        }
        for (ModelSpec m : models) {
            for (DType d : spec.dtypes()) {
                for (Phase ph : spec.phases()) {
                    if (ph != Phase.GENERATE) {
                        if (spec.models().contains(m)) {
                            for (int b : spec.batch()) {
                                for (int s : spec.seq()) {
                                    out.add(new SweepPoint(spec.backend(), spec.device(), d, ph, m, b, s));
                                }
                            }
                        }
                        continue;
                    }
                    if (g.models().contains(m)) {
                        for (int b : g.batch()) {
                            for (int s : g.seq()) {
                                for (int o : g.output()) {
                                    out.add(new SweepPoint(spec.backend(), spec.device(), d, ph, m, b, s, o));
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The plan with the spec's own {@code device-memory}, or no feasibility check when the spec names none. */
    public Plan plan(SweepSpec spec) {
        return plan(spec, spec.deviceMemoryBytes() == null ? -1 : spec.deviceMemoryBytes());
    }

    /**
     * The plan for a device with this much memory.
     *
     * @param deviceMemoryBytes device memory; ≤ 0 when unknown (every point is then feasible)
     */
    public Plan plan(SweepSpec spec, long deviceMemoryBytes) {
        return plan(spec, deviceMemoryBytes, null);
    }

    /**
     * The plan of one shard: the feasible points {@code shard} owns ({@link Shard#owns}), trimmed to the budget
     * on their own (the budget applies per shard). Infeasible points are listed whichever shard owns them; the
     * other shards' feasible points are left out of the plan altogether.
     *
     * @param shard the shard; {@code null} for the whole sweep
     */
    public Plan plan(SweepSpec spec, long deviceMemoryBytes, Shard shard) {
        List<SweepPoint> feasible = new ArrayList<>();
        List<Plan.Excluded> infeasible = new ArrayList<>();
        Map<String, Duration> trialTime = new LinkedHashMap<>();
        for (SweepPoint p : expand(spec)) {
            Optional<String> why = MemoryModel.infeasibility(p, deviceMemoryBytes);
            if (why.isPresent()) {
                infeasible.add(new Plan.Excluded(p, why.get()));
                continue;
            }
            if (shard != null && !shard.owns(p)) {
                continue;
            }
            feasible.add(p);
            Duration t = cost.trialTime(p, spec.measure());
            trialTime.put(p.id(), t);
        }
        Budget.Result trimmed = Budget.trim(spec.trimRule(trim), feasible, trialTime, spec.replicates(), cost, spec.budget());
        List<Trial> trials = new ArrayList<>();
        for (Trial t : TrialOrder.of(trimmed.kept(), spec.replicates(), spec.order(), spec.seed())) {
            // a point the design gave r < replicates runs in blocks 0..r-1 only
            if (t.replicate() < trimmed.replicates().getOrDefault(t.point().id(), spec.replicates())) {
                trials.add(new Trial(t.point(), t.replicate(), trials.size()));
            }
        }
        Map<String, Integer> fewer = new LinkedHashMap<>();
        trimmed.replicates().forEach((id, r) -> {
            if (r < spec.replicates()) {
                fewer.put(id, r);
            }
        });
        return new Plan(spec, deviceMemoryBytes <= 0 ? -1 : deviceMemoryBytes, trimmed.kept(), infeasible,
                trimmed.dropped(), trials, trialTime, trimmed.total(), fewer);
    }
}
