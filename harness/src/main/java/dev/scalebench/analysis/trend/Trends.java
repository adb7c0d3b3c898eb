package dev.scalebench.analysis.trend;

import java.util.List;
import java.util.SortedMap;

/**
 * The trends of a history: every series, flagged or not, and the environments they were measured on.
 *
 * @param options the detection parameters
 * @param sweep the sweep the runs were restricted to; null for all
 * @param runCount runs read
 * @param environments the distinct environments (fingerprint facts of {@code Fingerprint.COMPARABLE_KEYS}), in
 *     order of first appearance; {@link TrendKey#env()} indexes this list
 * @param series every series, in {@link TrendKey#ORDER}
 */
public record Trends(TrendOptions options, String sweep, int runCount, List<SortedMap<String, String>> environments,
        List<TrendSeries> series) {

    public Trends {
        environments = List.copyOf(environments);
        series = List.copyOf(series);
    }

    /** Series with at least one change point. */
    public List<TrendSeries> flagged() {
        return series.stream().filter(TrendSeries::flagged).toList();
    }

    /** Series too short to test. */
    public List<TrendSeries> tooShort() {
        return series.stream().filter(TrendSeries::tooShort).toList();
    }

    /** All reported change points. */
    public long changeCount() {
        return series.stream().mapToLong(s -> s.changes().size()).sum();
    }

    /** {@code env N} (1-based) for environment {@code index}. */
    public static String envLabel(int index) {
        return "env " + (index + 1);
    }
}
