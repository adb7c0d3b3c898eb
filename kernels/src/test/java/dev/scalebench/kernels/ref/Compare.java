package dev.scalebench.kernels.ref;

import java.util.Locale;

/**
 * The comparison of a kernel's output with its {@link Expected}: the largest absolute and relative errors, and the
 * element that used most of its {@link Tolerance} bound. {@link #toString()} is the assertion message.
 *
 * @param label what was compared (kernel, type, shape)
 * @param tolerance the bound applied
 * @param maxAbs largest {@code |got − want|}
 * @param maxRel largest {@code |got − want| / |want|} over elements with {@code |want| > 0}
 * @param worstRatio largest error / bound (0 when every element is exact); the comparison passes when it is at most 1
 * @param worstIndex the element with {@code worstRatio} (-1 when none erred)
 * @param worstGot the kernel's value there
 * @param worstWant the expected value there
 * @param failures elements beyond their bound (NaN where a number is expected counts)
 */
public record Compare(String label, Tolerance tolerance, double maxAbs, double maxRel, double worstRatio,
                      int worstIndex, float worstGot, float worstWant, int failures) {

    /** Compares every element of {@code got} with {@code want} under {@code tolerance}. */
    public static Compare of(String label, float[] got, Expected want, Tolerance tolerance) {
        if (got.length != want.values().length) {
            throw new IllegalArgumentException(label + ": got " + got.length + " elements, expected "
                    + want.values().length);
        }
        double maxAbs = 0;
        double maxRel = 0;
        double worst = 0;
        int worstIndex = -1;
        int failures = 0;
        for (int i = 0; i < got.length; i++) {
            float g = got[i];
            float w = want.values()[i];
            if (Float.floatToRawIntBits(g) == Float.floatToRawIntBits(w) || g == w) {
                continue;
            }
            double err = Float.isNaN(w) && Float.isNaN(g) ? 0 : Math.abs((double) g - w);
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            double bound = tolerance.bound(w, want.scale()[i]);
            double ratio = err == 0 ? 0 : bound == 0 ? Double.POSITIVE_INFINITY : err / bound;
            maxAbs = Math.max(maxAbs, err);
            if (w != 0) {
                maxRel = Math.max(maxRel, err / Math.abs(w));
            }
            if (ratio > 1) {
                failures++;
            }
            if (ratio > worst) {
                worst = ratio;
                worstIndex = i;
            }
        }
        return new Compare(label, tolerance, maxAbs, maxRel, worst, worstIndex,
                worstIndex < 0 ? 0 : got[worstIndex], worstIndex < 0 ? 0 : want.values()[worstIndex], failures);
    }

    /** Whether every element is within its bound. */
    public boolean passed() {
        return failures == 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s; max abs err %.3g, max rel err %.3g, worst %.2f of the bound at"
                        + " [%d] (got %s, want %s); tolerance %s", label, passed() ? "ok" : failures + " beyond",
                maxAbs, maxRel, worstRatio, worstIndex, worstGot, worstWant, tolerance);
    }
}
