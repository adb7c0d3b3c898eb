package dev.scalebench.analysis.roofline;

import java.util.Arrays;

/**
 * Where the bound of one series changes along its swept factor (batch or seq), with a bootstrap interval; or,
 * when it does not change, that it does not ({@link Kind#NONE}). {@link ShiftFinder} finds them; docs/analysis.md,
 * "Bottleneck shift", states the method.
 *
 * <p>A {@link Kind#CROSSING} lies between two adjacent measured levels whose observed bounds differ
 * ({@code from} below, {@code to} above); a {@link Kind#KNEE} is the fitted roofline form's knee, where the series'
 * latency starts to grow at its full per-unit cost (no bounds named). Levels are never extrapolated: an interval
 * end beyond the measured range is infinite ({@code -∞} below {@code minLevel}, {@code +∞} above
 * {@code maxLevel}), and is written as "below/above the measured range".
 *
 * @param series the series id ({@link dev.scalebench.analysis.fit.SeriesKey#id()})
 * @param label the series in words ({@link dev.scalebench.analysis.fit.SeriesKey#label()})
 * @param axis the swept factor, {@code batch} or {@code seq} ({@link dev.scalebench.analysis.fit.Axis#id()})
 * @param kind a crossing, a knee, or no shift
 * @param from the bound below the shift (of every level for {@link Kind#NONE}); null for a knee
 * @param to the bound above the shift (equal to {@code from} for {@link Kind#NONE}); null for a knee
 * @param level the estimated level of the shift; NaN for {@link Kind#NONE}
 * @param lo lower end of its interval (may be {@code -∞}; NaN without one)
 * @param hi upper end of its interval (may be {@code +∞}; NaN without one)
 * @param below the measured level just below the crossing (the knee's and NONE's: {@code minLevel})
 * @param above the measured level just above the crossing (the knee's and NONE's: {@code maxLevel})
 * @param minLevel the smallest measured level of the series
 * @param maxLevel the largest measured level of the series
 * @param resamples bootstrap resamples behind the interval (0: none)
 * @param sentence the shift in words
 */
public record BottleneckShift(String series, String label, String axis, Kind kind, Bound from, Bound to,
        double level, double lo, double hi, double below, double above, double minLevel, double maxLevel,
        int resamples, String sentence) {

    /** What was found. */
    public enum Kind {
        /** The observed bound changes between two adjacent measured levels. */
        CROSSING("crossing"),
        /** The fitted roofline form's knee (the selected form of the series' fit), within the measured range. */
        KNEE("knee"),
        /** The observed bound is the same at every measured level. */
        NONE("none");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** {@code crossing}, {@code knee} or {@code none}. */
        public String id() {
            return id;
        }

        /** The kind of {@code id}, or null. */
        public static Kind byId(String id) {
            return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst().orElse(null);
        }
    }

    public BottleneckShift {
        if (kind == null) {
            throw new IllegalArgumentException("a bottleneck shift of " + series + " needs a kind");
        }
        if (kind == Kind.CROSSING && (from == null || to == null || from == to)) {
            throw new IllegalArgumentException("a crossing of " + series + " needs two different bounds, got "
                    + from + " and " + to);
        }
        if (kind == Kind.NONE && (from == null || from != to)) {
            throw new IllegalArgumentException("no shift of " + series + " needs one bound, got " + from + " and " + to);
        }
    }
}
