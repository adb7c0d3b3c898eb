package dev.scalebench.measure;

/**
 * Monotonic time source in nanoseconds. Injected so that measurement logic is tested with a fake clock.
 */
@FunctionalInterface
public interface Clock {

    /** Monotonic nanoseconds (arbitrary origin). */
    long nanoTime();

    /** {@link System#nanoTime()}. */
    static Clock system() {
        return System::nanoTime;
    }
}
