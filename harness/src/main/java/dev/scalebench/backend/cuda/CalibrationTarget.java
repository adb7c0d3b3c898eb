package dev.scalebench.backend.cuda;

/**
 * A ceiling {@code calibrate} measures, and the probe kernel that measures it ({@code probes.cu}, docs/kernels.md).
 * Bandwidth probes stream {@code float4} buffers; compute probes run independent FMA chains ({@code fp32}) or
 * {@code mma.sync} loops (tensor cores) in registers.
 */
public enum CalibrationTarget {
    /** {@code c = a}: 2 buffers, bytes read + written per launch. */
    COPY("copy", "probe_copy_f32", null, 2),
    /** {@code c = a + s·b}: 3 buffers, bytes read + written per launch. */
    TRIAD("triad", "probe_triad_f32", null, 3),
    /** fp32 FMA on CUDA cores. */
    FP32("fp32", "probe_fma_f32", "fp32", 0),
    /** TF32 {@code mma.sync} on tensor cores. */
    TF32("tf32", "probe_mma_tf32", "tf32", 0),
    /** fp16 {@code mma.sync} (fp32 accumulate). */
    FP16("fp16", "probe_mma_f16", "fp16", 0),
    /** bf16 {@code mma.sync} (fp32 accumulate). */
    BF16("bf16", "probe_mma_bf16", "bf16", 0);

    private final String id;
    private final String kernel;
    private final String dtype;
    private final int buffers;

    CalibrationTarget(String id, String kernel, String dtype, int buffers) {
        this.id = id;
        this.kernel = kernel;
        this.dtype = dtype;
        this.buffers = buffers;
    }

    /** {@code copy}, {@code triad}, or the dtype of a compute ceiling. */
    public String id() {
        return id;
    }

    /** The probe kernel's name in {@code probes.cu}. */
    public String kernel() {
        return kernel;
    }

    /** Whether this is a memory-bandwidth ceiling (bytes/s) rather than a compute one (FLOP/s). */
    public boolean bandwidth() {
        return dtype == null;
    }

    /** The dtype of a compute ceiling, as hardware profiles key peak FLOP/s; null for bandwidth. */
    public String dtype() {
        return dtype;
    }

    /** Device buffers a bandwidth probe streams through ({@code 0} for compute probes). */
    public int buffers() {
        return buffers;
    }

    /** {@code B/s} or {@code FLOP/s}. */
    public String unit() {
        return bandwidth() ? "B/s" : "FLOP/s";
    }
}
