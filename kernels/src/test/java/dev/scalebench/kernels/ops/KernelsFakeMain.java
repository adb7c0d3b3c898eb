package dev.scalebench.kernels.ops;

import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.DeviceBuffer;

/**
 * What {@link KernelsFakeCudaTest} runs in a child JVM against the fake driver: loads every module, then launches
 * every kernel family of every type over buffers of exactly the size the shapes need (the fake rejects pointers
 * outside live allocations and memsets that leave one), and prints {@code key=value} lines.
 */
final class KernelsFakeMain {
    private KernelsFakeMain() {
    }

    public static void main(String[] args) {
        try (CudaContext ctx = CudaContext.open(0); Kernels k = Kernels.load(ctx); Probes p = Probes.load(ctx)) {
            CudaStream s = ctx.defaultStream();
            k.loadReport().forEach(l -> System.out.println("report=" + l));
            p.loadReport().forEach(l -> System.out.println("report=" + l));
            for (KernelDType t : KernelDType.values()) {
                layer(ctx, k, s, t);
            }
            try (DeviceBuffer ids = ctx.allocate(4L * 100)) {
                k.fillIds(s, ids.pointer(), 100, 0xFEDCBA9876543210L, 50304);
            }
            long n4 = 1 << 16;
            try (DeviceBuffer a = ctx.allocate(16 * n4); DeviceBuffer b = ctx.allocate(16 * n4);
                 DeviceBuffer c = ctx.allocate(16 * n4); DeviceBuffer out = ctx.allocate(Probes.outBytes(4))) {
                p.copy(s, a.pointer(), c.pointer(), n4, 4);
                p.triad(s, a.pointer(), b.pointer(), c.pointer(), 2f, n4, 4);
                p.fma(s, out.pointer(), 4, 10);
                for (Probes.Mma m : Probes.Mma.values()) {
                    p.mma(s, m, out.pointer(), 4, 10);
                }
            }
            ctx.synchronize();
            System.out.println("ok=true");
        }
    }

    /** One decoder layer's launches (prefill and decode) at a small shape with GQA and every head dimension. */
    private static void layer(CudaContext ctx, Kernels k, CudaStream s, KernelDType t) {
        int batch = 2;
        int seq = 70;
        int hidden = 256;
        int ffn = 688;
        int vocab = 512;
        int rows = batch * seq;
        try (DeviceBuffer ids = ctx.allocate(4L * rows); DeviceBuffer table = ctx.allocate(t.bytes(vocab * hidden));
             DeviceBuffer x = ctx.allocate(t.bytes(rows * hidden)); DeviceBuffer xn = ctx.allocate(t.bytes(rows * hidden));
             DeviceBuffer w = ctx.allocate(t.bytes(hidden)); DeviceBuffer gu = ctx.allocate(t.bytes(rows * 2 * ffn));
             DeviceBuffer act = ctx.allocate(t.bytes(rows * ffn)); DeviceBuffer wi = ctx.allocate(t.bytes(2 * ffn * hidden));
             DeviceBuffer sm = ctx.allocate(t.bytes(rows * seq))) {
            k.fillIds(s, ids.pointer(), rows, 1, vocab);
            k.fillNormal(s, t, table.pointer(), vocab * hidden, 0x9E3779B97F4A7C15L, 0.02f);
            k.fillConst(s, t, w.pointer(), hidden, 1f);
            k.embedding(s, t, ids.pointer(), table.pointer(), x.pointer(), rows, hidden);
            k.layerNorm(s, t, x.pointer(), w.pointer(), w.pointer(), xn.pointer(), rows, hidden, hidden, 1e-5f);
            k.rmsNorm(s, t, x.pointer(t.bytes((seq - 1) * hidden)), w.pointer(), xn.pointer(), batch, hidden,
                    seq * hidden, 1e-5f);
            k.gemmNt(s, t, xn.pointer(), wi.pointer(), gu.pointer(), rows, 2 * ffn, hidden, hidden, hidden, 2 * ffn, 1f,
                    0f);
            k.siluMul(s, t, gu.pointer(), act.pointer(), rows, ffn);
            // decode-sized down projection: 2 rows, so K = 688 is split across blocks and combined in the workspace
            long gws = k.gemmWorkspaceBytes(t, batch, hidden, ffn);
            try (DeviceBuffer ws = ctx.allocate(Math.max(16, gws))) {
                k.gemmNt(s, t, act.pointer(), wi.pointer(), x.pointer(), batch, hidden, ffn, ffn, ffn, hidden, 1f, 1f,
                        ws.pointer());
            }
            System.out.println("gemm.splits." + t.suffix() + "=" + k.gemmSplits(t, batch, hidden, ffn));
            k.gelu(s, t, act.pointer(), act.pointer(), (long) rows * ffn);
            k.add(s, t, x.pointer(), xn.pointer(), x.pointer(), (long) rows * hidden);
            k.softmaxRows(s, t, sm.pointer(), sm.pointer(), rows, seq, 0.125f, seq);
        }
        for (int d : Kernels.HEAD_DIMS) {
            attention(ctx, k, s, t, d);
        }
    }

