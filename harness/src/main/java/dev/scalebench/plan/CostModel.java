package dev.scalebench.plan;

import dev.scalebench.config.MeasurePolicy;
import dev.scalebench.config.DType;
import java.time.Duration;

/**
 * Estimated wall time of a trial, for the plan's total and for budget trimming.
 *
 * <p>Step time = max(flops / peak, bytes / bandwidth) + layers · overhead-per-layer, from {@link Work} (the
 * peak is the fp32 rate for fp32, the half rate for fp16/bf16). Trial time = trial overhead + model build
 * (weight bytes / init rate) + warm-up (max(min-time, min-iterations · step), at most warm-up max-time) +
 * measurement (max(min-time, min · step), at most max-time). This is the time a trial takes when warm-up is
 * steady at once and the CI target is met at the minimums: a lower bound on slow machines, a fair figure on
 * quiet ones. A TorchScript point, whose work is unknown, assumes a step of max(1 ms, file size / bandwidth).
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
     */
    public record Rates(double fp32FlopsPerSecond, double halfFlopsPerSecond, double bytesPerSecond,
                        Duration overheadPerLayer, double initBytesPerSecond, Duration trialOverhead) { }

    /** CPU defaults (a 2-core laptop-class machine): 20 GFLOP/s fp32, 5 GFLOP/s half, 10 GB/s, 100 µs per layer, 1 GB/s init, 50 ms per trial. */
    public static final Rates CPU = new Rates(20e9, 5e9, 10e9, Duration.ofNanos(100_000), 1e9, Duration.ofMillis(50));
    /** GPU defaults (an A100/H100-class device): 40 TFLOP/s fp32, 300 TFLOP/s bf16/fp16, 2 TB/s, 50 µs per layer, 10 GB/s init, 200 ms per trial. */
    public static final Rates GPU = new Rates(40e12, 300e12, 2e12, Duration.ofNanos(50_000), 10e9, Duration.ofMillis(200));

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

    /** Estimated time of one step (iteration) of the point. */
    public Duration stepTime(SweepPoint p) {
        if (!p.model().isDecoder()) {
            double s = MemoryModel.estimate(p).weights() / rates.bytesPerSecond();
            return max(seconds(s), MIN_TORCHSCRIPT_STEP);
        }
        Work work = Work.of(p.model().decoder(), p.phase(), p.batch(), p.seq(), p.dtype().bytes());
        double peak = p.dtype() == DType.FP32 ? rates.fp32FlopsPerSecond() : rates.halfFlopsPerSecond();
        double s = Math.max(work.flops() / peak, work.bytes() / rates.bytesPerSecond());
        return seconds(s).plus(rates.overheadPerLayer().multipliedBy(p.model().decoder().layers()));
    }

    /** Estimated time to build the model: weight bytes / init rate. */
    public Duration buildTime(SweepPoint p) {
        return seconds(MemoryModel.estimate(p).weights() / rates.initBytesPerSecond());
    }

    /** Estimated wall time of one trial of the point under the policy. */
    public Duration trialTime(SweepPoint p, MeasurePolicy m) {
        Duration step = stepTime(p);
        Duration warmup = min(max(m.warmup().minTime(), step.multipliedBy(m.warmup().minIterations())), m.warmup().maxTime());
        Duration measure = min(max(m.iterations().minTime(), step.multipliedBy(m.iterations().min())), m.iterations().maxTime());
        return rates.trialOverhead().plus(buildTime(p)).plus(warmup).plus(measure);
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
