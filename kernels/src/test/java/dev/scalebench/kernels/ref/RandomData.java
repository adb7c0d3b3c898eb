package dev.scalebench.kernels.ref;

import dev.scalebench.kernels.ops.HalfFloats;
import dev.scalebench.kernels.ops.KernelDType;
import java.util.SplittableRandom;

/** Seeded test inputs, already rounded to the kernel's type (so the reference sees what the device sees). */
public final class RandomData {
    private RandomData() {
    }

    /** {@code n} normal values of standard deviation {@code std}, rounded to {@code t}. */
    public static float[] normal(KernelDType t, int n, long seed, double std) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * std);
        }
        return HalfFloats.roundAll(t, out);
    }

    /** {@code n} values uniform in {@code [lo, hi)}, rounded to {@code t}. */
    public static float[] uniform(KernelDType t, int n, long seed, double lo, double hi) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextDouble(lo, hi);
        }
        return HalfFloats.roundAll(t, out);
    }

    /** {@code n} token ids uniform in {@code [0, vocab)}. */
    public static int[] ids(int n, long seed, int vocab) {
        return new SplittableRandom(seed).ints(n, 0, vocab).toArray();
    }

    /** {@code n} copies of {@code value}. */
    public static float[] filled(int n, float value) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
