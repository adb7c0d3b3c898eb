package dev.scalebench.kernels.ops;

import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaFunction;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.Dim3;
import dev.scalebench.kernels.KernelModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUdeviceptr;

/**
 * Every kernel of one transformer decoder layer, loaded into a context, with typed launches. Each method checks its
 * arguments against the ABI of {@code docs/kernels.md} (shapes, leading dimensions, alignment, head dimensions) and
 * throws {@link IllegalArgumentException} naming the parameter, its value and the rule before anything is queued;
 * then it queues the kernel on the stream with the kernel's launch configuration and returns at once. Pointers are
 * device addresses of elements of the given {@link KernelDType}; nothing checks that the buffers are large enough.
 *
 * <p>Not thread-safe; use it on the context's thread.
 */
public final class Kernels implements AutoCloseable {
    /** The modules loaded, in order ({@code gemm} is {@code gemm.cu}). */
    public static final List<String> MODULES =
            List.of("gemm", "softmax", "norm", "activation", "embedding", "attention", "rope", "init");
    /** Head dimensions the attention kernels are compiled for. */
    public static final int[] HEAD_DIMS = {32, 64, 80, 96, 128};

    static final int GEMM_TILE_M = 128;
    static final int GEMM_TILE_N_TC = 256;
    static final int GEMM_TILE_N_F32 = 128;
    static final int GEMM_THREADS = 256;
    static final int GEMM_TC_SHARED = 98304;
    static final int GEMM_MIN_K_PER_SPLIT = 256;
    static final int ROW_THREADS_MIN = 128;
    static final int ROW_ELEMENTS_PER_THREAD = 16;
    static final int ELEMENTWISE_THREADS = 256;
    static final int EMBED_THREADS = 256;
    static final int PREFILL_TC_ROWS = 128;
    static final int PREFILL_TC_THREADS = 256;
    static final int PREFILL_F32_ROWS = 32;
    static final int PREFILL_F32_THREADS = 128;
    static final int KV_APPEND_THREADS = 256;
    static final int ROPE_THREADS = 256;
    static final int FILL_THREADS = 256;

    private final CudaContext context;
    private final int sms;
    private final Map<String, KernelModule> modules;
    private final Map<String, CudaFunction> functions = new HashMap<>();
    private final Launcher launcher;

    private Kernels(CudaContext context, int sms, Map<String, KernelModule> modules, Launcher launcher) {
        this.context = context;
        this.sms = Math.max(1, sms);
        this.modules = modules;
        this.launcher = launcher == null ? Launcher.driver(functions) : launcher;
    }

    /** Kernels that hand every checked launch to {@code launcher}, as if on a GPU of {@code sms} SMs (tests). */
    static Kernels with(Launcher launcher, int sms) {
        return new Kernels(null, sms, Map.of(), launcher);
    }

    /**
     * Loads every module of {@link #MODULES} into {@code context} (current on this thread), resolves every kernel
     * and raises the dynamic shared-memory limit where a kernel needs it.
     *
     * @throws CudaException when a module does not load (its message lists why each form failed) or lacks a kernel
     */
    public static Kernels load(CudaContext context) {
        Map<String, KernelModule> loaded = new LinkedHashMap<>();
        try {
            for (String m : MODULES) {
                loaded.put(m, KernelModule.load(context, m));
            }
            Kernels k = new Kernels(context, context.device().sms(), loaded, null);
            k.resolveAll();
            return k;
        } catch (RuntimeException e) {
            loaded.values().forEach(KernelModule::close);
            throw e;
        }
    }

    /** Every kernel the launches use, with the module it lives in. */
    static Map<String, String> kernelModules() {
        Map<String, String> out = new LinkedHashMap<>();
        for (KernelDType t : KernelDType.values()) {
            String s = t.suffix();
            out.put("gemm_nt_" + s, "gemm");
            out.put("softmax_rows_" + s, "softmax");
            out.put("layernorm_" + s, "norm");
            out.put("rmsnorm_" + s, "norm");
            for (String a : new String[] {"gelu_", "silu_mul_", "add_", "bias_add_"}) {
                out.put(a + s, "activation");
            }
            out.put("embedding_" + s, "embedding");
            out.put("kv_append_" + s, "attention");
            out.put("rope_" + s, "rope");
            for (int d : HEAD_DIMS) {
                out.put("attention_prefill_" + s + "_d" + d, "attention");
                out.put("attention_decode_" + s + "_d" + d, "attention");
            }
            out.put("fill_normal_" + s, "init");
            out.put("fill_const_" + s, "init");
        }
        out.put("fill_ids", "init");
        return out;
    }

