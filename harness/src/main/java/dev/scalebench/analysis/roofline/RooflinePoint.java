package dev.scalebench.analysis.roofline;

import dev.scalebench.analysis.PointKey;

/**
 * One point placed on the roofline of a hardware profile.
 *
 * @param point the point
 * @param flopsPerS achieved FLOP/s (work FLOPs / the step time it is placed at: one over the point's throughput in
 *     steps per second, {@link dev.scalebench.results.PointStatistic})
 * @param bytesPerS achieved bytes/s
 * @param intensity arithmetic intensity, FLOP per byte
 * @param ridge the profile's ridge point for the point's dtype, FLOP per byte (NaN without a compute ceiling)
 * @param computeFraction achieved FLOP/s over the dtype's peak (NaN without one)
 * @param memoryFraction achieved bytes/s over the peak bandwidth
 * @param bound the observed bound
 * @param predicted the bound the intensity predicts ({@code compute} above the ridge, else {@code memory})
 * @param disagrees whether observed and predicted differ
 * @param specComputeFraction when the profile was measured, achieved FLOP/s over the data sheet's peak for the
 *     dtype ({@link Ceilings#spec()}); NaN without a data sheet beside it or without that dtype
 * @param specMemoryFraction likewise, achieved bytes/s over the data sheet's bandwidth
 */
public record RooflinePoint(PointKey point, double flopsPerS, double bytesPerS, double intensity, double ridge,
        double computeFraction, double memoryFraction, Bound bound, Bound predicted, boolean disagrees,
        double specComputeFraction, double specMemoryFraction) {

    /** A point placed on one profile only (no data sheet beside it). */
    public RooflinePoint(PointKey point, double flopsPerS, double bytesPerS, double intensity, double ridge,
            double computeFraction, double memoryFraction, Bound bound, Bound predicted, boolean disagrees) {
        this(point, flopsPerS, bytesPerS, intensity, ridge, computeFraction, memoryFraction, bound, predicted,
                disagrees, Double.NaN, Double.NaN);
    }
}
