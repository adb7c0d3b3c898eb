package dev.scalebench.bench;

import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.Fitter;
import dev.scalebench.analysis.fit.Series;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * What one series costs at the end of a sweep: a batch series of 5 levels × 3 trials (linear and roofline forms,
 * validation, the band) with the default 2000 bootstrap resamples (docs/analysis.md, "Uncertainty"), single-threaded.
 *
 * <ul>
 *   <li>{@code batchSeries}: lognormal noise of 2 % around a linear step time (the roofline's starts disagree
 *       there, as they should).</li>
 *   <li>{@code batchSeriesWithKnee}: the same with a knee at batch 8.</li>
 * </ul>
 *
 * Run: {@code ./mvnw -q -Pjmh -pl harness -am verify -DskipTests -Djmh.args=FitterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class FitterBenchmark {
    private static final SeriesKey KEY = new SeriesKey(Axis.BATCH, "gpt-1m", "fp32", "prefill", 0, 128);

    private final Fitter fitter = new Fitter(FitOptions.DEFAULTS);
    private Series linear;
    private Series knee;

    @Setup
    public void setUp() {
        linear = series(false);
        knee = series(true);
    }

    private static Series series(boolean withKnee) {
        Random r = new Random(7);
        double[] x = new double[15];
        double[] y = new double[15];
        for (int i = 0; i < 15; i++) {
            x[i] = 1 << (i / 3);
            double t = withKnee ? Math.max(2e-3 + 1e-5 * x[i], 2.6e-4 * x[i]) : 2e-3 + 3e-4 * x[i];
            y[i] = t * Math.exp(0.02 * r.nextGaussian());
        }
        return new Series(KEY, x, y);
    }

    @Benchmark
    public SeriesFit batchSeries() {
        return fitter.fit(linear);
    }

    @Benchmark
    public SeriesFit batchSeriesWithKnee() {
        return fitter.fit(knee);
    }
}