    private void resolveAll() {
        kernelModules().forEach((kernel, module) -> functions.put(kernel, modules.get(module).function(kernel)));
        function("gemm_nt_f16").setMaxDynamicSharedBytes(GEMM_TC_SHARED);
        function("gemm_nt_bf16").setMaxDynamicSharedBytes(GEMM_TC_SHARED);
    }

    private void launch(String kernel, Dim3 grid, Dim3 block, int sharedBytes, CudaStream s, Object... args) {
        launcher.launch(kernel, grid, block, sharedBytes, s, args);
    }

    /** The context the kernels are loaded into. */
    public CudaContext context() {
        return context;
    }

    /**
     * One line per module, {@code "<module>: <how it loaded>"}, followed by why the forms tried first did not load,
     * e.g. {@code gemm: cubin sm_90} or {@code gemm: PTX (JIT by the driver) (after: gemm.sm_90.cubin is not in the
     * jar)}.
     */
    public List<String> loadReport() {
        List<String> out = new ArrayList<>();
        modules.forEach((name, m) -> out.add(name + ": " + m.source()
                + (m.notes().isEmpty() ? "" : " (after: " + String.join("; ", m.notes()) + ")")));
        return out;
    }

    /** A loaded kernel by name, for its resource use ({@link CudaFunction#registers()} and so on). */
    public CudaFunction function(String kernel) {
        CudaFunction f = functions.get(kernel);
        if (f == null) {
            throw new IllegalArgumentException("no kernel '" + kernel + "'; known: " + functions.keySet());
        }
        return f;
    }

    // ---- GEMM ------------------------------------------------------------------------------------------------

    /**
     * {@code C[m,n] = alpha·A[m,k]·B[n,k]ᵀ + beta·C}, row-major with leading dimensions; {@code beta = 0} never
     * reads {@code C}, {@code beta = 1} adds a residual held in {@code C}. Needs {@code k}, {@code lda},
     * {@code ldb}, {@code ldc} multiples of 8 and 16-byte aligned pointers; {@code C} must not overlap {@code A}
     * or {@code B}. Launch: 128×256 output tiles (fp16/bf16, tensor cores, 96 KiB of dynamic shared memory) or
     * 128×128 (fp32), one 256-thread block each; no split over K.
     */
    public void gemmNt(CudaStream s, KernelDType t, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, int m, int n, int k,
                       int lda, int ldb, int ldc, float alpha, float beta) {
        gemmNt(s, t, a, b, c, m, n, k, lda, ldb, ldc, alpha, beta, null);
    }

    /**
     * {@link #gemmNt(CudaStream, KernelDType, CUdeviceptr, CUdeviceptr, CUdeviceptr, int, int, int, int, int, int,
     * float, float) gemmNt}, split over K across {@link #gemmSplits} blocks per output tile when the tiles alone
     * do not fill the GPU (decode: {@code m} = batch), combined in the same launch. {@code workspace} holds at least
     * {@link #gemmWorkspaceBytes} bytes (16-byte aligned) or is {@code null} (no split); its arrival counters are
     * zeroed on the stream before a split launch (one small memset). Launches on different streams need different
     * workspaces.
     */
    public void gemmNt(CudaStream s, KernelDType t, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, int m, int n, int k,
                       int lda, int ldb, int ldc, float alpha, float beta, CUdeviceptr workspace) {
        String name = "gemm_nt_" + t.suffix();
        Checks check = Checks.of(name).notNull("stream", s).positive("m", m).positive("n", n).positive("k", k)
                .multipleOf("k", k, 8).atLeast("lda", lda, "k", k).atLeast("ldb", ldb, "k", k)
                .atLeast("ldc", ldc, "n", n).multipleOf("lda", lda, 8).multipleOf("ldb", ldb, 8)
                .multipleOf("ldc", ldc, 8).aligned("a", a, 16).aligned("b", b, 16).aligned("c", c, 16)
                .finite("alpha", alpha).finite("beta", beta);
        long tiles = gemmTiles(t, m, n);
        check.fitsInt("tiles", tiles);
        int splits = workspace == null ? 1 : gemmSplits(t, m, n, k);
        if (splits > 1) {
            check.aligned("workspace", workspace, 16);
            launcher.zeroInts(workspace.withByteOffset(4L * tiles * splits * GEMM_TILE_M * gemmTileN(t)),
                    (int) tiles, s);
        }
        launch(name, Dim3.of((int) tiles, splits), Dim3.of(GEMM_THREADS), t == KernelDType.F32 ? 0 : GEMM_TC_SHARED,
                s, a, b, c, m, n, k, lda, ldb, ldc, alpha, beta, splits, splits > 1 ? workspace : null);
    }

