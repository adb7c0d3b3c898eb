package dev.scalebench.kernels;

/** A grid or block size. */
public record Dim3(int x, int y, int z) {

    public Dim3 {
        if (x < 1 || y < 1 || z < 1) {
            throw new IllegalArgumentException("grid and block sizes must be >= 1, got (" + x + ", " + y + ", " + z + ")");
        }
    }

    public static Dim3 of(int x) {
        return new Dim3(x, 1, 1);
    }

    public static Dim3 of(int x, int y) {
        return new Dim3(x, y, 1);
    }

    public static Dim3 of(int x, int y, int z) {
        return new Dim3(x, y, z);
    }

    /** {@code x·y·z}. */
    public long volume() {
        return (long) x * y * z;
    }

    /** {@code ceil(n / d)}, for grid sizes. */
    public static int blocks(long n, int d) {
        long b = (n + d - 1) / d;
        if (b > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(n + " / " + d + " blocks do not fit a grid dimension");
        }
        return (int) Math.max(1, b);
    }
}
