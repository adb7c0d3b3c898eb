package dev.scalebench.analysis.compare;

import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One run's side of a matched point.
 *
 * @param point the run's point
 * @param trials OK trials with a histogram
 * @param failed failed trials
 * @param medians the point's value of each metric ({@link dev.scalebench.results.PointStatistic}: the median over
 *     the OK trials of the per-trial values; ns, or tokens/s for throughput)
 * @param throughputCi the 95 % interval of the point's throughput ({@link dev.scalebench.results.PointStatistic});
 *     undefined with fewer than two trials
 * @param cost cost per million tokens, or null when the run's hardware profile has no price
 * @param roofline the point on the run's own roofline, or null (no profile, or work unknown)
 */
public record Arm(PointEntry point, int trials, int failed, Map<TrialMetric, Double> medians, Interval throughputCi,
        Cost cost, RooflinePoint roofline) {

    public Arm {
        medians = medians.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(medians));
    }

    /** Whether the run has at least one OK trial of the point. */
    public boolean ok() {
        return trials > 0;
    }

    /** The median of {@code m} over the OK trials; NaN without any. */
    public double median(TrialMetric m) {
        return medians.getOrDefault(m, Double.NaN);
    }

    /**
     * Cost per million tokens at the median throughput: {@code price per hour / (tokens/s · 3600) · 10⁶}.
     *
     * @param usdPerMillionTokens USD per 10⁶ tokens
     * @param ci its interval, from the throughput interval
     * @param pricePerHour the hardware profile's price, USD per hour
     */
    public record Cost(double usdPerMillionTokens, Interval ci, double pricePerHour) {

        /** The cost at {@code tokensPerS} (median) with interval {@code tputCi} on a machine at {@code price}/h. */
        public static Cost of(double price, double tokensPerS, Interval tputCi) {
            Interval ci = tputCi.isDefined() ? new Interval(usd(price, tputCi.hi()), usd(price, tputCi.lo()))
                    : Interval.UNDEFINED;
            return new Cost(usd(price, tokensPerS), ci, price);
        }

        /** USD per 10⁶ tokens at {@code price} USD/h and {@code tokensPerS}. */
        public static double usd(double price, double tokensPerS) {
            return price / (tokensPerS * 3600.0) * 1e6;
        }
    }
}
