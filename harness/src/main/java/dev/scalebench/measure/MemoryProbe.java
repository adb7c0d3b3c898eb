package dev.scalebench.measure;

/**
 * Measures how much memory one point takes while it runs: a <em>window</em> opens before the point's session is
 * built ({@link #begin()}) and is read once its trial has run, before the session is closed
 * ({@link Window#peakBytes()}). What "memory" is depends on the probe: the process's resident set on a CPU
 * ({@link ProcessMemory}), the device's used memory or a backend's own allocation account on a GPU. Like the
 * {@link GcMonitor} it is injected into the sweep, and read outside the timed loop only: opening and reading a
 * window costs a file read or a driver call, never a step's time.
 *
 * <p>A reading is the <b>peak growth over the window</b>, in bytes: the most memory held at any moment of the window
 * minus what was held when it opened (weights, inputs, activations and caches of the point, plus whatever else the
 * process allocated meanwhile). A probe that cannot tell returns {@link #UNKNOWN}. docs/measurement.md, "Memory",
 * says what each probe sees and where it falls short.
 */
@FunctionalInterface
public interface MemoryProbe {

    /** The reading when a probe cannot tell (no probe, an unreadable source): {@value}. */
    long UNKNOWN = -1;

    /** A probe that measures nothing: every window reads {@link #UNKNOWN}. */
    MemoryProbe NONE = () -> () -> UNKNOWN;

    /** Opens a window: reads (and where it can, resets) the probe's counters. Never throws. */
    Window begin();

    /** An open window. */
    @FunctionalInterface
    interface Window {
        /** Peak growth since {@link MemoryProbe#begin()}, bytes (≥ 0), or {@link #UNKNOWN}. Never throws. */
        long peakBytes();
    }
}
