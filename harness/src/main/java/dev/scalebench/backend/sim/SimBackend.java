package dev.scalebench.backend.sim;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.backend.GenerationSession;
import dev.scalebench.backend.Session;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.Workload;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A simulated device: each step busy-waits for the time a roofline model predicts —
 * {@code max(flops / peak, bytes / bandwidth) + overhead per layer}, with seeded log-normal jitter. It exercises
 * the harness (planning, measurement, results, resume) without an inference engine, in tests and on machines
 * without one; its numbers say nothing about any hardware.
 *
 * <p>A generate point's session is a {@link GenerationSession}: its prefill takes the step time of the prefill point
 * of the same shape, and its k-th decode step that of the decode point over {@code seq + k − 1} cached positions,
 * so a generate sweep's TTFT and TPOT can be checked against prefill and decode sweeps of the same shapes.
 */
public final class SimBackend implements Backend {
    /** Simulated peak: 50 GFLOP/s. */
    public static final double PEAK_FLOPS = 50e9;
    /** Simulated bandwidth: 20 GB/s. */
    public static final double BANDWIDTH = 20e9;
    /** Simulated fixed cost per layer and step: 2 µs. */
    public static final long OVERHEAD_PER_LAYER_NANOS = 2_000;
    /** Simulated device memory: 8 GiB; points whose weights and KV cache exceed it fail as out of memory. */
    public static final long MEMORY_BYTES = 8L << 30;
    /** Relative jitter (σ of the log-normal factor). */
    public static final double JITTER = 0.02;

    private final long seed;
    private final double jitter;
    private final java.util.function.LongConsumer pass;

    SimBackend(long seed) {
        this(seed, JITTER, SimBackend::spin);
    }

    /**
     * A simulated device whose passes take their predicted time through {@code pass} (instead of busy-waiting on the
     * host clock: tests advance a fake clock), with relative jitter {@code jitter} (0: exact).
     */
    public SimBackend(long seed, double jitter, java.util.function.LongConsumer pass) {
        this.seed = seed;
        this.jitter = jitter;
        this.pass = pass;
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public DeviceInfo device() {
        return new DeviceInfo("sim", "simulated device (" + (long) (PEAK_FLOPS / 1e9) + " GFLOP/s, "
                + (long) (BANDWIDTH / 1e9) + " GB/s)", MEMORY_BYTES);
    }

    /**
     * Predicted step time of a point on the simulated device: the roofline of its {@link Workload} plus a per-layer
     * overhead; a point whose work is unknown (a TorchScript model) takes 1 ms per sequence.
     */
    public static long stepNanos(SweepPoint p) {
        Workload w = p.workload();
        if (!w.knowsWork()) {
            return 1_000_000L * p.batch();
        }
        double seconds = Math.max(w.flopsPerStep() / PEAK_FLOPS, w.bytesPerStep() / BANDWIDTH);
        return (long) (seconds * 1e9) + OVERHEAD_PER_LAYER_NANOS * w.layers();
    }

    @Override
    public Session open(SweepPoint point) throws BackendException {
        if (point.phase() == Phase.GENERATE) {
            return generation(point);
        }
        checkMemory(point.workload());
        long nanos = stepNanos(point);
        SplittableRandom rnd = new SplittableRandom(seed ^ point.id().hashCode());
        return new Session() {
            @Override
            public void step() {
                run(nanos, rnd);
            }

            @Override
            public void close() {
            }
        };
    }

    private Session generation(SweepPoint point) throws BackendException {
        int output = point.output();
        checkMemory(point.asPhase(Phase.DECODE, point.seq() + output - 1).workload());
        long prefillNanos = stepNanos(point.asPhase(Phase.PREFILL, point.seq()));
        long[] decodeNanos = new long[output]; // [k] for decode step k = 1 .. output - 1
        for (int k = 1; k < output; k++) {
            decodeNanos[k] = stepNanos(point.asPhase(Phase.DECODE, point.seq() + k - 1));
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ point.id().hashCode());
        return new GenerationSession() {
            private int next = output; // the next decode step; output = no request under way

            @Override
            public int outputTokens() {
                return output;
            }

            @Override
            public void prefill() {
                run(prefillNanos, rnd);
                next = 1;
            }

            @Override
            public void decode() {
                if (next >= output) {
                    throw new IllegalStateException("decode step " + next + " of a request of " + output
                            + " output tokens (call prefill first)");
                }
                run(decodeNanos[next++], rnd);
            }

            @Override
            public void close() {
            }
        };
    }

    private void run(long nanos, SplittableRandom rnd) {
        pass.accept(jitter == 0 ? nanos : (long) (nanos * Math.exp(jitter * gaussian(rnd))));
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    private static void checkMemory(Workload w) throws BackendException {
        if (w.knowsWork() && w.bytesPerStep() > MEMORY_BYTES) {
            throw new BackendException(FailureKind.OUT_OF_MEMORY, String.format(java.util.Locale.ROOT,
                    "simulated out of memory: weights and KV cache need %.1f GiB of %.1f GiB",
                    w.bytesPerStep() / (double) (1L << 30), MEMORY_BYTES / (double) (1L << 30)), null);
        }
    }

    /** Standard normal by Box–Muller, allocation-free. */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    @Override
    public Map<String, String> fingerprint() {
        return Map.of("backend", "sim", "device", device().name());
    }

    @Override
    public void close() {
    }
}
