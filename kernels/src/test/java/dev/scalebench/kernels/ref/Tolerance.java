package dev.scalebench.kernels.ref;

/**
 * An error bound for one element: {@code |got − want| <= abs + rel·|want| + relScale·scale}, where {@code scale} is
 * the element's {@link Expected#scale()}. {@code rel} covers the final rounding to the storage type, {@code relScale}
 * the fp32 arithmetic inside the kernel (which errs relative to the size of the terms, not of the result, when terms
 * cancel), {@code abs} underflow.
 *
 * @param abs absolute slack (underflow, flush-to-zero)
 * @param rel relative to the expected value
 * @param relScale relative to the element's error scale
 */
public record Tolerance(double abs, double rel, double relScale) {
    /** Bit-exact. */
    public static final Tolerance EXACT = new Tolerance(0, 0, 0);

    /** The bound for an element with expected value {@code want} and error scale {@code scale}. */
    public double bound(double want, double scale) {
        return abs + rel * Math.abs(want) + relScale * scale;
    }

    /** This bound {@code factor} times over (comparing two results that each carry an error). */
    public Tolerance times(double factor) {
        return new Tolerance(abs * factor, rel * factor, relScale * factor);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "abs %.3g + rel %.3g·|want| + %.3g·scale", abs, rel, relScale);
    }
}
