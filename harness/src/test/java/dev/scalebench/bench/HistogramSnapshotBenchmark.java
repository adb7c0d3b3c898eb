package dev.scalebench.bench;

import dev.scalebench.measure.TrialRunner;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the measured loop's periodic check costs (it runs every 50 ms, between iterations, never inside one), on
 * histograms of the trials' range (1 ns to 1 h, 3 significant digits) holding 10 000 latencies around 50 µs:
 *
 * <ul>
 *   <li>{@code intervalSwap}: {@code Recorder.getIntervalHistogram(recycled)}, the snapshot the loop takes.</li>
 *   <li>{@code addToTotal}: adding that interval histogram into the trial's total.</li>
 *   <li>{@code medianAndCiRanks}: the three percentile look-ups the stopping rule makes on the total.</li>
 *   <li>{@code copy}: {@code Histogram.copy()}, for comparison (the loop does not copy).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HistogramSnapshotBenchmark {
    private Recorder recorder;
    private Histogram recycled;
    private Histogram interval;
    private Histogram total;

    @Setup
    public void setUp() {
        recorder = new Recorder(1, TrialRunner.HIGHEST_TRACKABLE_NANOS, TrialRunner.SIGNIFICANT_DIGITS);
        recycled = recorder.getIntervalHistogram();
        interval = TrialRunner.newHistogram();
        total = TrialRunner.newHistogram();
        Random r = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            long v = (long) (50_000 * Math.exp(0.1 * r.nextGaussian()));
            interval.recordValue(v);
            total.recordValue(v);
        }
    }

    @Benchmark
    public Histogram intervalSwap() {
        recorder.recordValue(50_000);
        recycled = recorder.getIntervalHistogram(recycled);
        return recycled;
    }

    @Benchmark
    public Histogram addToTotal() {
        total.add(interval);
        return total;
    }

    @Benchmark
    public long medianAndCiRanks() {
        return total.getValueAtPercentile(50) + total.getValueAtPercentile(49) + total.getValueAtPercentile(51);
    }

    @Benchmark
    public Histogram copy() {
        return total.copy();
    }
}
