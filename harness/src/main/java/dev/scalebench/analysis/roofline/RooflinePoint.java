package dev.scalebench.analysis.roofline;

import dev.scalebench.analysis.PointKey;

/**
 * One point placed on the roofline of a hardware profile.
 *
 * @param point the point
 * @param flopsPerS achieved FLOP/s (work FLOPs / median step latency)
 * @param bytesPerS achieved bytes/s
 * @param intensity arithmetic intensity, FLOP per byte
 * @param ridge the profile's ridge point for the point's dtype, FLOP per byte (NaN without a compute ceiling)
 * @param computeFraction achieved FLOP/s over the dtype's peak (NaN without one)
 * @param memoryFraction achieved bytes/s over the peak bandwidth
 * @param bound the observed bound
 * @param predicted the bound the intensity predicts ({@code compute} above the ridge, else {@code memory})
 * @param disagrees whether observed and predicted differ
 */
public record RooflinePoint(PointKey point, double flopsPerS, double bytesPerS, double intensity, double ridge,
        double computeFraction, double memoryFraction, Bound bound, Bound predicted, boolean disagrees) {
}
