package dev.scalebench.analysis.roofline;

import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointWork;

/**
 * Places a measured point on the roofline of a hardware profile.
 *
 * <p>Achieved rates are the point's work per step over its step time. The observed bound is the ceiling the
 * point uses the larger fraction of, when that fraction is at least {@value #BOUND_FRACTION}
 * ({@link Bound#COMPUTE} or {@link Bound#MEMORY}); when both fractions are below it, neither ceiling limits the
 * point and it is {@link Bound#OVERHEAD} (launches, framework, host). The predicted bound comes from the
 * arithmetic intensity: {@link Bound#COMPUTE} at or above the dtype's ridge point, else {@link Bound#MEMORY}.
 *
 * <p>When the profile has no peak for the point's dtype (e.g. {@code fp8} on an A100, or an imported dataset's
 * unnamed dtype), there is no compute ceiling: {@code computeFraction} and {@code ridge} are NaN, the observed
 * bound is decided by the memory fraction alone ({@link Bound#MEMORY} or {@link Bound#OVERHEAD}), and the
 * predicted bound is {@link Bound#MEMORY}, the only roof known (read it as "memory, or unknown": the NaN ridge
 * says which).
 *
 * <p>With a measured profile and its data sheet ({@link Ceilings}), the measured ceilings decide the bound and the
 * ridge; the fractions of the data sheet's ceilings are reported beside them and decide nothing.
 */
public final class Roofline {

    /** The fraction of a ceiling a point must reach to count as bound by it. */
    public static final double BOUND_FRACTION = 0.5;

    private Roofline() {
    }

    /**
     * The observed bound of a point that reaches these fractions of its ceilings: the larger fraction's ceiling when
     * it is at least {@value #BOUND_FRACTION}, else {@link Bound#OVERHEAD}. Equivalently, the largest of
     * {@code computeFraction}, {@code memoryFraction} and {@value #BOUND_FRACTION} (the overhead "score"), ties to
     * the ceiling.
     *
     * @param computeFraction achieved FLOP/s over the dtype's peak; NaN without a compute ceiling
     * @param memoryFraction achieved bytes/s over the peak bandwidth
     */
    public static Bound bound(double computeFraction, double memoryFraction) {
        if (!Double.isNaN(computeFraction) && computeFraction > memoryFraction) {
            return computeFraction >= BOUND_FRACTION ? Bound.COMPUTE : Bound.OVERHEAD;
        }
        return memoryFraction >= BOUND_FRACTION ? Bound.MEMORY : Bound.OVERHEAD;
    }

    /** Whether {@code work} is known well enough to place a point: positive, finite FLOPs and bytes. */
    public static boolean canPlace(PointWork work) {
        return work.flops() > 0 && work.bytes() > 0 && Double.isFinite(work.flops()) && Double.isFinite(work.bytes());
    }

    /**
     * The point on {@code hw}'s roofline.
     *
     * @param hw the hardware profile
     * @param point the point (its dtype picks the compute ceiling)
     * @param work FLOPs and bytes per step; must satisfy {@link #canPlace}
     * @param stepSeconds measured step time, seconds (e.g. the median), positive
     * @throws IllegalArgumentException when the work is unknown or the step time not positive
     */
    public static RooflinePoint place(HardwareProfile hw, PointKey point, PointWork work, double stepSeconds) {
        return place(hw, null, point, work, stepSeconds);
    }

    /**
     * The point on {@code hw}'s roofline, with its fractions of {@code spec}'s ceilings beside (NaN when
     * {@code spec} is null).
     *
     * @param hw the profile whose ceilings decide the bound (a measured one, when there is one)
     * @param spec the data-sheet profile of the same hardware, or null
     * @throws IllegalArgumentException when the work is unknown or the step time not positive
     */
    public static RooflinePoint place(HardwareProfile hw, HardwareProfile spec, PointKey point, PointWork work,
            double stepSeconds) {
        if (!canPlace(work)) {
            throw new IllegalArgumentException("cannot place " + point.id() + ": FLOPs and bytes per step unknown");
        }
        if (!(stepSeconds > 0) || Double.isInfinite(stepSeconds)) {
            throw new IllegalArgumentException("cannot place " + point.id() + ": step time " + stepSeconds);
        }
        double flopsPerS = work.flops() / stepSeconds;
        double bytesPerS = work.bytes() / stepSeconds;
        double ridge = hw.ridge(point.dtype());
        double computeFraction = flopsPerS / hw.peakFlops(point.dtype());
        double memoryFraction = bytesPerS / hw.bandwidthBytesPerS();
        Bound bound = bound(computeFraction, memoryFraction);
        Bound predicted = !Double.isNaN(ridge) && work.intensity() >= ridge ? Bound.COMPUTE : Bound.MEMORY;
        double specCompute = spec == null ? Double.NaN : flopsPerS / spec.peakFlops(point.dtype());
        double specMemory = spec == null ? Double.NaN : bytesPerS / spec.bandwidthBytesPerS();
        return new RooflinePoint(point, flopsPerS, bytesPerS, work.intensity(), ridge, computeFraction,
                memoryFraction, bound, predicted, bound != predicted, specCompute, specMemory);
    }
}
