package dev.scalebench.kernels.ref;

/**
 * {@code embedding_<dt>(ids, table, y, tokens, hidden)}: {@code y[t, :] = table[ids[t], :]}, {@code table}
 * contiguous {@code [vocab, hidden]}, {@code y} contiguous {@code [tokens, hidden]}, ids {@code int32}. A copy: the
 * expected values are bit-identical to the table's.
 */
public final class RefEmbedding {
    private RefEmbedding() {
    }

    /** The gathered rows; error scale 0. */
    public static Expected lookup(int[] ids, float[] table, int hidden) {
        int vocab = table.length / hidden;
        float[] y = new float[ids.length * hidden];
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] < 0 || ids[t] >= vocab) {
                throw new IllegalArgumentException("ids[" + t + "] = " + ids[t] + " outside [0, " + vocab + ")");
            }
            System.arraycopy(table, ids[t] * hidden, y, t * hidden, hidden);
        }
        return new Expected(y, new double[y.length]);
    }
}
