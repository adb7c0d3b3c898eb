package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Order;
import dev.scalebench.config.Phase;
import dev.scalebench.config.Remeasure;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.Interference;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.TrialSensor;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Trial;
import dev.scalebench.plan.TrialId;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code remeasure:}: trials flagged interfered are measured again at the end of the sweep, every record is kept,
 * and the run model (summary, analysis, gate) uses the clean one and counts the re-measured. The sensor is scripted:
 * it reports the n-th measured loop of the sweep as interfered when n is in a set.
 */
class RemeasureTest {

    private static final Interference BUSY = new Interference(0.40, 0, 100, 6.0, Double.NaN);
    private static final Interference QUIET = new Interference(0.001, 0, 1, 0.2, Double.NaN);

    /** Interfered in the loops numbered {@code busy} (0-based, in the order the sweep runs them). */
    private static TrialSensor scripted(Set<Integer> busy, AtomicInteger loops) {
        return () -> {
            int n = loops.getAndIncrement();
            return nanos -> new MachineReading(busy.contains(n) ? BUSY : QUIET, null, null);
        };
    }

    private static SweepSpec spec(Remeasure remeasure) {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        return new SweepSpec("remeasure", "sim", "cpu", List.of(DType.FP32), List.of(Phase.PREFILL),
                List.of(ModelSpec.of(tiny)), List.of(1, 2), List.of(8), null, null, 2, Order.RANDOMIZED_BLOCKS, 1,
                SweepFailureTest.quickPolicy(), null, null, null, null, null, remeasure);
    }

    private static SweepService service(Path results, ByteArrayOutputStream err, TrialSensor sensor) {
        return new SweepService(results, Path.of("."), new PrintStream(err, true, StandardCharsets.UTF_8), false,
                Duration.ofSeconds(10)).sensors(b -> sensor);
    }