    private static int gemmTileN(KernelDType t) {
        return t == KernelDType.F32 ? GEMM_TILE_N_F32 : GEMM_TILE_N_TC;
    }

    private static long gemmTiles(KernelDType t, int m, int n) {
        return (long) ceilDiv(m, GEMM_TILE_M) * ceilDiv(n, gemmTileN(t));
    }

    /**
     * How many blocks split K for each output tile of an {@code m×n×k} GEMM: as many as the SMs left idle by the
     * tiles alone, while every split keeps at least 256 of K; 1 when the tiles fill the GPU (prefill).
     */
    public int gemmSplits(KernelDType t, int m, int n, int k) {
        long tiles = gemmTiles(t, m, n);
        return (int) Math.max(1, Math.min(sms / tiles, k / GEMM_MIN_K_PER_SPLIT));
    }

    /** Workspace bytes a split {@link #gemmNt} of this shape needs; 0 when it does not split. */
    public long gemmWorkspaceBytes(KernelDType t, int m, int n, int k) {
        int splits = gemmSplits(t, m, n, k);
        long tiles = gemmTiles(t, m, n);
        return splits == 1 ? 0 : 4L * (tiles * splits * GEMM_TILE_M * gemmTileN(t) + tiles);
    }

    // ---- row kernels -----------------------------------------------------------------------------------------

    /**
     * Threads per block for a row kernel over {@code cols} elements: enough for the row to stay in registers
     * (16 elements a thread), a multiple of 32, between 128 and 1024; longer rows stream with 1024.
     */
    static int rowThreads(int cols) {
        int need = ceilDiv(cols, ROW_ELEMENTS_PER_THREAD);
        return Math.min(1024, Math.max(ROW_THREADS_MIN, ceilDiv(need, 32) * 32));
    }

    /**
     * Row softmax of {@code scale·x} over contiguous {@code [rows, cols]} into {@code y} ({@code y} may be
     * {@code x}). With {@code causalQ > 0} row {@code r} is query {@code r % causalQ} of the last {@code causalQ}
     * positions and key {@code j} is masked when {@code j > r % causalQ + cols − causalQ}; masked weights are 0.
     * Launch: one block per row, {@link #rowThreads(int)} threads.
     */
    public void softmaxRows(CudaStream s, KernelDType t, CUdeviceptr x, CUdeviceptr y, int rows, int cols,
                            float scale, int causalQ) {
        String name = "softmax_rows_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("x", x).notNull("y", y).positive("rows", rows)
                .positive("cols", cols).finite("scale", scale).inRange("causalQ", causalQ, 0, cols + 1L);
        launch(name, Dim3.of(rows), Dim3.of(rowThreads(cols)), 0, s, x, y, rows, cols, scale, causalQ);
    }

    /**
     * {@code y = (x − mean)/sqrt(var + eps)·weight + bias} per row (biased variance); {@code bias} may be
     * {@code null}; row {@code r} of {@code x} starts at {@code r·ldX}, {@code y} is contiguous {@code [rows,
     * cols]}. Launch: one block per row, {@link #rowThreads(int)} threads.
     */
    public void layerNorm(CudaStream s, KernelDType t, CUdeviceptr x, CUdeviceptr weight, CUdeviceptr bias,
                          CUdeviceptr y, int rows, int cols, int ldX, float eps) {
        String name = "layernorm_" + t.suffix();
        checkNorm(name, s, x, weight, y, rows, cols, ldX, eps);
        launch(name, Dim3.of(rows), Dim3.of(rowThreads(cols)), 0, s, x, weight, bias, y, rows, cols, ldX, eps);
    }

