package dev.scalebench.kernels.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    /** All non-negative finite binary16 values, ascending (bit order is value order), exact. */
    private static final BigDecimal[] HALVES = new BigDecimal[0x7C00];

    static {
        for (int h = 0; h < HALVES.length; h++) {
            HALVES[h] = new BigDecimal(decodeHalf(h));
        }
    }

    /** binary16 by its definition, independent of the code under test. */
    private static double decodeHalf(int h) {
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        double v = e == 0x1F ? Double.POSITIVE_INFINITY      // NaNs are checked apart
                : e == 0 ? Math.scalb((double) m, -24) : Math.scalb(1.0 + m / 1024.0, e - 15);
        return (h & 0x8000) != 0 ? -v : v;
    }

    /** The nearest binary16 to non-negative {@code x} by search, ties to the even bit pattern. */
    private static int nearestHalf(float x) {
        BigDecimal v = new BigDecimal(x);
        BigDecimal overflow = new BigDecimal(65520);
        if (v.compareTo(overflow) >= 0) {
            return 0x7C00;
        }
        int lo = 0;
        int hi = HALVES.length - 1;
        if (v.compareTo(HALVES[hi]) >= 0) {
            return hi;
        }
        while (hi - lo > 1) {                         // HALVES[lo] <= v < HALVES[hi]
            int mid = (lo + hi) >>> 1;
            if (HALVES[mid].compareTo(v) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int c = v.subtract(HALVES[lo]).compareTo(HALVES[hi].subtract(v));
        return c < 0 ? lo : c > 0 ? hi : (lo % 2 == 0 ? lo : hi);
    }

    @Test
    void everyHalfBitPatternRoundTrips() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloats.halfToFloat((short) h);
            short back = HalfFloats.floatToHalf(f);
            boolean nan = (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0;
            if (nan) {
                assertThat(f).as("0x%04x", h).isNaN();
                assertThat(back & 0xFFFF).as("0x%04x quiet", h).isEqualTo(h | 0x200);
            } else {
                assertThat((double) f).as("0x%04x value", h).isEqualTo(decodeHalf(h));
                assertThat(back & 0xFFFF).as("0x%04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void everyBf16BitPatternRoundTrips() {
        for (int b = 0; b < 0x10000; b++) {
            float f = HalfFloats.bf16ToFloat((short) b);
            short back = HalfFloats.floatToBf16(f);
            boolean nan = (b & 0x7F80) == 0x7F80 && (b & 0x7F) != 0;
            if (nan) {
                assertThat(f).as("0x%04x", b).isNaN();
                assertThat(back & 0xFFFF).as("0x%04x quiet", b).isEqualTo(b | 0x40);
            } else {
                assertThat(Float.floatToRawIntBits(f)).as("0x%04x value", b).isEqualTo(b << 16);
                assertThat(back & 0xFFFF).as("0x%04x", b).isEqualTo(b);
            }
        }
    }

    @Test
    void halfMatchesNearestSearchOnEveryTieAndItsNeighbours() {
        for (int h = 0; h < 0x7BFF; h++) {
            float mid = (float) ((decodeHalf(h) + decodeHalf(h + 1)) / 2);   // 12 significant bits: exact
            for (float x : new float[] {mid, Math.nextDown(mid), Math.nextUp(mid)}) {
                checkHalf(x);
                checkHalf(-x);
            }
        }
        float topTie = 65520f;
        for (float x : new float[] {topTie, Math.nextDown(topTie), Math.nextUp(topTie), Float.MAX_VALUE}) {
            checkHalf(x);
            checkHalf(-x);
        }
    }

    @Test
    void halfMatchesNearestSearchOnSampledFloats() {
        for (long bits = 0; bits < 0x4800_0000L; bits += 997) {          // every exponent up to beyond 65536
            checkHalf(Float.intBitsToFloat((int) bits));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            checkHalf((float) (random.nextGaussian() * Math.scalb(1.0, random.nextInt(-26, 17))));
        }
    }

    private static void checkHalf(float x) {
        int expected = nearestHalf(Math.abs(x)) | (Float.floatToRawIntBits(x) < 0 ? 0x8000 : 0);
        assertThat(HalfFloats.floatToHalf(x) & 0xFFFF).as("%s (0x%08x)", x, Float.floatToRawIntBits(x))
                .isEqualTo(expected);
    }

    @Test
    void bf16MatchesExactNearestOnTiesAndSamples() {
        for (int b = 0; b < 0x7F80; b++) {                      // ties: the float halfway between b and b + 1
            int tie = (b << 16) | 0x8000;
            for (int bits : new int[] {tie, tie - 1, tie + 1}) {
                checkBf16(Float.intBitsToFloat(bits));
                checkBf16(-Float.intBitsToFloat(bits));
            }
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 500_000; i++) {
            checkBf16(Float.intBitsToFloat(random.nextInt() & 0x7F7F_FFFF));
        }
    }

    /** bfloat16 nearest by exact decimal comparison of the two candidates around {@code x}. */
    private static void checkBf16(float x) {
        int bits = Float.floatToRawIntBits(x);
        int down = bits >>> 16;                                     // toward zero
        int up = down + 1;
        BigDecimal v = new BigDecimal(x).abs();
        BigDecimal lo = new BigDecimal(Float.intBitsToFloat((down & 0x7FFF) << 16)).abs();
        BigDecimal hi = (up & 0x7FFF) == 0x7F80
                ? lo.add(lo.subtract(new BigDecimal(Float.intBitsToFloat(((down & 0x7FFF) - 1) << 16))))
                : new BigDecimal(Float.intBitsToFloat((up & 0x7FFF) << 16)).abs();  // infinity: 2^128 stands in
        int c = v.subtract(lo).compareTo(hi.subtract(v));
        int expected = c < 0 ? down : c > 0 ? up : ((down & 1) == 0 ? down : up);
        assertThat(HalfFloats.floatToBf16(x) & 0xFFFF).as("%s (0x%08x)", x, bits).isEqualTo(expected & 0xFFFF);
    }

    @Test
    void knownValues() {
        assertThat(HalfFloats.floatToHalf(1f)).isEqualTo((short) 0x3C00);
        assertThat(HalfFloats.floatToHalf(-2f)).isEqualTo((short) 0xC000);
        assertThat(HalfFloats.floatToHalf(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(HalfFloats.floatToHalf(65519.996f)).isEqualTo((short) 0x7BFF);
        assertThat(HalfFloats.floatToHalf(65520f)).isEqualTo((short) 0x7C00);
        assertThat(HalfFloats.floatToHalf(1 + 0x1p-11f)).as("tie to even, down").isEqualTo((short) 0x3C00);
        assertThat(HalfFloats.floatToHalf(1 + 3 * 0x1p-11f)).as("tie to even, up").isEqualTo((short) 0x3C02);
        assertThat(HalfFloats.floatToHalf(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(HalfFloats.floatToHalf(0x1p-25f)).as("tie to zero").isEqualTo((short) 0x0000);
        assertThat(HalfFloats.floatToHalf(Math.nextUp(0x1p-25f))).isEqualTo((short) 0x0001);
        assertThat(HalfFloats.floatToHalf(1.5f * 0x1p-24f)).as("subnormal tie up").isEqualTo((short) 0x0002);
        assertThat(HalfFloats.floatToHalf(2.5f * 0x1p-24f)).as("subnormal tie down").isEqualTo((short) 0x0002);
        assertThat(HalfFloats.floatToHalf(0x1p-14f - 0x1p-25f)).as("carry into the least normal")
                .isEqualTo((short) 0x0400);
        assertThat(HalfFloats.floatToHalf(-0f)).isEqualTo((short) 0x8000);
        assertThat(HalfFloats.floatToHalf(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
        assertThat(HalfFloats.halfToFloat(HalfFloats.floatToHalf(Float.NaN))).isNaN();

        assertThat(HalfFloats.floatToBf16(1f)).isEqualTo((short) 0x3F80);
        assertThat(HalfFloats.floatToBf16(1 + 0x1p-8f)).as("tie to even, down").isEqualTo((short) 0x3F80);
        assertThat(HalfFloats.floatToBf16(1 + 3 * 0x1p-8f)).as("tie to even, up").isEqualTo((short) 0x3F82);
        assertThat(HalfFloats.floatToBf16(Float.MAX_VALUE)).isEqualTo((short) 0x7F80);
        assertThat(HalfFloats.floatToBf16(Float.MIN_VALUE)).isEqualTo((short) 0x0000);
        assertThat(HalfFloats.floatToBf16(-Float.MIN_NORMAL)).isEqualTo((short) 0x8080);
        assertThat(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.NaN))).isNaN();
        assertThat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x7F80_0001))).as("signalling NaN stays NaN")
                .isEqualTo((short) 0x7FC0);

        assertThat(HalfFloats.round(KernelDType.BF16, 3.14159265f)).isEqualTo(3.140625f);
        assertThat(HalfFloats.round(KernelDType.F16, 3.14159265f)).isEqualTo(3.140625f);
        assertThat(HalfFloats.round(KernelDType.F16, 0.1f)).isEqualTo(0.0999755859375f);
        assertThat(HalfFloats.round(KernelDType.F32, 0.1f)).isEqualTo(0.1f);
    }

    @Test
    void roundingErrorIsWithinHalfAnUlpOfEachType() {
        SplittableRandom random = new SplittableRandom(3);
        for (KernelDType t : KernelDType.values()) {
            for (int i = 0; i < 10_000; i++) {
                float x = (float) (random.nextDouble(-1000, 1000));
                if (Math.abs(x) < 1e-3) {
                    continue;
                }
                assertThat(Math.abs((double) HalfFloats.round(t, x) - x) / Math.abs(x)).as("%s %s", t, x)
                        .isLessThanOrEqualTo(t.unitRoundoff());
            }
        }
    }

    @Test
    void dtypeNamesAndSizes() {
        assertThat(KernelDType.BF16.suffix()).isEqualTo("bf16");
        assertThat(KernelDType.F16.bytes()).isEqualTo(2);
        assertThat(KernelDType.F32.bytes(3)).isEqualTo(12L);
        assertThat(KernelDType.parse("FP16")).isEqualTo(KernelDType.F16);
        assertThat(KernelDType.parse("bfloat16")).isEqualTo(KernelDType.BF16);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KernelDType.parse("int8"))
                .hasMessageContaining("int8").hasMessageContaining("bf16");
    }
}