    @Test
    void interferedTrialsAreMeasuredAgainAndTheCleanRecordIsUsed(@TempDir Path results) {
        AtomicInteger loops = new AtomicInteger();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SweepService.Outcome o = service(results, err, scripted(Set.of(0, 2), loops)).start(spec(Remeasure.ONCE),
                null);

        List<TrialResult> journal = RunReader.read(o.dir()).trials();
        assertThat(journal).hasSize(6); // 4 planned + 2 re-measured
        assertThat(loops.get()).isEqualTo(6);
        assertThat(journal.subList(0, 4).stream().filter(t -> t.flags().contains(Flag.INTERFERED))).hasSize(2);
        assertThat(journal.subList(4, 6)).allSatisfy(t -> {
            assertThat(TrialId.remeasureOf(t.trialId())).isEqualTo(1);
            assertThat(t.flags()).doesNotContain(Flag.INTERFERED);
            assertThat(t.sequence()).isGreaterThanOrEqualTo(4);
        });
        Run run = Run.read(o.dir());
        assertThat(run.trials()).hasSize(4).noneSatisfy(t -> assertThat(t.record().flags()).contains(Flag.INTERFERED));
        assertThat(run.points().stream().mapToInt(p -> p.superseded().size()).sum()).isEqualTo(2);
        assertThat(run.remeasured()).isEqualTo(new Run.Remeasured(2, 0));
        assertThat(RunMetrics.of(run).remeasuredTrials()).isEqualTo(2);
        assertThat(RunMetrics.of(run).trials()).hasSize(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("remeasure: 2 trials flagged interfered");
    }

    @Test
    void neverKeepsTheFlaggedTrialsAndMeasuresNothingAgain(@TempDir Path results) {
        AtomicInteger loops = new AtomicInteger();
        SweepService.Outcome o = service(results, new ByteArrayOutputStream(), scripted(Set.of(1), loops))
                .start(spec(Remeasure.NEVER), null);
        assertThat(RunReader.read(o.dir()).trials()).hasSize(4);
        assertThat(Run.read(o.dir()).trials().stream().filter(t -> t.record().flags().contains(Flag.INTERFERED)))
                .hasSize(1);
        assertThat(Run.read(o.dir()).remeasured().trials()).isZero();
    }

    @Test
    void aTrialThatStaysInterferedIsMeasuredAtMostTheCountAndItsLastRecordIsUsed(@TempDir Path results) {
        AtomicInteger loops = new AtomicInteger();
        TrialSensor always = () -> { loops.incrementAndGet(); return n -> new MachineReading(BUSY, null, null); };
        SweepService.Outcome o = service(results, new ByteArrayOutputStream(), always).start(spec(new Remeasure(2)), null);
        List<TrialResult> journal = RunReader.read(o.dir()).trials();
        assertThat(journal).hasSize(12);
        Run run = Run.read(o.dir());
        assertThat(run.trials()).hasSize(4).allSatisfy(t -> assertThat(TrialId.remeasureOf(t.record().trialId()))
                .isEqualTo(2));
        assertThat(run.remeasured()).isEqualTo(new Run.Remeasured(4, 4));
        assertThat(run.remeasured().describe()).isEqualTo("4 trials re-measured after interference; the clean"
                + " measurement is used (4 still interfered in every measurement)");
    }

    @Test
    void whatIsDueComesFromTheJournalAloneSoAKilledSweepResumesItsRemeasurements() {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        SweepPoint p = new SweepPoint("sim", "cpu", DType.FP32, Phase.PREFILL, ModelSpec.of(tiny), 1, 8);
        Trial t0 = new Trial(p, 0, 0);
        Trial t1 = new Trial(p, 1, 1);
        TrialResult first = record(t0.id(), 0, true);
        TrialResult again = record(TrialId.remeasured(t0.id(), 1), 2, true);
        TrialResult clean = record(t1.id(), 1, false);
        assertThat(Remeasurements.due(List.of(t0, t1), List.of(first, clean), Remeasure.ONCE, 2))
                .extracting(Trial::id).containsExactly(t0.id() + "@m1");
        // the kill came after the first re-measurement was journaled: with once, nothing is left; with 2, the next
        assertThat(Remeasurements.due(List.of(t0, t1), List.of(first, clean, again), Remeasure.ONCE, 3)).isEmpty();
        assertThat(Remeasurements.due(List.of(t0, t1), List.of(first, clean, again), new Remeasure(2), 3))
                .extracting(Trial::id, Trial::sequence).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        t0.id() + "@m2", 3));
        assertThat(Remeasurements.nextSequence(List.of(first, clean, again), 2)).isEqualTo(3);
    }

    @Test
    void aFailedReMeasurementDoesNotReplaceAnInterferedMeasurement() {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        SweepPoint p = new SweepPoint("sim", "cpu", DType.FP32, Phase.PREFILL, ModelSpec.of(tiny), 1, 8);
        dev.scalebench.results.RunManifest.PointEntry e = dev.scalebench.results.RunManifest.PointEntry.of(p);
        String id = new Trial(p, 0, 0).id();
        TrialResult interfered = record(id, 0, true);
        TrialResult failed = TrialResult.failed(TrialId.remeasured(id, 1), p.id(), 0, 1,
                dev.scalebench.backend.FailureKind.TIMEOUT, "took too long", Instant.EPOCH, Instant.EPOCH);
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        h.recordValue(1000);
        dev.scalebench.results.TrialRun measured = new dev.scalebench.results.TrialRun(interfered,
                dev.scalebench.results.TrialValues.of(interfered, h, e.tokensPerStep()), h);
        dev.scalebench.results.TrialRun lost = new dev.scalebench.results.TrialRun(failed, null, null);
        dev.scalebench.results.PointRun point = dev.scalebench.results.PointRun.of(e, List.of(measured, lost));
        assertThat(point.trials()).containsExactly(measured);
        assertThat(point.superseded()).containsExactly(lost);
        assertThat(point.remeasuredTrials()).isEqualTo(1);
    }

    private static TrialResult record(String id, int sequence, boolean interfered) {
        TrialResult.Measured m = new TrialResult.Measured(new TrialResult.Warmup(1, 1, true), 10, 10, -1,
                new TrialResult.Gc(0, 0), null, -1, new MachineReading(interfered ? BUSY : QUIET, null, null));
        return new TrialResult(id, TrialId.pointOf(id), TrialId.parse(id).replicate(), sequence,
                TrialResult.Status.OK, null, Instant.EPOCH, Instant.EPOCH, m,
                interfered ? List.of(Flag.INTERFERED) : List.of());
    }
}
