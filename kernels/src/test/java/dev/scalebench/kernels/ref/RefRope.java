package dev.scalebench.kernels.ref;

import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;

/**
 * {@code rope_<dt>(qkv, table, batch, tokens, heads, kv_heads, head_dim, ld_qkv, pos)}: rotary position embeddings in
 * place on the query and key heads of the fused QKV layout ({@link AttentionShape}), rotate-half convention. Row
 * {@code r = b·tokens + s} is at position {@code p = pos + s}; for every query and key head and {@code i < D/2},
 * with {@code c, s} from row {@code p} of the table ({@code dev.scalebench.kernels.ops.RopeTable}):
 * {@code y[i] = x[i]·c − x[i + D/2]·s}, {@code y[i + D/2] = x[i + D/2]·c + x[i]·s}. Value heads and the row padding
 * are untouched. Computed in double from the fp32 table, rounded once to the type.
 */
public final class RefRope {
    private RefRope() {
    }

    /**
     * The buffer after the kernel. Error scale {@code |x1·c| + |x2·s|} of each rotated element (0 elsewhere).
     *
     * @param qkv {@code batch·tokens} rows of {@code shape.ldQkv()} elements
     * @param table {@code [positions, headDim]}: cosines, then sines
     */
    public static Expected apply(KernelDType t, float[] qkv, float[] table, AttentionShape shape, int tokens,
                                 int pos) {
        int dim = shape.headDim();
        int half = dim / 2;
        if (dim % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + dim + " is odd");
        }
        if (pos < 0 || (long) (pos + tokens) * dim > table.length) {
            throw new IllegalArgumentException("positions " + pos + " .. " + (pos + tokens - 1) + " outside a table of "
                    + table.length / dim);
        }
        float[] out = qkv.clone();
        double[] mag = new double[qkv.length];
        for (int r = 0; r < shape.batch() * tokens; r++) {
            int p = pos + r % tokens;
            for (int h = 0; h < shape.heads() + shape.kvHeads(); h++) {
                int at = r * shape.ldQkv() + h * dim;
                for (int i = 0; i < half; i++) {
                    double c = table[p * dim + i];
                    double s = table[p * dim + half + i];
                    double x1 = qkv[at + i];
                    double x2 = qkv[at + half + i];
                    out[at + i] = HalfFloats.round(t, (float) (x1 * c - x2 * s));
                    out[at + half + i] = HalfFloats.round(t, (float) (x2 * c + x1 * s));
                    mag[at + i] = Math.abs(x1 * c) + Math.abs(x2 * s);
                    mag[at + half + i] = Math.abs(x2 * c) + Math.abs(x1 * s);
                }
            }
        }
        return new Expected(out, mag);
    }
}
