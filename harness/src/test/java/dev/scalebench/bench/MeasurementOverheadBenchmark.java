package dev.scalebench.bench;

import dev.scalebench.backend.GenerationSession;
import dev.scalebench.backend.Session;
import dev.scalebench.config.MeasurePolicy;
import dev.scalebench.measure.Clock;
import dev.scalebench.measure.GcMonitor;
import dev.scalebench.measure.NoopSessions;
import dev.scalebench.measure.TrialMeasurement;
import dev.scalebench.measure.TrialRunner;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The harness's own cost per measured iteration, with a step that does nothing: what every latency scalebench
 * reports includes this much of the harness. The two clock reads around a step are a floor no harness can go
 * under, so the target is stated against them: {@code trialLoop} minus {@code twoClockReads}, measured in the
 * same run, at most 15 ns.
 *
 * <ul>
 *   <li>{@code twoClockReads}: the baseline, two back-to-back {@code System.nanoTime()} reads and nothing
 *       else.</li>
 *   <li>{@code clockAndRecord}: two {@code System.nanoTime()} reads and one {@code Histogram.recordValue}, the
 *       loop's own work without its bookkeeping.</li>
 *   <li>{@code clockAndRecorderRecord}: the same through an HdrHistogram {@code Recorder}, as the loop recorded
 *       before issue 14, for comparison: the recorder's writer phaser and concurrent histogram serve readers on
 *       other threads, which a trial does not have.</li>
 *   <li>{@code trialLoop}: the real {@link TrialRunner} measured loop (clock reads, record, device-time and
 *       iteration bookkeeping, the periodic stopping-rule check), per iteration, over 200 000 iterations.</li>
 *   <li>{@code oneClockRead}: one {@code System.nanoTime()} read, the floor of timing each token of a request.</li>
 *   <li>{@code generationLoop}: the real generation loop (issue 15) on a {@link GenerationSession} that does nothing,
 *       per recorded token, over 200 000 tokens in requests of {@value #OUTPUT} tokens: per token one clock read,
 *       one histogram record and the device-time bookkeeping, plus per request the TTFT, TPOT and end-to-end
 *       records and the stopping rule. Target: at most {@code oneClockRead} + 20 ns.</li>
 * </ul>
 *
 * Run: {@code ./mvnw -q -Pjmh -pl harness -am verify -DskipTests} (arguments via {@code -Djmh.args=...}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MeasurementOverheadBenchmark {
    private static final int LOOP = 200_000;
    private static final int OUTPUT = 64;

    private Histogram histogram;
    private Recorder recorder;
    private TrialRunner runner;
    private Session noop;
    private TrialRunner generationRunner;
    private GenerationSession noopGeneration;

    @Setup
    public void setUp() {
        histogram = TrialRunner.newHistogram();
        recorder = new Recorder(1, TrialRunner.HIGHEST_TRACKABLE_NANOS, TrialRunner.SIGNIFICANT_DIGITS);
        MeasurePolicy policy = new MeasurePolicy(
                new MeasurePolicy.Warmup(1, Duration.ZERO, 1.0, Duration.ofSeconds(1)),
                new MeasurePolicy.Iterations(LOOP, Duration.ZERO, Duration.ofMinutes(1)), 0, Duration.ofMinutes(5));
        runner = new TrialRunner(Clock.system(), GcMonitor.jvm(), policy);
        MeasurePolicy requests = new MeasurePolicy(
                new MeasurePolicy.Warmup(1, Duration.ZERO, 1.0, Duration.ofSeconds(1)),
                new MeasurePolicy.Iterations(LOOP / OUTPUT, Duration.ZERO, Duration.ofMinutes(1)), 0,
                Duration.ofMinutes(5));
        generationRunner = new TrialRunner(Clock.system(), GcMonitor.jvm(), requests);
        noopGeneration = NoopSessions.generation(OUTPUT);
        noop = NoopSessions.step();
    }

    @Benchmark
    public long twoClockReads() {
        long t0 = System.nanoTime();
        long t1 = System.nanoTime();
        return t1 - t0;
    }

    @Benchmark
    public void clockAndRecord() {
        long t0 = System.nanoTime();
        long t1 = System.nanoTime();
        histogram.recordValue(Math.max(t1 - t0, 1));
    }

    @Benchmark
    public void clockAndRecorderRecord() {
        long t0 = System.nanoTime();
        long t1 = System.nanoTime();
        recorder.recordValue(Math.max(t1 - t0, 1));
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public TrialMeasurement trialLoop() throws Exception {
        return runner.run(noop);
    }

    @Benchmark
    public long oneClockRead() {
        return System.nanoTime();
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public TrialMeasurement generationLoop() throws Exception {
        return generationRunner.run(noopGeneration);
    }
}
