package dev.scalebench.kernels.ops;

/**
 * How {@code attention_decode} splits the context across blocks (flash-decoding) and the workspace that takes.
 * A block serves up to {@value #GROUP_MAX} query heads sharing one KV head, over one chunk of the context; when the
 * sequences and KV heads alone give too few blocks for the GPU, the context is split until about
 * {@value #WAVES} blocks per SM are queued, keeping at least two tiles per split and at most {@value #MAX_SPLITS}
 * splits. With more than one split every block writes its partial output ({@code D} floats) and log-sum-exp
 * (1 float) per head to the workspace, followed by one {@code int} counter per (sequence, head group) that the
 * last block to finish uses (and resets).
 *
 * @param splits blocks along the context
 * @param headGroups blocks per (sequence, KV head): {@code ceil((heads / kvHeads) / 8)}
 * @param tile keys per tile: 64 for 16-bit types, 32 for fp32
 * @param counterOffsetBytes where the counters start in the workspace
 * @param counters how many counters ({@code batch·kvHeads·headGroups})
 */
record DecodePlan(int splits, int headGroups, int tile, long counterOffsetBytes, int counters) {
    /** Query heads per block at most. */
    static final int GROUP_MAX = 8;
    /** Threads per block. */
    static final int THREADS = 128;
    /** Splits at most. */
    static final int MAX_SPLITS = 32;
    /** Blocks per SM the split aims at. */
    static final int WAVES = 2;

    static int tile(KernelDType t) {
        return t == KernelDType.F32 ? 32 : 64;
    }

    /**
     * The plan for one launch. {@code allowSplit} false (no workspace) forces one split.
     */
    static DecodePlan of(KernelDType t, int sms, int batch, int heads, int kvHeads, int headDim, int ctx,
                         boolean allowSplit) {
        int groups = ceilDiv(heads / kvHeads, GROUP_MAX);
        int splits = allowSplit ? splits(t, sms, (long) batch * kvHeads * groups, ctx) : 1;
        long parts = (long) batch * heads * splits;
        return new DecodePlan(splits, groups, tile(t), 4 * parts * (headDim + 1L), batch * kvHeads * groups);
    }

    /** Workspace bytes for the plan; 0 without a split. */
    long workspaceBytes() {
        return splits == 1 ? 0 : counterOffsetBytes + 4L * counters;
    }

    /**
     * Workspace bytes that suffice for any {@code kvHeads} dividing {@code heads} and any context up to
     * {@code maxCtx}: the split count grows with the context and shrinks with the blocks per split, fewest when
     * {@code kvHeads = 1} ({@code batch·ceil(heads / 8)} blocks); counters are at most {@code batch·heads}.
     */
    static long workspaceBound(KernelDType t, int sms, int batch, int heads, int headDim, int maxCtx) {
        int splits = splits(t, sms, (long) batch * ceilDiv(heads, GROUP_MAX), maxCtx);
        if (splits == 1) {
            return 0;
        }
        return 4L * batch * heads * splits * (headDim + 1L) + 4L * batch * heads;
    }

    private static int splits(KernelDType t, int sms, long baseBlocks, int ctx) {
        long want = ceilDiv((long) WAVES * Math.max(1, sms), baseBlocks);
        long byContext = Math.max(1, ceilDiv(ctx, 2L * tile(t)));
        return (int) Math.max(1, Math.min(Math.min(want, byContext), MAX_SPLITS));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
