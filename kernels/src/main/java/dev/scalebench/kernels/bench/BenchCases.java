package dev.scalebench.kernels.bench;

import static dev.scalebench.kernels.ops.KernelDType.BF16;
import static dev.scalebench.kernels.ops.KernelDType.F16;
import static dev.scalebench.kernels.ops.KernelDType.F32;

import dev.scalebench.kernels.CudaFunction;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.Dim3;
import dev.scalebench.kernels.ops.KernelDType;
import dev.scalebench.kernels.ops.Kernels;
import dev.scalebench.kernels.ops.Probes;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;

/**
 * The cases of issue 5's kernel targets, in the order they run: bandwidth probes first (the reference for the
 * bandwidth-bound kernels), then GEMMs at 4096³ and at the shapes of a 7B-class decoder layer over 2048 tokens
 * (hidden 4096, gated FFN 11008) and of one decode step of 16 sequences, row kernels, activations, attention, and the
 * host-vs-device launch gap. {@code tools/gpu/torch_ops.py} lists the same cases.
 */
final class BenchCases {
    /** The {@code --ops} names, in run order. */
    static final List<String> GROUPS =
            List.of("probes", "gemm", "softmax", "layernorm", "gelu", "silu_mul", "prefill", "decode", "gap");

    /** float4 elements per probe buffer: 1 GiB, many times any GPU's L2. */
    static final long PROBE_N4 = 1L << 26;
    /** Elements of the launch-gap {@code add}. */
    static final int GAP_ELEMENTS = 1024;

    private BenchCases() {
    }

    /** Every case, in run order. */
    static List<BenchCase> all() {
        List<BenchCase> c = new ArrayList<>();
        c.add(copy());
        c.add(triad());
        for (KernelDType t : List.of(BF16, F16, F32)) {
            c.add(gemm(t, 4096, 4096, 4096, "square"));
        }
        c.add(gemm(BF16, 2048, 3 * 4096, 4096, "qkv"));
        c.add(gemm(BF16, 2048, 4096, 4096, "attn_out"));
        c.add(gemm(BF16, 2048, 2 * 11008, 4096, "ffn_up"));
        c.add(gemm(BF16, 2048, 4096, 11008, "ffn_down"));
        c.add(gemm(BF16, 16, 3 * 4096, 4096, "decode_qkv"));
        for (KernelDType t : List.of(BF16, F16, F32)) {
            c.add(softmax(t, 16384, 4096));
        }
        for (KernelDType t : List.of(BF16, F32)) {
            c.add(softmax(t, 4096, 1024));
        }
        for (KernelDType t : List.of(BF16, F16, F32)) {
            c.add(layerNorm(t, 16384, 4096));
        }
        for (KernelDType t : List.of(BF16, F16, F32)) {
            c.add(gelu(t, 1L << 26));
        }
        for (KernelDType t : List.of(BF16, F32)) {
            c.add(siluMul(t, 8192, 11008));
        }
        c.add(prefill(BF16, 4, 2048, 32, 32, 128, true));
        c.add(prefill(F16, 4, 2048, 32, 32, 128, true));
        c.add(prefill(BF16, 4, 2048, 32, 32, 64, true));
        c.add(decode(BF16, 16, 4096, 32, 32, 128));
        c.add(decode(F16, 16, 4096, 32, 32, 128));
        c.add(gap());
        return List.copyOf(c);
    }

    /** The cases of the named groups, in run order. */
    static List<BenchCase> select(List<String> groups) {
        return all().stream().filter(c -> groups.contains(c.group())).toList();
    }