    /** {@code y = x / sqrt(mean(x²) + eps)·weight}; layout and launch as {@link #layerNorm}. */
    public void rmsNorm(CudaStream s, KernelDType t, CUdeviceptr x, CUdeviceptr weight, CUdeviceptr y, int rows,
                        int cols, int ldX, float eps) {
        String name = "rmsnorm_" + t.suffix();
        checkNorm(name, s, x, weight, y, rows, cols, ldX, eps);
        launch(name, Dim3.of(rows), Dim3.of(rowThreads(cols)), 0, s, x, weight, y, rows, cols, ldX, eps);
    }

    private static void checkNorm(String name, CudaStream s, CUdeviceptr x, CUdeviceptr w, CUdeviceptr y, int rows,
                                  int cols, int ldX, float eps) {
        Checks.of(name).notNull("stream", s).notNull("x", x).notNull("weight", w).notNull("y", y)
                .positive("rows", rows).positive("cols", cols).atLeast("ldX", ldX, "cols", cols)
                .finite("eps", eps).nonNegative("eps", eps);
    }

    // ---- elementwise -----------------------------------------------------------------------------------------

    /** Blocks for a grid-stride loop over {@code n} elements of {@code t}, at most 32 per SM. */
    private int strideBlocks(KernelDType t, long n) {
        long vectors = ceilDiv(n, 16L / t.bytes());
        return (int) Math.max(1, Math.min(ceilDiv(vectors, ELEMENTWISE_THREADS), 32L * sms));
    }

    /** Exact (erf) GELU over {@code n} elements; {@code y} may be {@code x}. Launch: grid-stride, 256 threads. */
    public void gelu(CudaStream s, KernelDType t, CUdeviceptr x, CUdeviceptr y, long n) {
        String name = "gelu_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("x", x).notNull("y", y).positive("n", n);
        launch(name, Dim3.of(strideBlocks(t, n)), Dim3.of(ELEMENTWISE_THREADS), 0, s, x, y, n);
    }

    /** {@code y = a + b} over {@code n} elements; {@code y} may be {@code a} or {@code b}. Launch as {@link #gelu}. */
    public void add(CudaStream s, KernelDType t, CUdeviceptr a, CUdeviceptr b, CUdeviceptr y, long n) {
        String name = "add_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("a", a).notNull("b", b).notNull("y", y).positive("n", n);
        launch(name, Dim3.of(strideBlocks(t, n)), Dim3.of(ELEMENTWISE_THREADS), 0, s, a, b, y, n);
    }

    /**
     * {@code y[r, j] = silu(gu[r, j])·gu[r, dff + j]}: {@code gu} contiguous {@code [rows, 2·dff]} (gate and up
     * projections of one GEMM), {@code y} contiguous {@code [rows, dff]}. Launch: 256 threads; blocks across the
     * columns (one 16-byte vector a thread) times up to 65535 rows.
     */
    public void siluMul(CudaStream s, KernelDType t, CUdeviceptr gu, CUdeviceptr y, int rows, int dff) {
        String name = "silu_mul_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("gu", gu).notNull("y", y).positive("rows", rows)
                .positive("dff", dff).fitsInt("2·dff", 2L * dff);
        int columns = ceilDiv(ceilDiv(dff, 16 / t.bytes()), ELEMENTWISE_THREADS);
        launch(name, Dim3.of(columns, Math.min(rows, 65535)), Dim3.of(ELEMENTWISE_THREADS), 0, s, gu, y, rows,
                dff);
    }

    /**
     * {@code y[r, j] += bias[j]} for {@code j < cols} over {@code rows} rows {@code ldY} apart, in place (the Q/K/V
     * biases of the fused projection). Launch as {@link #siluMul}: 256 threads; blocks across the columns times up
     * to 65535 rows.
     */
    public void biasAdd(CudaStream s, KernelDType t, CUdeviceptr y, CUdeviceptr bias, int rows, int cols, int ldY) {
        String name = "bias_add_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("y", y).notNull("bias", bias).positive("rows", rows)
                .positive("cols", cols).atLeast("ldY", ldY, "cols", cols);
        int columns = ceilDiv(ceilDiv(cols, 16 / t.bytes()), ELEMENTWISE_THREADS);
        launch(name, Dim3.of(columns, Math.min(rows, 65535)), Dim3.of(ELEMENTWISE_THREADS), 0, s, y, bias, rows, cols,
                ldY);
    }

