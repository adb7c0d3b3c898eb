package dev.scalebench.plan;

import dev.scalebench.config.MeasurePolicy;
import dev.scalebench.config.DType;
import dev.scalebench.config.Phase;
import java.time.Duration;

/**
 * Estimated wall time of a trial, for the plan's total and for budget trimming.
 *
 * <p>Step time = max(flops / peak, bytes / bandwidth) + layers · overhead-per-layer, from {@link Work} (the
 * peak is the fp32 rate for fp32, the half rate for fp16/bf16). Trial time = trial overhead + model build
 * (weight bytes / init rate) + warm-up + measurement, each as the measurement protocol runs it on a quiet machine:
 * <ul>
 *   <li>warm-up: max(min-time, n · step) at most max-time, but never under min-iterations · step; n is the
 *       iterations the steadiness test needs before it can pass (its 4 windows of max(3, min-iterations / 2)
 *       iterations, at least min-iterations);
 *   <li>measurement: max(min-time, n · step) at most max-time (plus half a step: the loop stops after the step
 *       that passes it); n is at least min, and at least the iterations after which the 95 % CI of the median is
 *       within target-ci when one iteration varies by the device's typical coefficient of variation:
 *       (1.96 · √(π/2) · cv / target-ci)².
 * </ul>
 * A trial that does not become steady, or whose iterations vary more, runs longer (to the max-times): on a busy
 * machine this is a lower bound. A TorchScript point, whose work is unknown, assumes a step of
 * max(1 ms, file size / bandwidth).
 */
public final class CostModel {
    /**
     * Device rates.
     *
     * @param fp32FlopsPerSecond sustained fp32 matrix rate
     * @param halfFlopsPerSecond sustained fp16/bf16 matrix rate
     * @param bytesPerSecond effective memory bandwidth
     * @param overheadPerLayer fixed cost per layer per step (op dispatch, kernel launches)
     * @param initBytesPerSecond rate of building a model's random weights
     * @param trialOverhead fixed cost per trial (session setup, input tensors, bookkeeping)
     * @param iterationCv typical coefficient of variation of one iteration's latency (how soon the CI target is met)
     */
    public record Rates(double fp32FlopsPerSecond, double halfFlopsPerSecond, double bytesPerSecond,
                        Duration overheadPerLayer, double initBytesPerSecond, Duration trialOverhead,
                        double iterationCv) { }

    /**
     * CPU defaults, from the committed reference run of {@code cpu-scaling} on a 2-core machine
     * ({@code results/reference/cpu}: 130 GFLOP/s sustained on the largest prefill steps, about 10 GB/s on
     * decode, 0.3-0.4 ms per layer of dispatch, about 40 iterations to a 2 % CI of the median): 100 GFLOP/s fp32,
     * 5 GFLOP/s half, 10 GB/s, 300 µs per layer, 1 GB/s init, 5 % per iteration, and 100 ms per trial (opening the
     * session, the journal and histogram writes, the stopping rule's 50 ms between checks). With them the
     * reference run's trials are estimated at 280 s; they took 292 s (the former rates, 20 GFLOP/s and 100 µs per
     * layer with the minimums as the whole warm-up and measurement, gave 245 s).
     */
    public static final Rates CPU = new Rates(100e9, 5e9, 10e9, Duration.ofNanos(300_000), 1e9, Duration.ofMillis(100),
            0.05);
    /** GPU defaults (an A100/H100-class device): 40 TFLOP/s fp32, 300 TFLOP/s bf16/fp16, 2 TB/s, 50 µs per layer, 10 GB/s init, 200 ms per trial, 2 % per iteration. */
    public static final Rates GPU = new Rates(40e12, 300e12, 2e12, Duration.ofNanos(50_000), 10e9, Duration.ofMillis(200),
            0.02);

    /** The steadiness test's windows (measure.SteadyState, which this package may not import). */
    private static final int STEADY_WINDOWS = 4;
    /** z of a two-sided 95 % interval times √(π/2), the median's standard error over the mean's. */
    private static final double MEDIAN_CI_FACTOR = 1.96 * Math.sqrt(Math.PI / 2);

    private static final Duration MIN_TORCHSCRIPT_STEP = Duration.ofMillis(1);

    private final Rates rates;

    /** A cost model with these rates (tests and calibration inject their own). */
    public CostModel(Rates rates) {
        this.rates = rates;
    }

    /** The default rates for a GPU or a CPU ({@link #GPU}, {@link #CPU}). */
    public static CostModel forDevice(boolean gpu) {
        return new CostModel(gpu ? GPU : CPU);
    }

    public Rates rates() {
        return rates;
    }

    /**
     * Estimated time of one step (iteration) of the point. A generate point's iteration is a request: its prefill
     * plus one decode step per further output token, each estimated as a step of its own over the context it has
     * then, so the per-layer overhead counts once per forward pass.
     */
    public Duration stepTime(SweepPoint p) {
        if (p.phase() == Phase.GENERATE) {
            Duration t = stepTime(p.asPhase(Phase.PREFILL, p.seq()));
            for (int k = 1; k < p.output(); k++) {
                t = t.plus(stepTime(p.asPhase(Phase.DECODE, p.seq() + k - 1)));
            }
            return t;
        }
        Workload work = p.workload();
        if (!work.knowsWork()) {
            double s = work.memory().weights() / rates.bytesPerSecond();
            return max(seconds(s), MIN_TORCHSCRIPT_STEP);
        }
        double peak = p.dtype() == DType.FP32 ? rates.fp32FlopsPerSecond() : rates.halfFlopsPerSecond();
        double s = Math.max(work.flopsPerStep() / peak, work.bytesPerStep() / rates.bytesPerSecond());
        return seconds(s).plus(rates.overheadPerLayer().multipliedBy(work.layers()));
    }

    /** Estimated time to build the model: weight bytes / init rate. */
    public Duration buildTime(SweepPoint p) {
        return seconds(MemoryModel.estimate(p).weights() / rates.initBytesPerSecond());
    }

    /** Estimated wall time of one trial of the point under the policy. */
    public Duration trialTime(SweepPoint p, MeasurePolicy m) {
        Duration step = stepTime(p);
        MeasurePolicy.Warmup w = m.warmup();
        Duration warmup = max(min(max(w.minTime(), step.multipliedBy(steadyIterations(w.minIterations()))),
                w.maxTime()), step.multipliedBy(w.minIterations()));
        MeasurePolicy.Iterations it = m.iterations();
        long n = Math.max(it.min(), ciIterations(m.targetCi()));
        Duration wanted = max(it.minTime(), step.multipliedBy(n));
        Duration measure = wanted.compareTo(it.maxTime()) <= 0 ? wanted : it.maxTime().plus(step.dividedBy(2));
        return rates.trialOverhead().plus(buildTime(p)).plus(warmup).plus(measure);
    }

    /** Warm-up iterations before the steadiness test can pass: its 4 windows (measure.SteadyState#windowFor). */
    static long steadyIterations(int minIterations) {
        int window = Math.max(3, Math.min(50, (minIterations + 1) / 2));
        return Math.max(minIterations, (long) STEADY_WINDOWS * window);
    }

    /** Iterations after which the median's 95 % CI is within {@code targetCi} at this device's iteration CV. */
    long ciIterations(double targetCi) {
        if (targetCi <= 0 || rates.iterationCv() <= 0) {
            return 0;
        }
        double n = Math.pow(MEDIAN_CI_FACTOR * rates.iterationCv() / targetCi, 2);
        return (long) Math.ceil(Math.min(n, 1e9));
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) Math.min(s * 1e9, Long.MAX_VALUE / 2.0));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
