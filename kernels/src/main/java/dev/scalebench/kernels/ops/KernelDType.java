package dev.scalebench.kernels.ops;

import dev.scalebench.kernels.DeviceBuffer;

/**
 * Element type of a kernel's tensors, as the kernel ABI names it ({@code docs/kernels.md}): every kernel family
 * exists once per type, its name ending in {@link #suffix()}.
 */
public enum KernelDType {
    /** IEEE binary32, {@code float}. */
    F32(4, "f32", 24),
    /** IEEE binary16, {@code __half}: 11 significant bits, largest finite 65504. */
    F16(2, "f16", 11),
    /** bfloat16, {@code __nv_bfloat16}: fp32's exponent range with 8 significant bits. */
    BF16(2, "bf16", 8);

    private final int bytes;
    private final String suffix;
    private final int significandBits;

    KernelDType(int bytes, String suffix, int significandBits) {
        this.bytes = bytes;
        this.suffix = suffix;
        this.significandBits = significandBits;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Suffix of the kernel names for this type: {@code f32}, {@code f16} or {@code bf16}. */
    public String suffix() {
        return suffix;
    }

    /** Significant bits, the implicit leading one included (24, 11, 8). */
    public int significandBits() {
        return significandBits;
    }

    /**
     * Unit roundoff {@code u = 2^-significandBits}: the largest relative error of one round-to-nearest into this
     * type (for normal numbers).
     */
    public double unitRoundoff() {
        return Math.scalb(1.0, -significandBits);
    }

    /** Bytes of {@code elements} elements of this type. */
    public long bytes(long elements) {
        return Math.multiplyExact(elements, (long) bytes);
    }

    /** Copies {@code values} into {@code b} as this type (rounded to nearest even); synchronous. */
    public void write(DeviceBuffer b, float[] values) {
        if (this == F32) {
            b.copyFrom(values);
        } else {
            b.copyFrom(HalfFloats.toBits(this, values));
        }
    }

    /** The first {@code n} elements of {@code b}, holding this type, as fp32; a synchronous copy. */
    public float[] read(DeviceBuffer b, int n) {
        if (this == F32) {
            float[] out = new float[n];
            b.copyTo(out);
            return out;
        }
        short[] bits = new short[n];
        b.copyTo(bits);
        return HalfFloats.fromBits(this, bits);
    }

    /**
     * The type named {@code f32}/{@code fp32}/{@code float32}, {@code f16}/{@code fp16}/{@code float16} or
     * {@code bf16}/{@code bfloat16}, any case.
     *
     * @throws IllegalArgumentException naming the accepted spellings
     */
    public static KernelDType parse(String name) {
        switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "f32": case "fp32": case "float32": case "float": return F32;
            case "f16": case "fp16": case "float16": case "half": return F16;
            case "bf16": case "bfloat16": return BF16;
            default:
                throw new IllegalArgumentException("dtype '" + name + "' is not one of f32|fp32, f16|fp16, bf16");
        }
    }
}
