package dev.scalebench.measure;

import dev.scalebench.backend.Session;
import dev.scalebench.config.MeasurePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * How long three stopping rules measure before they report a step's median, and how accurate that median is
 * (docs/measurement.md, "Stopping efficiency"):
 *
 * <ul>
 *   <li>{@link Rule#ADAPTIVE}: scalebench's rule ({@link TrialRunner}, {@code target-ci} 1 %: stop once the 95 %
 *       order-statistic interval of the median is within ±1 %, after at least 50 iterations); {@link Rule#ADAPTIVE_3S}
 *       the same with the default policy's floor of 3 s ({@code iterations.min-time});</li>
 *   <li>{@link Rule#PERF_ANALYZER}: Triton perf_analyzer's protocol as its CLI documents it (time windows of
 *       {@value #WINDOW_SECONDS} s, {@code --measurement-interval} 5000; stable when the max/min ratio of the last 3
 *       windows' mean latency and of their throughput is within 10 %, {@code --stability-percentage} 10; at most 10
 *       windows, {@code --max-trials} 10); reported here as the median of the last three windows' steps;</li>
 *   <li>{@link Rule#FIXED}: three fixed windows of {@value #WINDOW_SECONDS} s, the median of all their steps.</li>
 * </ul>
 *
 * <p>Steps are simulated on a {@link FakeClock} (so the study takes no wall time and is the same on every machine)
 * from a {@link Noise} model: log-normal around a median, an optional AR(1) drift of the log step time (a machine
 * whose speed wanders), and optional outliers. The true median of each model is estimated from 4 million draws.
 */
final class StoppingEfficiency {
    static final int WINDOW_SECONDS = 5;
    private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

    private StoppingEfficiency() {
    }

    /** The rules: scalebench's with no time floor and with the default policy's 3 s floor, and the two others. */
    enum Rule { ADAPTIVE, ADAPTIVE_3S, PERF_ANALYZER, FIXED }

    /**
     * Step-time model: {@code median · exp(sigma·z + drift_t)} with {@code drift_t = rho·drift_{t−1} +
     * driftSigma·z'}, and with probability {@code outlierP} the step takes {@code outlierFactor} times longer.
     */
    record Noise(String name, long medianNs, double sigma, double rho, double driftSigma, double outlierP,
            double outlierFactor) {
    }

    /** One rule's run: measured time (ns) and the median it reports (ns). */
    record Outcome(long nanos, double median) {
    }

    /** A session whose steps advance {@code clock} by draws from {@code noise}. */
    static Session session(FakeClock clock, Noise noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new Session() {
            private double drift;

            @Override
            public void step() {
                clock.advance(draw(noise, rnd, this));
            }

            private long draw(Noise n, SplittableRandom r, Object unused) {
                drift = n.rho() * drift + n.driftSigma() * gaussian(r);
                double t = n.medianNs() * Math.exp(n.sigma() * gaussian(r) + drift);
                if (r.nextDouble() < n.outlierP()) {
                    t *= n.outlierFactor();
                }
                return Math.max(1, (long) t);
            }

            @Override
            public void close() {
            }
        };
    }

    /** The true median of a noise model, from 4 million draws of its stationary process. */
    static double trueMedian(Noise noise) {
        FakeClock c = new FakeClock();
        Session s = session(c, noise, 12345);
        Histogram h = TrialRunner.newHistogram();
        try {
            for (int i = 0; i < 100_000; i++) {
                s.step(); // let the drift reach its stationary spread
            }
            for (int i = 0; i < 4_000_000; i++) {
                long before = c.nanoTime();
                s.step();
                h.recordValue(c.nanoTime() - before);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return h.getValueAtPercentile(50);
    }

    /** Runs {@code rule} once on a fresh simulated session. */
    static Outcome run(Rule rule, Noise noise, long seed) {
        FakeClock clock = new FakeClock();
        Session s = session(clock, noise, seed);
        try {
            for (int i = 0; i < 2_000; i++) {
                s.step(); // the same warm state for every rule: the drift has spread
            }
            return run(rule, clock, s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code rule} once on {@code s}, timed by {@code clock} (a fake clock, or the system's on a real engine). */
    static Outcome run(Rule rule, Clock clock, Session s) throws Exception {
        return switch (rule) {
            case ADAPTIVE -> adaptive(clock, s, Duration.ZERO);
            case ADAPTIVE_3S -> adaptive(clock, s, dev.scalebench.config.Defaults.ITERATIONS_MIN_TIME);
            case PERF_ANALYZER -> windows(clock, s, 10, true);
            case FIXED -> windows(clock, s, 3, false);
        };
    }

    private static Outcome adaptive(Clock clock, Session s, Duration minTime) throws Exception {
        MeasurePolicy p = new MeasurePolicy(new MeasurePolicy.Warmup(1, Duration.ZERO, 1.0, Duration.ZERO),
                new MeasurePolicy.Iterations(50, minTime, Duration.ofSeconds(60)), 0.01, Duration.ofHours(1));
        TrialMeasurement m = new TrialRunner(clock, GcMonitor.jvm(), p).run(s);
        return new Outcome(m.measuredNanos(), m.histogram().getValueAtPercentile(50));
    }

    /**
     * Time windows: with {@code untilStable}, perf_analyzer's rule (stop when the last three windows' mean latency and
     * throughput each have max/min ≤ 1.10, at most {@code maxWindows}); else exactly {@code maxWindows} windows.
     */
    static Outcome windows(Clock clock, Session s, int maxWindows, boolean untilStable) throws Exception {
        List<Histogram> windows = new ArrayList<>();
        long start = clock.nanoTime();
        while (windows.size() < maxWindows) {
            Histogram w = TrialRunner.newHistogram();
            long windowStart = clock.nanoTime();
            while (clock.nanoTime() - windowStart < WINDOW_NANOS) {
                long t0 = clock.nanoTime();
                s.step();
                w.recordValue(clock.nanoTime() - t0);
            }
            windows.add(w);
            if (untilStable && windows.size() >= 3 && stable(windows.subList(windows.size() - 3, windows.size()))) {
                break;
            }
        }
        List<Histogram> used = untilStable ? windows.subList(Math.max(0, windows.size() - 3), windows.size())
                : windows;
        Histogram all = TrialRunner.newHistogram();
        used.forEach(all::add);
        return new Outcome(clock.nanoTime() - start, all.getValueAtPercentile(50));
    }

    private static boolean stable(List<Histogram> last3) {
        double[] latency = last3.stream().mapToDouble(Histogram::getMean).toArray();
        double[] throughput = last3.stream().mapToDouble(h -> (double) h.getTotalCount()).toArray();
        return ratio(latency) <= 1.10 && ratio(throughput) <= 1.10;
    }

    private static double ratio(double[] v) {
        return Arrays.stream(v).max().orElseThrow() / Arrays.stream(v).min().orElseThrow();
    }

    /** Summary of a rule over seeds: median time, and the median and 95th percentile of the relative error. */
    record Row(Noise noise, Rule rule, double medianSeconds, double medianErrorPct, double p95ErrorPct,
            double withinOnePct) {

        String format() {
            return String.format(Locale.ROOT, "| %s | %s | %.2f s | %.2f %% | %.2f %% | %.0f %% |", noise.name(),
                    rule == Rule.ADAPTIVE_3S ? "adaptive, min-time 3 s"
                    : rule.name().toLowerCase(Locale.ROOT).replace('_', '-'), medianSeconds, medianErrorPct, p95ErrorPct,
                    100 * withinOnePct);
        }
    }

    /** {@code rule} on {@code noise} over {@code seeds} seeds. */
    static Row row(Noise noise, Rule rule, int seeds, double truth) {
        double[] seconds = new double[seeds];
        double[] error = new double[seeds];
        int within = 0;
        for (int i = 0; i < seeds; i++) {
            Outcome o = run(rule, noise, 1000L + i);
            seconds[i] = o.nanos() / 1e9;
            error[i] = Math.abs(o.median() / truth - 1) * 100;
            within += error[i] <= 1.0 ? 1 : 0;
        }
        Arrays.sort(seconds);
        Arrays.sort(error);
        return new Row(noise, rule, seconds[seeds / 2], error[seeds / 2], error[(int) Math.ceil(0.95 * seeds) - 1],
                within / (double) seeds);
    }

    /** The noise models of the study. */
    static List<Noise> models() {
        return List.of(new Noise("1 ms, σ 5 %", 1_000_000, 0.05, 0, 0, 0, 1),
                new Noise("1 ms, σ 20 %, 1 % outliers ×5", 1_000_000, 0.20, 0, 0, 0.01, 5),
                new Noise("1 ms, σ 5 %, drift (ρ 0.999)", 1_000_000, 0.05, 0.999, 0.002, 0, 1),
                new Noise("50 ms, σ 5 %", 50_000_000, 0.05, 0, 0, 0, 1));
    }

    /** The table of the study: every model × rule over {@code seeds} seeds. */
    static String table(int seeds, Supplier<List<Noise>> models) {
        StringBuilder sb = new StringBuilder("| steps | rule | median time | median error | p95 error | within ±1 % |\n"
                + "|---|---|---|---|---|---|\n");
        for (Noise n : models.get()) {
            double truth = trueMedian(n);
            for (Rule r : Rule.values()) {
                sb.append(row(n, r, seeds, truth).format()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Standard normal by Box–Muller. */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
