package dev.scalebench.kernels.ops;

import jcuda.driver.CUdeviceptr;

/**
 * Argument checks for the launches: each failure is an {@link IllegalArgumentException} that names the kernel, the
 * parameter, its value and the rule, and is thrown before anything is queued.
 */
final class Checks {
    private final String kernel;

    private Checks(String kernel) {
        this.kernel = kernel;
    }

    static Checks of(String kernel) {
        return new Checks(kernel);
    }

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(kernel + ": " + what);
    }

    Checks notNull(String name, Object value) {
        if (value == null) {
            throw fail(name + " is null");
        }
        return this;
    }

    Checks positive(String name, long value) {
        if (value <= 0) {
            throw fail(name + " = " + value + " must be > 0");
        }
        return this;
    }

    Checks atLeast(String name, long value, String boundName, long bound) {
        if (value < bound) {
            throw fail(name + " = " + value + " must be >= " + boundName + " = " + bound);
        }
        return this;
    }

    Checks atMost(String name, long value, String boundName, long bound) {
        if (value > bound) {
            throw fail(name + " = " + value + " must be <= " + boundName + " = " + bound);
        }
        return this;
    }

    Checks inRange(String name, long value, long lo, long hiExclusive) {
        if (value < lo || value >= hiExclusive) {
            throw fail(name + " = " + value + " must be in [" + lo + ", " + hiExclusive + ")");
        }
        return this;
    }

    Checks multipleOf(String name, long value, int m) {
        if (value % m != 0) {
            throw fail(name + " = " + value + " must be a multiple of " + m);
        }
        return this;
    }

    Checks divides(String name, long value, String otherName, long other) {
        if (value <= 0 || other % value != 0) {
            throw fail(name + " = " + value + " must divide " + otherName + " = " + other);
        }
        return this;
    }

    /** {@code p} is not null and its address is a multiple of {@code bytes}. */
    Checks aligned(String name, CUdeviceptr p, int bytes) {
        notNull(name, p);
        long address = Addresses.of(p);
        if (address % bytes != 0) {
            throw fail(name + " = 0x" + Long.toHexString(address) + " must be " + bytes + "-byte aligned");
        }
        return this;
    }

    /** {@code value} is one of {@code allowed}. */
    Checks oneOf(String name, int value, int... allowed) {
        for (int a : allowed) {
            if (a == value) {
                return this;
            }
        }
        throw fail(name + " = " + value + " must be one of " + java.util.Arrays.toString(allowed));
    }

    /** {@code value} fits the kernel's {@code int} parameter. */
    Checks fitsInt(String name, long value) {
        if (value > Integer.MAX_VALUE) {
            throw fail(name + " = " + value + " must be <= " + Integer.MAX_VALUE + " (an int in the kernel)");
        }
        return this;
    }

    Checks nonNegative(String name, float value) {
        if (!(value >= 0)) {
            throw fail(name + " = " + value + " must be >= 0");
        }
        return this;
    }

    Checks finite(String name, float value) {
        if (!Float.isFinite(value)) {
            throw fail(name + " = " + value + " must be finite");
        }
        return this;
    }
}
