package dev.scalebench.analysis;

/**
 * What is known of a point apart from its latencies: the work one step does, for the roofline (floating-point
 * operations executed and the minimum bytes moved to and from device memory), and the peak memory growth its trials
 * measured. FLOPs and bytes are {@link Double#NaN} when unknown (TorchScript models, imported data without those
 * columns); the memory is {@code -1} when no trial measured it.
 *
 * @param flops FLOPs per step
 * @param bytes bytes per step
 * @param memPeakBytes the point's measured peak memory growth, bytes: the largest reading over its OK trials
 *     ({@link dev.scalebench.results.PointSummary#memPeakBytes(java.util.List)}, the same figure as
 *     {@code summary.csv}'s {@code mem_peak_bytes}); {@code -1} when none measured it (docs/measurement.md, "Memory")
 */
public record PointWork(double flops, double bytes, long memPeakBytes) {

    /** Nothing known. */
    public static final PointWork UNKNOWN = new PointWork(Double.NaN, Double.NaN);

    public PointWork {
        memPeakBytes = memPeakBytes < 0 ? -1 : memPeakBytes;
    }

    /** Work whose memory was not measured. */
    public PointWork(double flops, double bytes) {
        this(flops, bytes, -1);
    }

    /** Arithmetic intensity, FLOP per byte (NaN when unknown). */
    public double intensity() {
        return flops / bytes;
    }

    /** Whether any of the point's trials measured its memory. */
    public boolean memoryKnown() {
        return memPeakBytes >= 0;
    }

    /** This work with the measured peak memory growth {@code bytes} ({@code -1}: unknown). */
    public PointWork withMemPeak(long bytes) {
        return new PointWork(flops, this.bytes, bytes);
    }
}
