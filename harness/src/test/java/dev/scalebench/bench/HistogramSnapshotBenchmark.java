package dev.scalebench.bench;

import dev.scalebench.measure.TrialRunner;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
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
 * a histogram of the trials' range (1 ns to 1 h, 3 significant digits) holding 10 000 latencies around 50 µs:
 *
 * <ul>
 *   <li>{@code medianAndCiRanks}: the three percentile look-ups the stopping rule makes on the trial's histogram,
 *       which is the whole check: the loop records into that histogram directly (one writer, the loop's thread),
 *       so there is no interval snapshot to take or add.</li>
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
    private Histogram total;

    @Setup
    public void setUp() {
        total = TrialRunner.newHistogram();
        Random r = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            long v = (long) (50_000 * Math.exp(0.1 * r.nextGaussian()));
            total.recordValue(v);
        }
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
