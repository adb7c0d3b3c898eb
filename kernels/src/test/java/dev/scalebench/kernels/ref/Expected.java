package dev.scalebench.kernels.ref;

/**
 * What a kernel should produce: {@code values[i]} (already rounded to the kernel's type) and {@code scale[i]}, the
 * magnitude of the terms element {@code i} is computed from (for a dot product {@code Σ|a·b|}, for attention
 * {@code Σ p·|v|}, for an elementwise op the size of its operands), which rounding errors inside the kernel are
 * proportional to. Elements outside the kernel's output region carry the input unchanged and scale 0.
 *
 * @param values expected values, one per element of the output buffer
 * @param scale error scale per element, {@code >= 0}
 */
public record Expected(float[] values, double[] scale) {
    /** Checks the lengths agree. */
    public Expected {
        if (values.length != scale.length) {
            throw new IllegalArgumentException("values " + values.length + " vs scale " + scale.length);
        }
    }
}
