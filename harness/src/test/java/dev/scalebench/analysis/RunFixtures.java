package dev.scalebench.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.DType;
import dev.scalebench.config.Defaults;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.SpecJson;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.config.TorchScriptSpec;
import dev.scalebench.measure.StopReason;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Trial;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A hand-made run, in memory: manifest, journal and histograms, built trial by trial. */
final class RunFixtures {
    static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");
    static final ModelConfig TINY = new ModelConfig("gpt-1m", 2, 64, 4, 4, 256, 512, false);
    static final ModelSpec USER = new ModelSpec("mine", null, new TorchScriptSpec(Path.of("m.pt"), List.of()));

    final List<SweepPoint> points = new ArrayList<>();
    final List<TrialResult> trials = new ArrayList<>();
    final Map<String, Histogram> histograms = new HashMap<>();
    final List<String> readerWarnings = new ArrayList<>();
    Map<String, String> fingerprint = Map.of("os.name", "Linux", "device", "cpu", "device.name", "AMD EPYC",
            "cpu.model", "AMD EPYC");
    JsonNode spec;
    /** Store the points without their workloads, as a schema-1 run.json whose specification lacks the models. */
    boolean withoutWorkloads;

    static SweepPoint point(ModelSpec model, DType dtype, Phase phase, int batch, int seq) {
        return new SweepPoint("djl", "cpu", dtype, phase, model, batch, seq);
    }

    static SweepPoint point(Phase phase, int batch, int seq) {
        return point(ModelSpec.of(TINY), DType.FP32, phase, batch, seq);
    }

    RunFixtures plan(SweepPoint... ps) {
        points.addAll(List.of(ps));
        List<ModelSpec> models = points.stream().map(SweepPoint::model).distinct().toList();
        spec = SpecJson.toJson(new SweepSpec("unit", "djl", "cpu", List.of(DType.FP32), List.of(Phase.PREFILL),
                models, List.of(1), List.of(1), 2, Order.SEQUENTIAL, 1, Defaults.MEASURE, null, null, null));
        return this;
    }

    /** An OK trial whose histogram holds {@code values} (ns) once each. */
    RunFixtures ok(SweepPoint p, int replicate, long... values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        String id = Trial.id(p.id(), replicate);
        trials.add(new TrialResult(id, p.id(), replicate, trials.size(), TrialResult.Status.OK, null, T0, T0.plusSeconds(1), new TrialResult.Measured(new TrialResult.Warmup(3, 1000, true), h.getTotalCount(), 1_000_000, -1, new TrialResult.Gc(0, 0), StopReason.MIN_REACHED), List.of()));
        histograms.put(id, h);
        return this;
    }

    RunFixtures failed(SweepPoint p, int replicate, FailureKind kind, String message) {
        trials.add(TrialResult.failed(Trial.id(p.id(), replicate), p.id(), replicate, trials.size(), kind, message, T0,
                T0.plusSeconds(1)));
        return this;
    }

    RunReader reader() {
        List<String> order = new ArrayList<>();
        points.forEach(p -> order.add(Trial.id(p.id(), 0)));
        RunManifest m = RunManifest.running("20250301-020000-unit", "0.1.0-test", T0, null, spec, fingerprint,
                new RunManifest.Plan(points.stream().map(RunManifest.PointEntry::of)
                        .map(e -> withoutWorkloads ? e.withWorkload(null) : e).toList(), order, List.of(),
                        List.of()));
        return new RunReader(Path.of("results", "20250301-020000-unit"), m, trials, histograms, readerWarnings);
    }
}
