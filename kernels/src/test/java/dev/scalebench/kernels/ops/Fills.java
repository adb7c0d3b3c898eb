package dev.scalebench.kernels.ops;

/** The host side of the fill formulas of {@code docs/kernels.md} ({@code init.cu}), in double. */
final class Fills {
    private Fills() {
    }

    static long splitmix64(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** {@code ((h >> 40) + 1) / 2^24}, uniform in (0, 1]. */
    static double unit(long h) {
        return ((h >>> 40) + 1) / 16777216.0;
    }

    /** Element {@code i} of {@code fill_normal} with unit standard deviation. */
    static double normal(long seed, long i) {
        double u1 = unit(splitmix64(seed ^ (2 * i)));
        double u2 = unit(splitmix64(seed ^ (2 * i + 1)));
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Element {@code i} of {@code fill_ids}. */
    static int id(long seed, long i, int vocab) {
        return (int) Long.remainderUnsigned(splitmix64(seed ^ i), vocab);
    }
}
