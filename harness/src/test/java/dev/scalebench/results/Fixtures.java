package dev.scalebench.results;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.StopReason;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Test data shared by the results tests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");
    static final ModelConfig TINY = new ModelConfig("gpt-1m", 2, 64, 4, 4, 256, 512, false);

    private Fixtures() {
    }

    static SweepPoint point(Phase phase, int batch, int seq) {
        return new SweepPoint("djl", "cpu", DType.FP32, phase, ModelSpec.of(TINY), batch, seq);
    }

    static RunManifest manifest(String runId, List<SweepPoint> points, int replicates) {
        List<String> order = new ArrayList<>();
        for (int r = 0; r < replicates; r++) {
            for (SweepPoint p : points) {
                order.add(Trial.id(p.id(), r));
            }
        }
        ObjectNode spec = JsonNodeFactory.instance.objectNode().put("name", "unit").put("replicates", replicates);
        return RunManifest.running(runId, "0.1.0-test", T0, "profiles/sweeps/unit.yaml", spec,
                Map.of("os.name", "Linux", "cpu.cores", "2"),
                new RunManifest.Plan(points.stream().map(RunManifest.PointEntry::of).toList(), order,
                        List.of(new RunManifest.Excluded("gpt-13b/fp32/prefill/b256/s2048", "needs 80 GB, has 8 GB")),
                        List.of()));
    }

    /** A histogram holding each value once. */
    static Histogram histogram(long... values) {
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    /** A histogram holding {@code value} {@code count} times. */
    static Histogram constant(long value, long count) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(value, count);
        return h;
    }

    static TrialResult ok(String pointId, int replicate, int sequence, Histogram h, List<Flag> flags) {
        Instant start = T0.plusSeconds(10L * sequence);
        return new TrialResult(Trial.id(pointId, replicate), pointId, replicate, sequence, TrialResult.Status.OK,
                null, start, start.plusMillis(2500), new TrialResult.Measured(new TrialResult.Warmup(12, 400_000_000L, true), h.getTotalCount(), 2_000_000_000L, -1, new TrialResult.Gc(0, 0), StopReason.MIN_REACHED), flags);
    }

    /** {@code t} with an energy reading of {@code joules} over its measured loop (RAPL, long enough). */
    static TrialResult withEnergy(TrialResult t, double joules) {
        TrialResult.Measured m = t.measured();
        dev.scalebench.measure.Energy e = dev.scalebench.measure.Energy.of(dev.scalebench.measure.EnergySource.RAPL,
                joules, m.nanos(), 0);
        return new TrialResult(t.trialId(), t.pointId(), t.replicate(), t.sequence(), t.status(), t.failure(),
                t.started(), t.ended(), new TrialResult.Measured(m.warmup(), m.iterations(), m.nanos(),
                        m.deviceNanos(), m.gc(), m.stopReason(), m.memPeakBytes(),
                        new dev.scalebench.measure.MachineReading(null, e, null)), t.flags());
    }

    static TrialResult failed(String pointId, int replicate, int sequence, FailureKind kind, String message) {
        Instant start = T0.plusSeconds(10L * sequence);
        return TrialResult.failed(Trial.id(pointId, replicate), pointId, replicate, sequence, kind, message, start,
                start.plusMillis(30));
    }
}
