package dev.scalebench.results;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SpecJson;
import dev.scalebench.plan.ModelKind;
import dev.scalebench.plan.SweepPoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a schema-1 {@code run.json} as schema 2: each point's {@link dev.scalebench.plan.Workload}, which schema 1
 * did not store, computed from the stored specification exactly as the planner computes it. An entry the
 * specification does not describe as planned (no such model, another parameter count, an unknown dtype or phase,
 * or no specification at all) keeps no workload; the analysis then says the work is unknown. This is the only
 * place that derives a workload from a stored specification.
 */
final class ManifestUpgrade {

    private ManifestUpgrade() {
    }

    /** {@code m} (schema 1) with the workloads its specification gives, as schema {@link RunManifest#SCHEMA}. */
    static RunManifest fromSchema1(RunManifest m) {
        Map<String, ModelSpec> models = new HashMap<>();
        try {
            if (m.spec() != null) {
                SpecJson.fromJson(m.spec()).models().forEach(s -> models.put(s.name(), s));
            }
        } catch (RuntimeException e) {
            models.clear(); // a specification this version cannot read: the workloads stay unknown
        }
        List<RunManifest.PointEntry> points = m.plan().points().stream().map(e -> withWorkload(e, models)).toList();
        RunManifest.Plan p = m.plan();
        return m.withSchemaAndPlan(RunManifest.SCHEMA,
                new RunManifest.Plan(points, p.trialOrder(), p.infeasible(), p.dropped()));
    }

    private static RunManifest.PointEntry withWorkload(RunManifest.PointEntry e, Map<String, ModelSpec> models) {
        ModelSpec model = models.get(e.model());
        DType dtype = DType.parse(e.dtype());
        Phase phase = Phase.parse(e.phase());
        if (e.workload() != null || model == null || dtype == null || phase == null || e.batch() < 1) {
            return e;
        }
        try {
            SweepPoint p = new SweepPoint(e.backend(), e.device(), dtype, phase, model, e.batch(), e.seq());
            var w = ModelKind.workloadOf(p);
            return w.parameters() == e.params() ? e.withWorkload(w) : e;
        } catch (RuntimeException ex) {
            return e;
        }
    }
}
