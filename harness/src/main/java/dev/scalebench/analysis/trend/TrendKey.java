package dev.scalebench.analysis.trend;

import dev.scalebench.results.TrialMetric;
import java.util.Comparator;

/**
 * What one series follows: a point of a sweep, one metric, on one environment.
 *
 * @param sweep the sweep's name
 * @param pointId the point's id ({@code model/dtype/phase/bB/sS})
 * @param backend the point's backend
 * @param device the point's device
 * @param metric the per-trial statistic
 * @param env the environment: an index into {@link Trends#environments()}
 */
public record TrendKey(String sweep, String pointId, String backend, String device, TrialMetric metric, int env) {

    /** Sweep, point, backend, device, metric (in enum order), environment. */
    public static final Comparator<TrendKey> ORDER = Comparator.comparing(TrendKey::sweep)
            .thenComparing(TrendKey::pointId).thenComparing(TrendKey::backend).thenComparing(TrendKey::device)
            .thenComparing(TrendKey::metric).thenComparingInt(TrendKey::env);

    /** {@code sweep · point · metric}. */
    public String label() {
        return sweep + " · " + pointId + " · " + metric.id();
    }
}