    /**
     * {@code y[i, :] = table[ids[i], :]} for {@code tokens} {@code int32} ids, {@code table} contiguous
     * {@code [vocab, hidden]}; ids must lie in {@code [0, vocab)} (the kernel cannot check them). Launch: one warp
     * per token, 8 per 256-thread block.
     */
    public void embedding(CudaStream s, KernelDType t, CUdeviceptr ids, CUdeviceptr table, CUdeviceptr y, int tokens,
                          int hidden) {
        String name = "embedding_" + t.suffix();
        Checks.of(name).notNull("stream", s).aligned("ids", ids, 4).notNull("table", table).notNull("y", y)
                .positive("tokens", tokens).positive("hidden", hidden);
        launch(name, Dim3.of(ceilDiv(tokens, EMBED_THREADS / 32)), Dim3.of(EMBED_THREADS), 0, s, ids, table, y,
                tokens, hidden);
    }

    // ---- attention -------------------------------------------------------------------------------------------

    private static Checks checkAttention(String name, CudaStream s, CUdeviceptr qkv, int batch, int heads,
                                         int kvHeads, int headDim, int ldQkv) {
        return Checks.of(name).notNull("stream", s).aligned("qkv", qkv, 16).positive("batch", batch)
                .atMost("batch", batch, "the grid's z limit", 65535).positive("heads", heads)
                .positive("kvHeads", kvHeads).divides("kvHeads", kvHeads, "heads", heads)
                .oneOf("headDim", headDim, HEAD_DIMS).atLeast("ldQkv", ldQkv, "(heads + 2·kvHeads)·headDim",
                        (heads + 2L * kvHeads) * headDim).multipleOf("ldQkv", ldQkv, 8);
    }

    /**
     * Flash attention over the fused QKV projection (row {@code t = b·seq + s} of {@code qkv}: {@code heads}
     * query heads, {@code kvHeads} key heads, {@code kvHeads} value heads, {@code headDim} each; query head
     * {@code h} reads KV head {@code h / (heads / kvHeads)}); output row {@code t} is {@code [heads·headDim]} at
     * {@code o + t·ldO}. {@code headDim} is one of {@link #HEAD_DIMS}; {@code ldQkv} and {@code ldO} multiples of 8,
     * {@code qkv} and {@code o} 16-byte aligned. Launch: blocks of 128 queries (256 threads) for fp16/bf16, 32
     * queries (128 threads) for fp32, times heads times batch.
     */
    public void attentionPrefill(CudaStream s, KernelDType t, CUdeviceptr qkv, CUdeviceptr o, int batch, int seq,
                                 int heads, int kvHeads, int headDim, int ldQkv, int ldO, float scale, boolean causal) {
        String name = "attention_prefill_" + t.suffix() + "_d" + headDim;
        checkAttention(name, s, qkv, batch, heads, kvHeads, headDim, ldQkv).aligned("o", o, 16).positive("seq", seq)
                .fitsInt("batch·seq", (long) batch * seq).atMost("heads", heads, "the grid's y limit", 65535)
                .atLeast("ldO", ldO, "heads·headDim", (long) heads * headDim).multipleOf("ldO", ldO, 8)
                .finite("scale", scale);
        boolean tc = t != KernelDType.F32;
        int rowsPerBlock = tc ? PREFILL_TC_ROWS : PREFILL_F32_ROWS;
        launch(name, Dim3.of(ceilDiv(seq, rowsPerBlock), heads, batch),
                Dim3.of(tc ? PREFILL_TC_THREADS : PREFILL_F32_THREADS), 0, s, qkv, o, batch, seq, heads, kvHeads,
                ldQkv, ldO, scale, causal ? 1 : 0);
    }

    /**
     * Writes each sequence's new K and V (row {@code b} of {@code qkv}) at position {@code pos} of caches laid out
     * {@code [batch, kvHeads, cacheLen, headDim]}: {@link #kvAppend(CudaStream, KernelDType, CUdeviceptr,
     * CUdeviceptr, CUdeviceptr, int, int, int, int, int, int, int, int) kvAppend} of one token per sequence.
     */
    public void kvAppend(CudaStream s, KernelDType t, CUdeviceptr qkv, CUdeviceptr kCache, CUdeviceptr vCache,
                         int batch, int heads, int kvHeads, int headDim, int ldQkv, int pos, int cacheLen) {
        kvAppend(s, t, qkv, kCache, vCache, batch, 1, heads, kvHeads, headDim, ldQkv, pos, cacheLen);
    }

