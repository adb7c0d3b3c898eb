package dev.scalebench.kernels.ops;

import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaFunction;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.Dim3;
import dev.scalebench.kernels.KernelModule;
import java.util.List;
import jcuda.driver.CUdeviceptr;

/**
 * The ceiling probes of {@code probes.cu}, for {@code calibrate}: streaming copy and triad (memory bandwidth), FMA
 * chains in registers (fp32 CUDA-core peak) and {@code mma.sync} in registers (tensor-core peak reachable with
 * {@code mma.sync}). Each launch is asynchronous; the {@code …Bytes} and {@code …Flops} methods give the traffic
 * and arithmetic one launch performs, so that a rate is that count over the launch's device time. Every probe runs
 * 256-thread blocks; the block count is the caller's ({@link #defaultBlocks()} fills the GPU).
 */
public final class Probes implements AutoCloseable {
    /** Threads per block of every probe. */
    public static final int THREADS = 256;
    /** FLOPs per thread per iteration of {@code probe_fma_f32}: 8 chains × 32 rounds × 2. */
    public static final long FMA_FLOPS_PER_THREAD_ITER = 8 * 32 * 2;

    /** The tensor-core probes. */
    public enum Mma {
        /** {@code mma.sync.m16n8k16} fp16 inputs, fp32 accumulation. */
        F16("probe_mma_f16", 16),
        /** {@code mma.sync.m16n8k16} bf16 inputs, fp32 accumulation. */
        BF16("probe_mma_bf16", 16),
        /** {@code mma.sync.m16n8k8} tf32 inputs, fp32 accumulation. */
        TF32("probe_mma_tf32", 8);

        private final String kernel;
        private final int k;

        Mma(String kernel, int k) {
            this.kernel = kernel;
            this.k = k;
        }

        /** FLOPs per warp per iteration: 8 independent {@code m16n8k<k>} products of {@code 2·16·8·k} each. */
        public long flopsPerWarpIter() {
            return 8L * 2 * 16 * 8 * k;
        }

        /** What each thread stores after {@code iters} iterations: {@code iters/8} (k16) or {@code iters/16} (k8). */
        public double expectedOutput(int iters) {
            return iters * (k / 128.0);
        }
    }

    private final KernelModule module;
    private final int sms;
    private final Launcher launcher;

    private Probes(KernelModule module, int sms, Launcher launcher) {
        this.module = module;
        this.sms = Math.max(1, sms);
        this.launcher = launcher;
    }

    /** Probes that hand every checked launch to {@code launcher}, as if on a GPU of {@code sms} SMs (tests). */
    static Probes with(Launcher launcher, int sms) {
        return new Probes(null, sms, launcher);
    }

    /** Loads {@code probes.cu} into {@code context}. */
    public static Probes load(CudaContext context) {
        KernelModule m = KernelModule.load(context, "probes");
        try {
            java.util.Map<String, CudaFunction> functions = new java.util.HashMap<>();
            for (String k : new String[] {"probe_copy_f32", "probe_triad_f32", "probe_fma_f32"}) {
                functions.put(k, m.function(k));
            }
            for (Mma t : Mma.values()) {
                functions.put(t.kernel, m.function(t.kernel));
            }
            return new Probes(m, context.device().sms(), Launcher.driver(functions));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** {@code "probes: <how it loaded>"}, as {@link Kernels#loadReport()}. */
    public List<String> loadReport() {
        return List.of("probes: " + module.source()
                + (module.notes().isEmpty() ? "" : " (after: " + String.join("; ", module.notes()) + ")"));
    }

    /** Eight blocks per SM: every SM full of warps for the arithmetic probes, enough loads in flight for memory. */
    public int defaultBlocks() {
        return 8 * sms;
    }


    /** {@code c = a} over {@code n4} float4 elements (16-byte aligned), grid-stride over {@code blocks} blocks. */
    public void copy(CudaStream s, CUdeviceptr a, CUdeviceptr c, long n4, int blocks) {
        Checks.of("probe_copy_f32").notNull("stream", s).aligned("a", a, 16).aligned("c", c, 16).positive("n4", n4)
                .positive("blocks", blocks);
        launcher.launch("probe_copy_f32", Dim3.of(blocks), Dim3.of(THREADS), 0, s, a, c, n4);
    }

    /** Bytes one {@link #copy} moves: {@code n4·16} read and as many written. */
    public static long copyBytes(long n4) {
        return 32 * n4;
    }

    /** {@code c = a + scalar·b} over {@code n4} float4 elements, grid-stride over {@code blocks} blocks. */
    public void triad(CudaStream s, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, float scalar, long n4, int blocks) {
        Checks.of("probe_triad_f32").notNull("stream", s).aligned("a", a, 16).aligned("b", b, 16)
                .aligned("c", c, 16).positive("n4", n4).positive("blocks", blocks);
        launcher.launch("probe_triad_f32", Dim3.of(blocks), Dim3.of(THREADS), 0, s, a, b, c, scalar, n4);
    }

    /** Bytes one {@link #triad} moves: two streams read, one written, {@code 16·n4} each. */
    public static long triadBytes(long n4) {
        return 48 * n4;
    }

    /** FLOPs of one {@link #triad}: one FMA (2 FLOPs) per float. */
    public static long triadFlops(long n4) {
        return 8 * n4;
    }

    /** FMA chains for {@code iters} iterations; {@code out} receives one float per thread. */
    public void fma(CudaStream s, CUdeviceptr out, int blocks, int iters) {
        Checks.of("probe_fma_f32").notNull("stream", s).aligned("out", out, 4).positive("blocks", blocks)
                .positive("iters", iters);
        launcher.launch("probe_fma_f32", Dim3.of(blocks), Dim3.of(THREADS), 0, s, out, iters);
    }

    /** FLOPs of one {@link #fma} launch. */
    public static long fmaFlops(int blocks, int iters) {
        return (long) blocks * THREADS * FMA_FLOPS_PER_THREAD_ITER * iters;
    }

    /** {@code mma.sync} of {@code type} for {@code iters} iterations; {@code out} receives one float per thread. */
    public void mma(CudaStream s, Mma type, CUdeviceptr out, int blocks, int iters) {
        Checks.of("probe_mma").notNull("type", type);
        Checks.of(type.kernel).notNull("stream", s).aligned("out", out, 4).positive("blocks", blocks)
                .positive("iters", iters);
        launcher.launch(type.kernel, Dim3.of(blocks), Dim3.of(THREADS), 0, s, out, iters);
    }

    /** FLOPs of one {@link #mma} launch. */
    public static long mmaFlops(Mma type, int blocks, int iters) {
        return (long) blocks * (THREADS / 32) * type.flopsPerWarpIter() * iters;
    }

    /** Bytes of {@code out} a {@link #fma} or {@link #mma} launch over {@code blocks} blocks writes. */
    public static long outBytes(int blocks) {
        return 4L * blocks * THREADS;
    }

    /** Unloads the module. */
    @Override
    public void close() {
        if (module != null) {
            module.close();
        }
    }
}
