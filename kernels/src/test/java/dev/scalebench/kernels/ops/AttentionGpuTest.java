package dev.scalebench.kernels.ops;

import dev.scalebench.kernels.DeviceBuffer;
import dev.scalebench.kernels.ref.AttentionShape;
import dev.scalebench.kernels.ref.Expected;
import dev.scalebench.kernels.ref.RandomData;
import dev.scalebench.kernels.ref.RefAttention;
import dev.scalebench.kernels.ref.Tolerance;
import dev.scalebench.kernels.ref.Tolerances;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Attention kernels × type × shapes (head dims 32 to 128, GQA, sequences off the tile sizes, padded rows). */
@Tag("gpu")
class AttentionGpuTest extends GpuFixture {
    private static final float SENTINEL = 7f;

    private static AttentionShape padded(int batch, int heads, int kv, int d, int pad) {
        return new AttentionShape(batch, heads, kv, d, (heads + 2 * kv) * d + pad, heads * d + pad);
    }

    static Stream<Arguments> prefillCases() {
        int[][] shapes = {   // batch, seq, heads, kv heads, head dim, row padding
            {1, 1, 1, 1, 64, 0}, {2, 77, 4, 4, 64, 8}, {1, 300, 8, 2, 128, 0}, {2, 129, 3, 1, 80, 8},
            {1, 200, 2, 2, 32, 0}, {1, 64, 4, 2, 96, 0}, {3, 33, 6, 3, 128, 16}};
        List<Arguments> out = new ArrayList<>();
        for (KernelDType t : KernelDType.values()) {
            for (int[] sh : shapes) {
                for (boolean causal : new boolean[] {true, false}) {
                    out.add(Arguments.of(t, sh[0], sh[1], sh[2], sh[3], sh[4], sh[5], causal));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} b{1} seq{2} h{3} kv{4} d{5} pad{6} causal {7}")
    @MethodSource("prefillCases")
    void prefill(KernelDType t, int batch, int seq, int heads, int kv, int d, int pad, boolean causal) {
        AttentionShape sh = padded(batch, heads, kv, d, pad);
        int rows = batch * seq;
        float scale = (float) (1 / Math.sqrt(d));
        float[] qkv = RandomData.normal(t, rows * sh.ldQkv(), seq + d, 1);
        float[] o = RandomData.filled(rows * sh.ldO(), SENTINEL);
        Expected want = RefAttention.prefillNaive(t, qkv, o, sh, seq, scale, causal);
        try (DeviceBuffer dq = upload(t, qkv); DeviceBuffer dout = upload(t, o)) {
            k.attentionPrefill(s, t, dq.pointer(), dout.pointer(), batch, seq, heads, kv, d, sh.ldQkv(), sh.ldO(), scale,
                    causal);
            check(String.format("attention_prefill_%s_d%d b%d seq%d h%d kv%d pad%d causal %s", t.suffix(), d, batch,
                    seq, heads, kv, pad, causal), download(dout, t, o.length), want, Tolerances.attention(t, seq, d));
        }
    }

    @ParameterizedTest
    @EnumSource(KernelDType.class)
    void kvAppendWritesOnlyItsPosition(KernelDType t) {
        AttentionShape sh = padded(3, 4, 2, 64, 8);
        int cacheLen = 50;
        float[] qkv = RandomData.normal(t, 3 * sh.ldQkv(), 1, 1);
        int cache = 3 * 2 * cacheLen * 64;
        float[] kc = RandomData.normal(t, cache, 2, 1);
        float[] vc = RandomData.normal(t, cache, 3, 1);
        try (DeviceBuffer dq = upload(t, qkv); DeviceBuffer dk = upload(t, kc); DeviceBuffer dv = upload(t, vc)) {
            for (int pos : new int[] {0, 17, cacheLen - 1}) {
                k.kvAppend(s, t, dq.pointer(), dk.pointer(), dv.pointer(), 3, 4, 2, 64, sh.ldQkv(), pos, cacheLen);
                RefAttention.kvAppend(qkv, kc, vc, sh, pos, cacheLen);
                check("kv_append_" + t.suffix() + " k pos " + pos, download(dk, t, cache), exact(kc), Tolerance.EXACT);
                check("kv_append_" + t.suffix() + " v pos " + pos, download(dv, t, cache), exact(vc), Tolerance.EXACT);
            }
        }
    }

    /** A generation's prefill writes its whole prompt: row b·tokens + s to position pos + s. */
    @ParameterizedTest
    @EnumSource(KernelDType.class)
    void kvAppendOfAPromptWritesEveryPosition(KernelDType t) {
        AttentionShape sh = padded(2, 8, 2, 128, 8);
        int tokens = 37;
        int cacheLen = 45;
        float[] qkv = RandomData.normal(t, 2 * tokens * sh.ldQkv(), 4, 1);
        int cache = 2 * 2 * cacheLen * 128;
        float[] kc = RandomData.normal(t, cache, 5, 1);
        float[] vc = RandomData.normal(t, cache, 6, 1);
        try (DeviceBuffer dq = upload(t, qkv); DeviceBuffer dk = upload(t, kc); DeviceBuffer dv = upload(t, vc)) {
            for (int pos : new int[] {0, cacheLen - tokens}) {
                k.kvAppend(s, t, dq.pointer(), dk.pointer(), dv.pointer(), 2, tokens, 8, 2, 128, sh.ldQkv(), pos,
                        cacheLen);
                RefAttention.kvAppend(qkv, kc, vc, sh, tokens, pos, cacheLen);
                check("kv_append_" + t.suffix() + " k tokens " + tokens + " pos " + pos, download(dk, t, cache),
                        exact(kc), Tolerance.EXACT);
                check("kv_append_" + t.suffix() + " v tokens " + tokens + " pos " + pos, download(dv, t, cache),
                        exact(vc), Tolerance.EXACT);
            }
        }
    }

    private static Expected exact(float[] v) {
        return new Expected(v.clone(), new double[v.length]);
    }

    static Stream<Arguments> decodeCases() {
        int[][] shapes = {   // batch, heads, kv heads, head dim, ctx, cache length
            {1, 1, 1, 64, 1, 1}, {2, 8, 2, 128, 1000, 1024}, {3, 12, 12, 64, 333, 400}, {4, 32, 8, 80, 2048, 2048},
            {1, 16, 1, 128, 5000, 5000}, {64, 8, 8, 64, 77, 100}, {2, 6, 2, 96, 129, 129}, {1, 4, 4, 32, 65, 70}};
        List<Arguments> out = new ArrayList<>();
        for (KernelDType t : KernelDType.values()) {
            for (int[] sh : shapes) {
                out.add(Arguments.of(t, sh[0], sh[1], sh[2], sh[3], sh[4], sh[5]));
            }
        }
        return out.stream();
    }

    /**
     * Decode with the context split (workspace) and unsplit ({@code null}), twice with the same workspace (the
     * combine's counters must be ready again), and once with a shorter context (the counters move).
     */
    @ParameterizedTest(name = "{0} b{1} h{2} kv{3} d{4} ctx{5} cache{6}")
    @MethodSource("decodeCases")
    void decode(KernelDType t, int batch, int heads, int kv, int d, int context, int cacheLen) {
        AttentionShape sh = padded(batch, heads, kv, d, 8);
        float scale = (float) (1 / Math.sqrt(d));
        float[] qkv = RandomData.normal(t, batch * sh.ldQkv(), context, 1);
        int cache = batch * kv * cacheLen * d;
        float[] kc = RandomData.normal(t, cache, 2, 1);
        float[] vc = RandomData.normal(t, cache, 3, 1);
        float[] o = RandomData.filled(batch * sh.ldO(), SENTINEL);
        long wsBytes = k.decodeWorkspaceBytes(t, batch, heads, d, context);
        try (DeviceBuffer dq = upload(t, qkv); DeviceBuffer dk = upload(t, kc); DeviceBuffer dv = upload(t, vc);
             DeviceBuffer dout = upload(t, o); DeviceBuffer ws = ctx.allocate(Math.max(16, wsBytes))) {
            int shorter = Math.max(1, context / 3);
            for (int c : new int[] {context, context, shorter}) {
                Expected want = RefAttention.decode(t, qkv, kc, vc, o, sh, c, cacheLen, scale);
                Tolerance tol = Tolerances.attention(t, c, d);
                DecodePlan plan = DecodePlan.of(t, ctx.device().sms(), batch, heads, kv, d, c, wsBytes > 0);
                String label = String.format("attention_decode_%s_d%d b%d h%d kv%d ctx%d", t.suffix(), d, batch, heads,
                        kv, c);
                k.attentionDecode(s, t, dq.pointer(), dk.pointer(), dv.pointer(), dout.pointer(),
                        wsBytes > 0 ? ws.pointer() : null, batch, heads, kv, d, sh.ldQkv(), sh.ldO(), c, cacheLen, scale);
                check(label + " splits " + plan.splits(), download(dout, t, o.length), want, tol);
                write(dout, t, o);
                k.attentionDecode(s, t, dq.pointer(), dk.pointer(), dv.pointer(), dout.pointer(), null, batch, heads, kv,
                        d, sh.ldQkv(), sh.ldO(), c, cacheLen, scale);
                check(label + " unsplit", download(dout, t, o.length), want, tol);
            }
        }
    }

    /** On the device too: a decode step equals the last row of causal prefill over the same keys and values. */
    @ParameterizedTest
    @EnumSource(KernelDType.class)
    void decodeEqualsTheLastRowOfPrefill(KernelDType t) {
        int batch = 2;
        int seq = 150;
        AttentionShape sh = padded(batch, 8, 2, 64, 0);
        float scale = 0.125f;
        float[] qkv = RandomData.normal(t, batch * seq * sh.ldQkv(), 11, 1);
        int cache = batch * 2 * seq * 64;
        // different sentinels in the two outputs: a kernel that writes nothing cannot pass
        try (DeviceBuffer dq = upload(t, qkv); DeviceBuffer prefillOut = upload(t,
                RandomData.filled(batch * seq * sh.ldO(), SENTINEL));
             DeviceBuffer step = ctx.allocate(t.bytes(batch * sh.ldQkv()));
             DeviceBuffer dk = ctx.allocate(t.bytes(cache)); DeviceBuffer dv = ctx.allocate(t.bytes(cache));
             DeviceBuffer dout = upload(t, RandomData.filled(batch * sh.ldO(), -SENTINEL));
             DeviceBuffer ws = ctx.allocate(Math.max(16, k.decodeWorkspaceBytes(t, batch, 8, 64, seq)))) {
            k.attentionPrefill(s, t, dq.pointer(), prefillOut.pointer(), batch, seq, 8, 2, 64, sh.ldQkv(), sh.ldO(), scale,
                    true);
            float[] rows = new float[batch * sh.ldQkv()];
            for (int pos = 0; pos < seq; pos++) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(qkv, (b * seq + pos) * sh.ldQkv(), rows, b * sh.ldQkv(), sh.ldQkv());
                }
                write(step, t, rows);
                k.kvAppend(s, t, step.pointer(), dk.pointer(), dv.pointer(), batch, 8, 2, 64, sh.ldQkv(), pos, seq);
            }
            k.attentionDecode(s, t, step.pointer(), dk.pointer(), dv.pointer(), dout.pointer(), ws.pointer(), batch, 8, 2,
                    64, sh.ldQkv(), sh.ldO(), seq, seq, scale);
            float[] all = download(prefillOut, t, batch * seq * sh.ldO());
            float[] last = new float[batch * sh.ldO()];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(all, (b * seq + seq - 1) * sh.ldO(), last, b * sh.ldO(), sh.ldO());
            }
            double[] scaleOf = new double[last.length];
            Arrays.fill(scaleOf, 1);                     // Σp·|v| of unit-normal V is about 0.8: 1 bounds it
            check("decode vs last prefill row " + t.suffix(), download(dout, t, last.length),
                    new Expected(last, scaleOf), Tolerances.attention(t, seq, 64).times(2));   // both err
        }
    }
}