    /**
     * Writes {@code tokens} new tokens of each sequence into caches laid out {@code [batch, kvHeads, cacheLen,
     * headDim]}: the K and V of row {@code b·tokens + s} of {@code qkv} go to position {@code pos + s} of sequence
     * {@code b} (decode: one token; a generation's prefill: the whole prompt at {@code pos = 0}). Needs
     * {@code pos + tokens <= cacheLen}. Launch: one 256-thread block per token, {@code batch·tokens} blocks.
     */
    public void kvAppend(CudaStream s, KernelDType t, CUdeviceptr qkv, CUdeviceptr kCache, CUdeviceptr vCache,
                         int batch, int tokens, int heads, int kvHeads, int headDim, int ldQkv, int pos,
                         int cacheLen) {
        String name = "kv_append_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("qkv", qkv).notNull("kCache", kCache).notNull("vCache", vCache)
                .positive("batch", batch).positive("tokens", tokens).fitsInt("batch·tokens", (long) batch * tokens)
                .positive("heads", heads).positive("kvHeads", kvHeads)
                .divides("kvHeads", kvHeads, "heads", heads).positive("headDim", headDim)
                .atLeast("ldQkv", ldQkv, "(heads + 2·kvHeads)·headDim", (heads + 2L * kvHeads) * headDim)
                .positive("cacheLen", cacheLen).inRange("pos", pos, 0, cacheLen)
                .atMost("pos + tokens", (long) pos + tokens, "cacheLen", cacheLen);
        launch(name, Dim3.of(batch * tokens), Dim3.of(KV_APPEND_THREADS), 0, s, qkv, kCache, vCache, batch, tokens,
                heads, kvHeads, headDim, ldQkv, pos, cacheLen);
    }

    /**
     * Rotary position embeddings, in place on the {@code heads} query and {@code kvHeads} key heads at the start of
     * each row of {@code qkv} (rotate-half: element {@code i < headDim/2} of a head pairs with {@code i +
     * headDim/2}); row {@code b·tokens + s} is at position {@code pos + s}. {@code table} is fp32 {@code [positions,
     * headDim]} from {@link RopeTable#of} (cosines, then sines) with {@code pos + tokens <= positions}. Launch:
     * grid-stride over every (row, head, pair), 256 threads, at most 32 blocks per SM.
     */
    public void rope(CudaStream s, KernelDType t, CUdeviceptr qkv, CUdeviceptr table, int positions, int batch,
                     int tokens, int heads, int kvHeads, int headDim, int ldQkv, int pos) {
        String name = "rope_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("qkv", qkv).aligned("table", table, 4).positive("batch", batch)
                .positive("tokens", tokens).positive("heads", heads).positive("kvHeads", kvHeads)
                .positive("headDim", headDim).multipleOf("headDim", headDim, 2)
                .atLeast("ldQkv", ldQkv, "(heads + 2·kvHeads)·headDim", (heads + 2L * kvHeads) * headDim)
                .inRange("pos", pos, 0, positions)
                .atMost("pos + tokens", (long) pos + tokens, "positions", positions);
        long pairs = (long) batch * tokens * (heads + kvHeads) * (headDim / 2);
        int blocks = (int) Math.max(1, Math.min(ceilDiv(pairs, ROPE_THREADS), 32L * sms));
        launch(name, Dim3.of(blocks), Dim3.of(ROPE_THREADS), 0, s, qkv, table, batch, tokens, heads, kvHeads, headDim,
                ldQkv, pos);
    }

    /**
     * Workspace that {@link #attentionDecode} needs for {@code batch} sequences of {@code heads} query heads of
     * {@code headDim} over a context of up to {@code maxCtx} positions, with any number of KV heads; 0 when it
     * does not split the context (allocate nothing and pass {@code null}). Depends on the GPU's SM count.
     */
    public long decodeWorkspaceBytes(KernelDType t, int batch, int heads, int headDim, int maxCtx) {
        Checks.of("attention_decode_" + t.suffix()).positive("batch", batch).positive("heads", heads)
                .positive("headDim", headDim).positive("maxCtx", maxCtx);
        return DecodePlan.workspaceBound(t, sms, batch, heads, headDim, maxCtx);
    }

