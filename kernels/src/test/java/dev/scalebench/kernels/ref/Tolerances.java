package dev.scalebench.kernels.ref;

import dev.scalebench.kernels.ops.KernelDType;

/**
 * How far a kernel's output may be from its {@linkplain Expected reference}, per type and kernel family, from the
 * arithmetic each kernel does (every kernel accumulates in fp32 and rounds once when it stores;
 * {@code docs/kernels.md}).
 *
 * <p>The pieces, with {@code u} the unit roundoff of the storage type ({@link KernelDType#unitRoundoff()}: 2^-8 for
 * bf16, which keeps 8 significant bits; 2^-11 for fp16; 2^-24 for fp32):
 * <ul>
 *   <li><b>Output rounding:</b> the reference rounds the exact result once; the kernel rounds its fp32 result, which
 *       may sit on the other side of a rounding boundary. So two roundings of at most {@code u·|want|} each:
 *       {@code rel = 2u} (for fp32 the kernel's own arithmetic dominates instead).</li>
 *   <li><b>fp32 accumulation:</b> a sum of {@code n} terms in fp32 errs by at most {@code γ_n ≈ n·u32} times
 *       {@code Σ|terms|} (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, §3.1) whatever the order;
 *       we take {@code u32 = 2^-23}, one full ulp, because tensor-core accumulation may truncate instead of rounding.
 *       This worst case is the bound for GEMM ({@code n = K}), for norms ({@code n = cols}) and for attention
 *       ({@code n} = context length).</li>
 *   <li><b>Transcendentals:</b> {@code expf}, {@code erff}, {@code rsqrtf} and their fast variants err by a few fp32
 *       ulps; 64 ulps of room ({@code 64·2^-24 ≈ 4e-6}) covers them and an argument error of a few ulps of an
 *       argument of magnitude up to 16 (softmax and attention feed {@code exp} scores of that size).</li>
 *   <li><b>Attention scores</b> are dot products of {@code D} terms; with unit-variance inputs and
 *       {@code scale = 1/√D}, {@code scale·Σ|q·k| <= 8}, so a score errs by at most {@code 8·D·2^-23} and the
 *       weights by that relatively. Flash attention also rounds the weights {@code p} to the storage type before the
 *       {@code P·V} product on tensor cores: {@code 2u} times {@code Σ p·|v|} more (numerator and row sum may
 *       see different weights).</li>
 *   <li><b>Underflow:</b> fp32 results below 2^-126 may be flushed to zero (fast math); fp16 keeps subnormals down to
 *       2^-24, so one fp16 subnormal step of absolute room.</li>
 * </ul>
 * These are bounds, not typical errors: typical errors are a few times smaller (random rounding errors add like
 * {@code √n}), and a layout or indexing bug gives errors of the order of {@code scale} itself, hundreds of times
 * beyond them. Exactness that a bound cannot see (no TF32 in fp32 GEMM) is tested with values chosen for it.
 */
public final class Tolerances {
    private static final double U32 = 0x1p-24;
    private static final double ULP32 = 0x1p-23;

    private Tolerances() {
    }

    /** Absolute room for underflow in {@code t}. */
    static double underflow(KernelDType t) {
        return t == KernelDType.F16 ? 0x1p-24 : 0x1p-126;
    }

    /** Final rounding: two roundings to {@code t}, or fp32's own arithmetic noise. */
    static double output(KernelDType t) {
        return t == KernelDType.F32 ? 4 * U32 : 2 * t.unitRoundoff();
    }

    /**
     * {@code gemm_nt}: {@code C = alpha·A·Bᵀ + beta·C} with inner dimension {@code k}. Error scale: {@code
     * |alpha|·Σ|a·b| + |beta·c|}. Products of fp16/bf16 inputs are exact in fp32, so only the {@code k}-term sum
     * and the two fused operations ({@code alpha·acc + beta·c}) err: {@code (k + 2)·2^-23}.
     */
    public static Tolerance gemm(KernelDType t, int k) {
        return new Tolerance(underflow(t), output(t), (k + 2) * ULP32);
    }

    /**
     * {@code softmax_rows} over {@code cols} keys. Error scale: {@code |y|}. The row sum of {@code cols} positive
     * terms errs by at most {@code cols·2^-23} relative, the exponentials by 64 ulps.
     */
    public static Tolerance softmax(KernelDType t, int cols) {
        return new Tolerance(underflow(t), output(t) + (cols + 64) * ULP32, 0);
    }

    /**
     * {@code layernorm} and {@code rmsnorm} over {@code cols}. Error scale: {@code |x̂·w| + |b|} (layernorm) or
     * {@code |y|} (rmsnorm). Mean and variance sum {@code cols} terms ({@code cols·2^-23} each, the variance's
     * error halved by the square root), plus 64 ulps for {@code rsqrtf} and the fused multiply-adds.
     */
    public static Tolerance norm(KernelDType t, int cols) {
        return new Tolerance(underflow(t), output(t), (2 * cols + 64) * ULP32);
    }

    /**
     * Elementwise kernels ({@code gelu}, {@code silu_mul}, {@code add}). Error scale: the size of the operands
     * ({@code |x|} for GELU, whose {@code 1 + erf} cancels for negative {@code x}; {@code |y|} otherwise). 64 ulps
     * for {@code erff}/{@code expf} and the division.
     */
    public static Tolerance elementwise(KernelDType t) {
        return new Tolerance(underflow(t), output(t), 64 * ULP32);
    }

    /** {@code embedding}: a copy, bit-exact. */
    public static Tolerance embedding(KernelDType t) {
        return Tolerance.EXACT;
    }

    /**
     * {@code rope}: {@code x1·c ∓ x2·s}, one product rounded to fp32 and one fused multiply-add. Error scale:
     * {@code |x1·c| + |x2·s|}; 4 fp32 ulps of it.
     */
    public static Tolerance rope(KernelDType t) {
        return new Tolerance(underflow(t), output(t), 4 * ULP32);
    }

    /** {@code bias_add}: one fp32 addition. Error scale {@code |y| + |bias|}. */
    public static Tolerance biasAdd(KernelDType t) {
        return new Tolerance(underflow(t), output(t), ULP32);
    }

    /** {@code kv_append}: a copy, bit-exact. */
    public static Tolerance kvAppend(KernelDType t) {
        return Tolerance.EXACT;
    }

    /**
     * {@code attention_prefill} and {@code attention_decode} over a context of {@code ctx} keys with head dimension
     * {@code headDim}. Error scale: {@code Σ p·|v|}. Weights rounded to {@code t} before {@code P·V} (fp16/bf16):
     * {@code 2u} (the numerator's weights, and the row sum when it is taken of the unrounded ones); scores: {@code 8·D·2^-23}; the running sums over {@code ctx} keys and the rescaling between tiles:
     * {@code ctx·2^-23}; exponentials: 64 ulps.
     */
    public static Tolerance attention(KernelDType t, int ctx, int headDim) {
        double weights = t == KernelDType.F32 ? 0 : 2 * t.unitRoundoff();
        return new Tolerance(underflow(t), output(t), weights + (ctx + 8.0 * headDim + 64) * ULP32);
    }
}
