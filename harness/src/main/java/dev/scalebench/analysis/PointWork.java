package dev.scalebench.analysis;

/**
 * The work one step of a point does, for the roofline: floating-point operations executed and the minimum
 * bytes moved to and from device memory. Either is {@link Double#NaN} when unknown (TorchScript models,
 * imported data without those columns).
 *
 * @param flops FLOPs per step
 * @param bytes bytes per step
 */
public record PointWork(double flops, double bytes) {

    /** Nothing known. */
    public static final PointWork UNKNOWN = new PointWork(Double.NaN, Double.NaN);

    /** Arithmetic intensity, FLOP per byte (NaN when unknown). */
    public double intensity() {
        return flops / bytes;
    }
}
