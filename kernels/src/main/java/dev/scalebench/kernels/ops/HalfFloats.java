package dev.scalebench.kernels.ops;

/**
 * Conversions between {@code float} and the 16-bit types the kernels use, as bit patterns in a {@code short}:
 * IEEE binary16 ({@code __half}) and bfloat16 ({@code __nv_bfloat16}). Rounding is to nearest, ties to even (as
 * {@code __float2half_rn} and {@code __float2bfloat16_rn}); infinities, subnormals and signed zeros convert
 * exactly; NaN stays NaN (quiet, sign and top payload bits kept); finite values beyond the range round to infinity
 * exactly when IEEE rounding says so.
 */
public final class HalfFloats {
    private HalfFloats() {
    }

    /** The binary16 nearest to {@code f} (ties to even), as bits. */
    public static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFF_FFFF;
        if (abs >= 0x7F80_0000) {                      // Inf, NaN
            return (short) (abs == 0x7F80_0000 ? sign | 0x7C00 : sign | 0x7E00 | ((abs >>> 13) & 0x1FF));
        }
        if (abs >= 0x477F_F000) {                      // >= 65520: the tie above 65504 rounds to even, infinity
            return (short) (sign | 0x7C00);
        }
        if (abs >= 0x3880_0000) {                      // normal in binary16: rebias, round 13 bits off
            int rounded = abs - 0x3800_0000 + 0x0FFF + ((abs >>> 13) & 1);
            return (short) (sign | (rounded >>> 13));
        }
        if (abs <= 0x3300_0000) {                      // <= 2^-25: half of the least subnormal, ties to zero
            return (short) sign;
        }
        int exponent = abs >>> 23;                     // 102..112: value = mant * 2^(exponent - 150)
        int mant = (abs & 0x7F_FFFF) | 0x80_0000;
        int shift = 126 - exponent;                    // subnormal step is 2^-24
        int q = mant >>> shift;
        int rem = mant & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rem > half || (rem == half && (q & 1) != 0)) {
            q++;                                       // may carry into the least normal, which is right
        }
        return (short) (sign | q);
    }

    /** The value of binary16 bits {@code h} (exact). */
    public static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
        }
        if (exponent == 0) {                            // zero or subnormal: mant * 2^-24, exact in float
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mant << 13));
    }

    /** The bfloat16 nearest to {@code f} (ties to even), as bits. */
    public static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {       // NaN: keep sign and top payload, force quiet
            return (short) ((bits >>> 16) | 0x0040);
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);  // overflow carries into infinity, as it should
        return (short) (rounded >>> 16);
    }

    /** The value of bfloat16 bits {@code b} (exact). */
    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }

    /** {@code f} converted to {@code type} and back: the value a kernel of that type stores for {@code f}. */
    public static float round(KernelDType type, float f) {
        switch (type) {
            case F16: return halfToFloat(floatToHalf(f));
            case BF16: return bf16ToFloat(floatToBf16(f));
            default: return f;
        }
    }

    /** {@code f} converted to {@code type}'s bits ({@code F16} or {@code BF16}). */
    public static short toBits(KernelDType type, float f) {
        switch (type) {
            case F16: return floatToHalf(f);
            case BF16: return floatToBf16(f);
            default: throw new IllegalArgumentException("type " + type + " is not a 16-bit type");
        }
    }

    /** The value of {@code type}'s bits ({@code F16} or {@code BF16}). */
    public static float fromBits(KernelDType type, short bits) {
        switch (type) {
            case F16: return halfToFloat(bits);
            case BF16: return bf16ToFloat(bits);
            default: throw new IllegalArgumentException("type " + type + " is not a 16-bit type");
        }
    }

    /** Every element of {@code values} rounded to {@code type}, in place; returns {@code values}. */
    public static float[] roundAll(KernelDType type, float[] values) {
        if (type != KernelDType.F32) {
            for (int i = 0; i < values.length; i++) {
                values[i] = round(type, values[i]);
            }
        }
        return values;
    }

    /** {@code values} converted to {@code type}'s bits ({@code F16} or {@code BF16}). */
    public static short[] toBits(KernelDType type, float[] values) {
        short[] out = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = toBits(type, values[i]);
        }
        return out;
    }

    /** The values of {@code type}'s bits ({@code F16} or {@code BF16}). */
    public static float[] fromBits(KernelDType type, short[] bits) {
        float[] out = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = fromBits(type, bits[i]);
        }
        return out;
    }
}
