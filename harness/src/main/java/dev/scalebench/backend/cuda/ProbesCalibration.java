package dev.scalebench.backend.cuda;

import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.ops.Probes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jcuda.driver.CUdeviceptr;

/** {@link CalibrationProbes} on {@link Probes}: the launches of {@code probes.cu} with their byte and FLOP counts. */
final class ProbesCalibration implements CalibrationProbes {

    @Override
    public CalibrationProbe open(CalibrationTarget target, CudaContext context, CudaStream stream, long size) {
        Probes probes = Probes.load(context);
        List<DeviceBuffer> buffers = new ArrayList<>();
        try {
            int blocks = probes.defaultBlocks();
            String grid = "grid " + blocks + " x " + Probes.THREADS + ", " + probes.loadReport().get(0);
            if (target.bandwidth()) {
                long n4 = size / 16;
                for (int i = 0; i < target.buffers(); i++) {
                    DeviceBuffer buffer = context.allocate(n4 * 16);
                    buffers.add(buffer);
                    buffer.zero();
                }
                String setup = String.format(Locale.ROOT, "%d buffers of %d MiB (%d float4 each), %s",
                        target.buffers(), n4 * 16 >> 20, n4, grid);
                CUdeviceptr a = buffers.get(0).pointer();
                CUdeviceptr b = buffers.get(1).pointer();
                if (target == CalibrationTarget.COPY) {
                    return probe(probes, buffers, setup, Probes.copyBytes(n4),
                            () -> probes.copy(stream, a, b, n4, blocks));
                }
                CUdeviceptr c = buffers.get(2).pointer();
                return probe(probes, buffers, setup, Probes.triadBytes(n4),
                        () -> probes.triad(stream, a, b, c, 0.5f, n4, blocks));
            }
            int iters = (int) Math.min(size, Integer.MAX_VALUE);
            DeviceBuffer outBuffer = context.allocate(Probes.outBytes(blocks));
            buffers.add(outBuffer);
            CUdeviceptr out = outBuffer.pointer();
            String setup = iters + " iterations per thread, " + grid;
            if (target == CalibrationTarget.FP32) {
                return probe(probes, buffers, setup, Probes.fmaFlops(blocks, iters),
                        () -> probes.fma(stream, out, blocks, iters));
            }
            Probes.Mma type = switch (target) {
                case TF32 -> Probes.Mma.TF32;
                case FP16 -> Probes.Mma.F16;
                case BF16 -> Probes.Mma.BF16;
                default -> throw new IllegalArgumentException("not a compute target: " + target);
            };
            return probe(probes, buffers, setup, Probes.mmaFlops(type, blocks, iters),
                    () -> probes.mma(stream, type, out, blocks, iters));
        } catch (RuntimeException e) {
            buffers.forEach(DeviceBuffer::close);
            probes.close();
            throw e;
        }
    }

    private static CalibrationProbe probe(Probes probes, List<DeviceBuffer> buffers, String setup, double work,
            Runnable launch) {
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
                launch.run();
            }

            @Override
            public void close() {
                buffers.forEach(DeviceBuffer::close);
                probes.close();
            }
        };
    }
}