    static BenchCase gemm(KernelDType t, int m, int n, int k, String label) {
        return new BenchCase("gemm", "gemm_nt", t, "M=" + m + ",N=" + n + ",K=" + k, label, Costs.gemmFlops(m, n, k),
                Costs.gemmBytes(t, m, n, k), env -> Bound.of(env, b -> {
                    CUdeviceptr a = b.normal(t, (long) m * k);
                    CUdeviceptr w = b.normal(t, (long) n * k);
                    CUdeviceptr y = b.empty(t, (long) m * n);
                    Kernels ks = env.kernels();
                    CudaStream s = env.stream();
                    return () -> ks.gemmNt(s, t, a, w, y, m, n, k, k, k, n, 1f, 0f);
                }));
    }

    static BenchCase softmax(KernelDType t, int rows, int cols) {
        return new BenchCase("softmax", "softmax_rows", t, "rows=" + rows + ",cols=" + cols, null,
                Costs.softmaxFlops(rows, cols), Costs.softmaxBytes(t, rows, cols), env -> Bound.of(env, b -> {
                    CUdeviceptr x = b.normal(t, (long) rows * cols);
                    CUdeviceptr y = b.empty(t, (long) rows * cols);
                    Kernels ks = env.kernels();
                    CudaStream s = env.stream();
                    return () -> ks.softmaxRows(s, t, x, y, rows, cols, 1f, 0);
                }));
    }

    static BenchCase layerNorm(KernelDType t, int rows, int cols) {
        return new BenchCase("layernorm", "layernorm", t, "rows=" + rows + ",cols=" + cols, null,
                Costs.layerNormFlops(rows, cols), Costs.layerNormBytes(t, rows, cols), env -> Bound.of(env, b -> {
                    CUdeviceptr x = b.normal(t, (long) rows * cols);
                    CUdeviceptr w = b.constant(t, cols, 1f);
                    CUdeviceptr y = b.empty(t, (long) rows * cols);
                    Kernels ks = env.kernels();
                    CudaStream s = env.stream();
                    return () -> ks.layerNorm(s, t, x, w, null, y, rows, cols, cols, 1e-5f);
                }));
    }

    static BenchCase gelu(KernelDType t, long n) {
        return new BenchCase("gelu", "gelu", t, "n=" + n, null, Costs.geluFlops(n), Costs.geluBytes(t, n),
                env -> Bound.of(env, b -> {
                    CUdeviceptr x = b.normal(t, n);
                    CUdeviceptr y = b.empty(t, n);
                    Kernels ks = env.kernels();
                    CudaStream s = env.stream();
                    return () -> ks.gelu(s, t, x, y, n);
                }));
    }

    static BenchCase siluMul(KernelDType t, int rows, int dff) {
        return new BenchCase("silu_mul", "silu_mul", t, "rows=" + rows + ",dff=" + dff, null,
                Costs.siluMulFlops(rows, dff), Costs.siluMulBytes(t, rows, dff), env -> Bound.of(env, b -> {
                    CUdeviceptr gu = b.normal(t, 2L * rows * dff);
                    CUdeviceptr y = b.empty(t, (long) rows * dff);
                    Kernels ks = env.kernels();
                    CudaStream s = env.stream();
                    return () -> ks.siluMul(s, t, gu, y, rows, dff);
                }));
    }

    static BenchCase prefill(KernelDType t, int batch, int seq, int heads, int kvHeads, int d, boolean causal) {
        String shape = "b=" + batch + ",s=" + seq + ",h=" + heads + ",kv=" + kvHeads + ",d=" + d
                + (causal ? ",causal" : "");
        return new BenchCase("prefill", "attention_prefill", t, shape, null,
                Costs.prefillFlops(batch, seq, heads, d, causal), Costs.prefillBytes(t, batch, seq, heads, kvHeads, d),
                env -> Bound.of(env, b -> {
                    int ldQkv = (heads + 2 * kvHeads) * d;
                    CUdeviceptr qkv = b.normal(t, (long) batch * seq * ldQkv);
                    CUdeviceptr o = b.empty(t, (long) batch * seq * heads * d);
                    float scale = (float) (1 / Math.sqrt(d));
                    Kernels ks = env.kernels();
                    CudaStream s = env.stream();
                    return () -> ks.attentionPrefill(s, t, qkv, o, batch, seq, heads, kvHeads, d, ldQkv, heads * d,
                            scale, causal);
                }));
    }

