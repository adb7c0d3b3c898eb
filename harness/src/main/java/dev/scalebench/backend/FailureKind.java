package dev.scalebench.backend;

import dev.scalebench.Spelled;

/**
 * Why a trial failed, as the journal ({@code trials.jsonl}, field {@code failureKind}), {@code summary.csv} and the
 * metrics labels spell it. A backend reports one in its {@link BackendException}; the sweep runner adds
 * {@link #TIMEOUT} (a trial past its time limit) and {@link #OUT_OF_MEMORY} (the Java heap) itself.
 *
 * <p>The {@link #id() ids} are the on-disk spelling and never change: a new kind gets a new id, and a journal that
 * names an id this version does not know is refused by {@link #parse(String)} rather than read as something else.
 */
public enum FailureKind implements Spelled {
    /** The device (or the Java heap) ran out of memory; the point is not retried in the same run. */
    OUT_OF_MEMORY("out-of-memory"),
    /** The engine threw: a bug, a bad model file, a driver error. Each replicate is tried. */
    ENGINE_ERROR("engine-error"),
    /** The backend cannot run this point (dtype, device or model kind); the point is not retried. */
    UNSUPPORTED("unsupported"),
    /** The trial ran past its time limit. */
    TIMEOUT("timeout"),
    /** The planner judged the point infeasible (documented spelling; no current producer writes it). */
    INFEASIBLE("infeasible");

    private final String id;

    FailureKind(String id) {
        this.id = id;
    }

    /** The spelling in result files, e.g. {@code out-of-memory}. */
    @Override
    public String id() {
        return id;
    }

    /**
     * The kind spelled {@code id}, exactly as {@link #id()} writes it.
     *
     * @throws IllegalArgumentException naming {@code id} and the known ids, when none matches (e.g. a journal
     *     written by a newer scalebench)
     */
    public static FailureKind parse(String id) {
        return Spelled.parse(FailureKind.class, "failure kind", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
