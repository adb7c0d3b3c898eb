package dev.scalebench.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Shard {@code index} of {@code count} (1-based: {@code 1/3}, {@code 2/3}, {@code 3/3}) of a sweep run as
 * separate processes. A point belongs to shard {@link #owner(String, int)}: the first 8 bytes of the SHA-256 of
 * its UTF-8 id, as an unsigned number, modulo {@code count}, plus one. The split depends only on the point ids, so
 * it is the same on every machine and in every run of the same plan; all replicates of a point run in its shard.
 *
 * @param index this shard, 1 ≤ index ≤ count
 * @param count number of shards, 1 ≤ count ≤ {@value #MAX_COUNT}
 */
public record Shard(int index, int count) {

    /** How a shard's manifest gives the reason for another shard's point; followed by that shard, {@code K/N}. */
    public static final String ELSEWHERE = "runs in shard ";

    /** The most shards a sweep can be split into. */
    public static final int MAX_COUNT = 10_000;

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the number of shards N is " + count + "; it must be 1 to " + MAX_COUNT);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("the shard index K is " + index + "; it must be 1 to N = " + count
                    + " (K is 1-based: a Kubernetes JOB_COMPLETION_INDEX, which starts at 0, needs +1)");
        }
    }

    /** Parses {@code K/N}, e.g. {@code 2/8}; the message of the exception says what is wrong. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected K/N, e.g. 2/8 for the second of 8 shards");
        }
        int k;
        int n;
        try {
            k = Integer.parseInt(t.substring(0, slash).trim());
            n = Integer.parseInt(t.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected K/N with whole numbers, e.g. 2/8 for the second of 8 shards");
        }
        return new Shard(k, n);
    }

    /** The 1-based shard that runs the point with this id when the sweep is split {@code count} ways. */
    public static int owner(String pointId, int count) {
        byte[] h = sha256(pointId.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (h[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(v, count) + 1;
    }

    /** Whether this shard runs the point. */
    public boolean owns(SweepPoint p) {
        return owner(p.id(), count) == index;
    }

    /** {@code K/N}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** {@code KofN}, the suffix of a shard's run id. */
    public String label() {
        return index + "of" + count;
    }

    /**
     * The fingerprint of a plan that shards share: SHA-256 (hex) of the resolved spec's JSON and the ids of the
     * points that do not fit in memory. Shards of the same sweep on the same kind of device agree on it.
     */
    public static String planDigest(String specJson, List<String> infeasibleIds) {
        StringBuilder sb = new StringBuilder(specJson).append('\n');
        infeasibleIds.forEach(id -> sb.append("infeasible ").append(id).append('\n'));
        return HexFormat.of().formatHex(sha256(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
