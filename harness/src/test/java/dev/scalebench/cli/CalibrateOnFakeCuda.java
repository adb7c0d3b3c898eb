package dev.scalebench.cli;

import dev.scalebench.backend.cuda.CalibrationProbe;
import dev.scalebench.backend.cuda.CalibrationProbes;
import dev.scalebench.backend.cuda.CalibrationTarget;
import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code calibrate} in a child JVM on the fake CUDA driver, with probes that allocate their buffers through the
 * context but, instead of launching a kernel, spin for the time the work would take at {@link #BANDWIDTH} or
 * {@link #FLOPS}: the measured ceilings must come out at (not above) those rates.
 *
 * <p>The spin counts this thread's CPU time, and the test runs the fake with {@code FAKE_CUDA_EVENT_CLOCK=thread}, so
 * that its events read the same clock: a busy machine that preempts the thread stretches neither, and the rates
 * come out the same on a loaded machine as on a quiet one (with host time, every preemption between two spins
 * would count as probe time).
 */
public final class CalibrateOnFakeCuda {
    /** The simulated bandwidth, bytes/s. */
    static final double BANDWIDTH = 2e12;
    /** The simulated peak, FLOP/s (every dtype). */
    static final double FLOPS = 1e14;
    /** FLOPs of one compute-probe iteration. */
    static final double FLOPS_PER_ITERATION = 1e8;
    /** The fake driver's environment that makes its events read the clock the probes spin on. */
    static final java.util.Map<String, String> ENV = java.util.Map.of("FAKE_CUDA_EVENT_CLOCK", "thread");
    /** This thread's CPU time (the same clock as the fake's CLOCK_THREAD_CPUTIME_ID on Linux). */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private CalibrateOnFakeCuda() {
    }

    public static void main(String[] args) {
        CalibrateCommand c = new CalibrateCommand();
        c.probes = new SpinProbes();
        c.clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        CommandLine cl = new CommandLine(c);
        PrintWriter out = new PrintWriter(System.out, true);
        cl.setOut(out);
        cl.setErr(new PrintWriter(System.err, true));
        System.exit(cl.execute(args));
    }

    /** Probes that spin on the host; bandwidth probes hold real (fake) device buffers. */
    static final class SpinProbes implements CalibrationProbes {
        @Override
        public CalibrationProbe open(CalibrationTarget target, CudaContext context, CudaStream stream, long size) {
            List<DeviceBuffer> buffers = new ArrayList<>();
            for (int i = 0; i < target.buffers(); i++) {
                buffers.add(context.allocate(size));
            }
            double work = target.bandwidth() ? size * (target.buffers()) : size * FLOPS_PER_ITERATION;
            long nanos = (long) (work / (target.bandwidth() ? BANDWIDTH : FLOPS) * 1e9);
            String setup = target.bandwidth() ? target.buffers() + " buffers of " + (size >> 20) + " MiB"
                    : size + " iterations";
            return new CalibrationProbe() {
                @Override
                public String setup() {
                    return setup;
                }

                @Override
                public double workPerLaunch() {
                    return work;
                }

                @Override
                public void launch() {
                    long until = CPU.getCurrentThreadCpuTime() + nanos;
                    while (CPU.getCurrentThreadCpuTime() - until < 0) {
                        Thread.onSpinWait();
                    }
                }

                @Override
                public void close() {
                    buffers.forEach(DeviceBuffer::close);
                }
            };
        }
    }
}