    private static void attention(CudaContext ctx, Kernels k, CudaStream s, KernelDType t, int d) {
        int batch = 2;
        int seq = 70;
        int heads = 8;
        int kv = 2;
        int ldQkv = (heads + 2 * kv) * d;
        int ldO = heads * d;
        int cacheLen = 600;
        int ctxLen = 600;
        long ws = k.decodeWorkspaceBytes(t, batch, heads, d, ctxLen);
        try (DeviceBuffer qkv = ctx.allocate(t.bytes(batch * seq * ldQkv)); DeviceBuffer o = ctx.allocate(t.bytes(batch * seq * ldO));
             DeviceBuffer kc = ctx.allocate(t.bytes(batch * kv * cacheLen * d));
             DeviceBuffer vc = ctx.allocate(t.bytes(batch * kv * cacheLen * d));
             DeviceBuffer wsb = ctx.allocate(Math.max(4, ws))) {
            k.attentionPrefill(s, t, qkv.pointer(), o.pointer(), batch, seq, heads, kv, d, ldQkv, ldO, 0.1f, true);
            k.kvAppend(s, t, qkv.pointer(), kc.pointer(), vc.pointer(), batch, heads, kv, d, ldQkv, cacheLen - 1, cacheLen);
            k.kvAppend(s, t, qkv.pointer(), kc.pointer(), vc.pointer(), batch, seq, heads, kv, d, ldQkv, 0, cacheLen);
            try (DeviceBuffer table = ctx.allocate(4L * cacheLen * d)) {
                table.copyFrom(RopeTable.of(500_000, d, cacheLen));
                k.rope(s, t, qkv.pointer(), table.pointer(), cacheLen, batch, seq, heads, kv, d, ldQkv, 0);
                k.rope(s, t, qkv.pointer(), table.pointer(), cacheLen, batch, 1, heads, kv, d, ldQkv, cacheLen - 1);
            }
            k.biasAdd(s, t, qkv.pointer(), qkv.pointer(), batch * seq, ldQkv, ldQkv);
            k.attentionDecode(s, t, qkv.pointer(), kc.pointer(), vc.pointer(), o.pointer(), ws > 0 ? wsb.pointer() : null,
                    batch, heads, kv, d, ldQkv, ldO, ctxLen, cacheLen, 0.1f);
            k.attentionDecode(s, t, qkv.pointer(), kc.pointer(), vc.pointer(), o.pointer(), ws > 0 ? wsb.pointer() : null,
                    batch, heads, kv, d, ldQkv, ldO, 33, cacheLen, 0.1f);
            System.out.println("workspace." + t.suffix() + ".d" + d + "=" + ws);
        }
    }
}