    static BenchCase decode(KernelDType t, int batch, int ctx, int heads, int kvHeads, int d) {
        String shape = "b=" + batch + ",ctx=" + ctx + ",h=" + heads + ",kv=" + kvHeads + ",d=" + d;
        return new BenchCase("decode", "attention_decode", t, shape, null, Costs.decodeFlops(batch, ctx, heads, d),
                Costs.decodeBytes(t, batch, ctx, heads, kvHeads, d), env -> Bound.of(env, b -> {
                    int ldQkv = (heads + 2 * kvHeads) * d;
                    CUdeviceptr qkv = b.normal(t, (long) batch * ldQkv);
                    long cache = (long) batch * kvHeads * ctx * d;
                    CUdeviceptr k = b.normal(t, cache);
                    CUdeviceptr v = b.normal(t, cache);
                    CUdeviceptr o = b.empty(t, (long) batch * heads * d);
                    Kernels ks = env.kernels();
                    long wsBytes = ks.decodeWorkspaceBytes(t, batch, heads, d, ctx);
                    CUdeviceptr ws = wsBytes > 0 ? b.alloc(wsBytes) : null;
                    float scale = (float) (1 / Math.sqrt(d));
                    CudaStream s = env.stream();
                    return () -> ks.attentionDecode(s, t, qkv, k, v, o, ws, batch, heads, kvHeads, d, ldQkv,
                            heads * d, ctx, ctx, scale);
                }));
    }

    static BenchCase copy() {
        long n4 = PROBE_N4;
        return new BenchCase("probes", "probe_copy", F32, "n4=" + n4, null, 0, Probes.copyBytes(n4),
                env -> Bound.of(env, b -> {
                    CUdeviceptr a = b.normal(F32, 4 * n4);
                    CUdeviceptr c = b.empty(F32, 4 * n4);
                    Probes p = env.probes();
                    int blocks = p.defaultBlocks();
                    CudaStream s = env.stream();
                    return () -> p.copy(s, a, c, n4, blocks);
                }));
    }

    static BenchCase triad() {
        long n4 = PROBE_N4;
        return new BenchCase("probes", "probe_triad", F32, "n4=" + n4, null, Probes.triadFlops(n4),
                Probes.triadBytes(n4), env -> Bound.of(env, b -> {
                    CUdeviceptr a = b.normal(F32, 4 * n4);
                    CUdeviceptr x = b.normal(F32, 4 * n4);
                    CUdeviceptr c = b.empty(F32, 4 * n4);
                    Probes p = env.probes();
                    int blocks = p.defaultBlocks();
                    CudaStream s = env.stream();
                    return () -> p.triad(s, a, x, c, 2f, n4, blocks);
                }));
    }

    /** {@code add} over {@value #GAP_ELEMENTS} floats: a launch that costs the GPU almost nothing. */
    static BenchCase gap() {
        int n = GAP_ELEMENTS;
        return new BenchCase("gap", "launch_gap", F32, "n=" + n, null, Costs.addFlops(n), Costs.addBytes(F32, n),
                env -> Bound.of(env, b -> {
                    CUdeviceptr a = b.normal(F32, n);
                    CUdeviceptr x = b.normal(F32, n);
                    CUdeviceptr y = b.empty(F32, n);
                    Kernels ks = env.kernels();
                    CudaStream s = env.stream();
                    CudaFunction f = ks.function("add_f32");
                    b.raw(() -> f.launch(Dim3.of(1), Dim3.of(256), 0, s, a, x, y, (long) n)); // Kernels.add's grid
                    return () -> ks.add(s, F32, a, x, y, n);
                }));
    }
}
