package dev.scalebench.kernels.bench;

import dev.scalebench.kernels.ops.KernelDType;

/**
 * FLOPs and bytes of one launch of each benchmarked operation: the arithmetic the operation needs and the least
 * memory traffic it can make (every input read once, every output written once). Achieved FLOP/s and GB/s are these
 * counts over the launch's device time, so an implementation that moves more bytes than the minimum (an unfused one,
 * or one that re-reads) shows a lower effective bandwidth. {@code tools/gpu/torch_ops.py} computes the same numbers,
 * and a test holds the two to each other.
 *
 * <p>FLOPs of the bandwidth-bound operations are nominal (a transcendental counts as one): they are reported but
 * only their bytes are judged.
 */
public final class Costs {

    private Costs() {
    }

    /** {@code C[m,n] = A[m,k]·B[n,k]ᵀ}: one multiply and one add per term. */
    public static long gemmFlops(long m, long n, long k) {
        return 2 * m * n * k;
    }

    /** A and B read, C written (beta 0). */
    public static long gemmBytes(KernelDType t, long m, long n, long k) {
        return t.bytes(m * k + n * k + m * n);
    }

    /** Row softmax: max, subtract-and-exp (2), sum, scale by the reciprocal: 5 per element. */
    public static long softmaxFlops(long rows, long cols) {
        return 5 * rows * cols;
    }

    /** x read, y written. */
    public static long softmaxBytes(KernelDType t, long rows, long cols) {
        return t.bytes(2 * rows * cols);
    }

    /** LayerNorm without bias: sum, sum of squares (2), subtract, multiply by rstd, multiply by weight: 6 per element. */
    public static long layerNormFlops(long rows, long cols) {
        return 6 * rows * cols;
    }

    /** x read, y written, the weight read once. */
    public static long layerNormBytes(KernelDType t, long rows, long cols) {
        return t.bytes(2 * rows * cols + cols);
    }

    /** Exact GELU {@code 0.5·x·(1 + erf(x/√2))}: 5 per element. */
    public static long geluFlops(long n) {
        return 5 * n;
    }

    /** x read, y written. */
    public static long geluBytes(KernelDType t, long n) {
        return t.bytes(2 * n);
    }

    /** {@code silu(g)·u = g/(1 + exp(−g))·u}: negate, exp, add, divide, multiply: 5 per output. */
    public static long siluMulFlops(long rows, long dff) {
        return 5 * rows * dff;
    }

    /** gate and up read ({@code [rows, 2·dff]}), y written ({@code [rows, dff]}). */
    public static long siluMulBytes(KernelDType t, long rows, long dff) {
        return t.bytes(3 * rows * dff);
    }

    /** {@code y = a + b}: 1 per element. */
    public static long addFlops(long n) {
        return n;
    }

    /** a and b read, y written. */
    public static long addBytes(KernelDType t, long n) {
        return t.bytes(3 * n);
    }

    /**
     * Prefill attention: {@code 4·d} per (query, key) pair that is not masked (2·d for {@code q·k}, 2·d for
     * {@code p·v}), over {@code s²} pairs per (sequence, head), or {@code s(s+1)/2} when causal.
     */
    public static long prefillFlops(long b, long s, long h, long d, boolean causal) {
        long pairs = causal ? s * (s + 1) / 2 : s * s;
        return 4 * d * pairs * b * h;
    }

    /** The fused QKV rows read ({@code (h + 2·kv)·d} each), the output rows written ({@code h·d} each). */
    public static long prefillBytes(KernelDType t, long b, long s, long h, long kv, long d) {
        return t.bytes(b * s * d * (2 * h + 2 * kv));
    }

    /** One decode step: {@code 4·d} per (query head, cached position). */
    public static long decodeFlops(long b, long ctx, long h, long d) {
        return 4 * b * h * ctx * d;
    }

    /** The K and V caches read over the context, the query read and the output written. */
    public static long decodeBytes(KernelDType t, long b, long ctx, long h, long kv, long d) {
        return t.bytes(2 * b * kv * ctx * d + 2 * b * h * d);
    }
}
