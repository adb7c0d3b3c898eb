package dev.scalebench.results.history;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which runs {@link History#list} returns.
 *
 * @param sweep only runs of this sweep; null for every sweep
 * @param fingerprint only runs whose fingerprint has exactly these values for these keys (a key the run lacks
 *     reads {@code unknown}); empty for no filter
 * @param goodOnly only good runs ({@link HistoryEntry#good()})
 * @param limit at most this many runs (the newest); {@code <= 0} for all
 */
public record HistoryQuery(String sweep, Map<String, String> fingerprint, boolean goodOnly, int limit) {

    public HistoryQuery {
        fingerprint = fingerprint == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fingerprint));
    }

    /** Every run, newest first. */
    public static HistoryQuery all() {
        return new HistoryQuery(null, Map.of(), false, 0);
    }
}
