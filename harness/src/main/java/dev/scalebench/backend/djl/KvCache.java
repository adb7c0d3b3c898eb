package dev.scalebench.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * A KV cache written in place: per layer one K and one V tensor {@code [b, kvHeads, capacity, headDim]}, allocated
 * once; {@link #length()} positions hold keys and values. A forward pass over {@code s} new tokens writes their keys
 * and values at positions {@code length .. length + s − 1} ({@link #write}, libtorch's in-place {@code index_put_}
 * on a slice) and attends over the view of the first {@code length + s} positions ({@link #keys}, {@link #values}:
 * basic slicing, no copy); then {@link #advance} moves the length on, or the caller {@link #rewind rewinds} it.
 *
 * <p>Until issue 15 the decode step concatenated the new token's K/V to the cache, copying the whole cache of every
 * layer on every step; writing in place moves only the new token's keys and values (docs/measurement.md,
 * "Generation", has the measured difference). The slice indices are made once per position, at construction, so a
 * step parses no index text.
 */
final class KvCache {
    private final List<NDArray[]> layers = new ArrayList<>();
    private final int capacity;
    private final int newTokens;
    private final NDIndex[] writeAt; // [p]: positions p .. p + newTokens - 1 (the prefill writes from 0 with its own)
    private final NDIndex[] upTo; // [n]: positions 0 .. n - 1
    private final NDIndex prefillWrite;
    private final int prefillTokens;
    private int length;

    /**
     * @param layers per layer {K, V}, each {@code [b, kvHeads, capacity, headDim]}, owned by the caller's manager
     * @param prefillTokens tokens of a prefill that fills the cache from position 0 (0 when none does)
     * @param newTokens tokens of each later forward pass (1: a decode step)
     * @param length positions already filled
     */
    KvCache(List<NDArray[]> layers, int prefillTokens, int newTokens, int length) {
        this.layers.addAll(layers);
        this.capacity = (int) layers.get(0)[0].getShape().get(2);
        this.newTokens = newTokens;
        this.prefillTokens = prefillTokens;
        this.length = length;
        writeAt = new NDIndex[capacity + 1];
        upTo = new NDIndex[capacity + 1];
        for (int p = 0; p <= capacity; p++) {
            writeAt[p] = p + newTokens <= capacity ? new NDIndex(":, :, " + p + ":" + (p + newTokens)) : null;
            upTo[p] = new NDIndex(":, :, 0:" + p);
        }
        prefillWrite = prefillTokens > 0 ? new NDIndex(":, :, 0:" + prefillTokens) : null;
    }

    /**
     * A cache of {@code capacity} positions per layer, filled by {@code fill} (zeros or random). Each array is a
     * clone of what {@code fill} made: {@link TorchOps} casts in inference mode, and libtorch refuses to update an
     * inference tensor in place outside it, so the cache must be an ordinary tensor.
     */
    static KvCache allocate(int layers, java.util.function.Supplier<NDArray> fill, int prefillTokens, int newTokens,
            int length) {
        List<NDArray[]> kv = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            kv.add(new NDArray[] {ordinary(fill.get()), ordinary(fill.get())});
        }
        return new KvCache(kv, prefillTokens, newTokens, length);
    }

    private static NDArray ordinary(NDArray made) {
        NDArray copy = made.duplicate();
        made.close();
        return copy;
    }

    /** Positions filled. */
    int length() {
        return length;
    }

    /** Positions per layer. */
    int capacity() {
        return capacity;
    }

    /**
     * Writes {@code k} and {@code v} ({@code [b, kvHeads, s, headDim]}) of layer {@code layer} at positions
     * {@code length .. length + s − 1}, in place.
     *
     * @throws IllegalStateException when they do not fit, naming the positions and the capacity
     */
    void write(int layer, NDArray k, NDArray v) {
        long s = k.getShape().get(2);
        NDIndex at;
        if (length == 0 && s == prefillTokens && prefillWrite != null) {
            at = prefillWrite;
        } else if (s == newTokens && length + s <= capacity && writeAt[length] != null) {
            at = writeAt[length];
        } else {
            throw new IllegalStateException("cannot write " + s + " positions at " + length + " into a KV cache of "
                    + capacity + " positions");
        }
        NDArray[] kv = layers.get(layer);
        kv[0].set(at, k);
        kv[1].set(at, v);
    }

    /** The keys of layer {@code layer} at positions {@code 0 .. n − 1}, a view (attach it to the step's manager). */
    NDArray keys(int layer, int n) {
        return layers.get(layer)[0].get(upTo[n]);
    }

    /** The values of layer {@code layer} at positions {@code 0 .. n − 1}, a view. */
    NDArray values(int layer, int n) {
        return layers.get(layer)[1].get(upTo[n]);
    }

    /** Moves the length on by {@code s} positions after a forward pass that wrote them. */
    void advance(int s) {
        length += s;
    }

    /** Sets the length back to {@code n} (a new request: 0; a decode step that keeps its context: the context). */
    void rewind(int n) {
        if (n < 0 || n > capacity) {
            throw new IllegalArgumentException("length " + n + " outside the cache's 0 .. " + capacity);
        }
        length = n;
    }
}