    /**
     * One decode step: each sequence's single query (row {@code b} of {@code qkv}, layout as
     * {@link #attentionPrefill}) attends positions {@code [0, ctx)} of its caches ({@code [batch, kvHeads,
     * cacheLen, headDim]}, 16-byte aligned); output row {@code b} at {@code o + b·ldO}. When the sequences and
     * heads give the GPU too few blocks, the context is split across blocks and combined by the last one
     * (flash-decoding); that needs {@code workspace} of {@link #decodeWorkspaceBytes} bytes for a {@code maxCtx >=
     * ctx}, whose counters this method zeroes (one small memset on the stream) before the launch. With a
     * {@code null} workspace the context is not split. Launch: 128-thread blocks of up to 8 query heads sharing a KV
     * head, times splits, times batch.
     */
    public void attentionDecode(CudaStream s, KernelDType t, CUdeviceptr qkv, CUdeviceptr kCache, CUdeviceptr vCache,
                                CUdeviceptr o, CUdeviceptr workspace, int batch, int heads, int kvHeads, int headDim,
                                int ldQkv, int ldO, int ctx, int cacheLen, float scale) {
        String name = "attention_decode_" + t.suffix() + "_d" + headDim;
        Checks c = checkAttention(name, s, qkv, batch, heads, kvHeads, headDim, ldQkv).notNull("o", o)
                .aligned("kCache", kCache, 16).aligned("vCache", vCache, 16)
                .atLeast("ldO", ldO, "heads·headDim", (long) heads * headDim).positive("cacheLen", cacheLen)
                .inRange("ctx", ctx, 1, cacheLen + 1L).finite("scale", scale);
        if (workspace != null) {
            c.aligned("workspace", workspace, 16);
        }
        DecodePlan plan = DecodePlan.of(t, sms, batch, heads, kvHeads, headDim, ctx, workspace != null);
        if (plan.splits() > 1) {
            launcher.zeroInts(workspace.withByteOffset(plan.counterOffsetBytes()), plan.counters(), s);
        }
        launch(name, Dim3.of(plan.splits(), kvHeads * plan.headGroups(), batch), Dim3.of(DecodePlan.THREADS), 0, s,
                qkv, kCache, vCache, o, batch, heads, kvHeads, ldQkv, ldO, ctx, cacheLen, scale, plan.splits(),
                plan.splits() > 1 ? workspace : null);
    }

    // ---- initialisation --------------------------------------------------------------------------------------

    private int fillBlocks(long n) {
        return (int) Math.max(1, Math.min(ceilDiv(n, FILL_THREADS), 32L * sms));
    }

    /**
     * {@code n} normal values of standard deviation {@code std}, a function of ({@code seed}, index) only (the same
     * on any GPU and grid). Launch: grid-stride, 256 threads.
     */
    public void fillNormal(CudaStream s, KernelDType t, CUdeviceptr y, long n, long seed, float std) {
        String name = "fill_normal_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("y", y).positive("n", n).finite("std", std);
        launch(name, Dim3.of(fillBlocks(n)), Dim3.of(FILL_THREADS), 0, s, y, n, seed, std);
    }

    /** {@code n} copies of {@code v} (rounded to {@code t}). Launch as {@link #fillNormal}. */
    public void fillConst(CudaStream s, KernelDType t, CUdeviceptr y, long n, float v) {
        String name = "fill_const_" + t.suffix();
        Checks.of(name).notNull("stream", s).notNull("y", y).positive("n", n);
        launch(name, Dim3.of(fillBlocks(n)), Dim3.of(FILL_THREADS), 0, s, y, n, v);
    }

    /** {@code n} {@code int32} token ids in {@code [0, vocab)}, a function of ({@code seed}, index) only. */
    public void fillIds(CudaStream s, CUdeviceptr ids, long n, long seed, int vocab) {
        Checks.of("fill_ids").notNull("stream", s).aligned("ids", ids, 4).positive("n", n).positive("vocab", vocab);
        launch("fill_ids", Dim3.of(fillBlocks(n)), Dim3.of(FILL_THREADS), 0, s, ids, n, seed, vocab);
    }

    /** Unloads every module. */
    @Override
    public void close() {
        modules.values().forEach(KernelModule::close);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
