package dev.scalebench.analysis.roofline;

import java.util.List;
import java.util.Map;

/**
 * The ceilings of one machine, from its data sheet or measured by {@code calibrate}.
 *
 * @param id file name without {@code .yaml}, e.g. {@code h100-sxm}
 * @param name in words, e.g. {@code NVIDIA H100 SXM5 80GB}
 * @param kind {@code gpu} or {@code cpu}
 * @param match case-insensitive substrings of a device name that identify this hardware (all must occur)
 * @param sms streaming multiprocessors (GPU) or cores (CPU)
 * @param memoryBytes device memory
 * @param bandwidthBytesPerS peak memory bandwidth, bytes per second
 * @param peakFlopsPerS dense peak FLOP/s by dtype id ({@code fp32}, {@code tf32}, {@code bf16}, {@code fp16},
 *     {@code fp8}); dtypes without an entry have no compute ceiling
 * @param l2Bytes last-level cache, bytes (0 when unknown)
 * @param pricePerHour on-demand price in USD per hour (NaN when unknown)
 * @param measured whether the ceilings were measured ({@code calibrate}) rather than taken from a data sheet
 * @param sources where each number comes from, by field name
 * @param spec for a measured profile, the id of the data-sheet profile of the same hardware (its ceilings are
 *     reported beside the measured ones); {@code ""} when there is none
 */
public record HardwareProfile(String id, String name, String kind, List<String> match, int sms, long memoryBytes,
        double bandwidthBytesPerS, Map<String, Double> peakFlopsPerS, long l2Bytes, double pricePerHour,
        boolean measured, Map<String, String> sources, String spec) {

    public HardwareProfile {
        match = List.copyOf(match);
        peakFlopsPerS = Map.copyOf(peakFlopsPerS);
        sources = Map.copyOf(sources);
        spec = spec == null ? "" : spec;
    }

    /** A profile without a {@code spec} reference (every data-sheet profile). */
    public HardwareProfile(String id, String name, String kind, List<String> match, int sms, long memoryBytes,
            double bandwidthBytesPerS, Map<String, Double> peakFlopsPerS, long l2Bytes, double pricePerHour,
            boolean measured, Map<String, String> sources) {
        this(id, name, kind, match, sms, memoryBytes, bandwidthBytesPerS, peakFlopsPerS, l2Bytes, pricePerHour,
                measured, sources, "");
    }

    /** Peak FLOP/s for {@code dtype}, NaN when the profile has none. */
    public double peakFlops(String dtype) {
        Double v = peakFlopsPerS.get(dtype);
        return v == null ? Double.NaN : v;
    }

    /** Ridge point for {@code dtype}: the arithmetic intensity (FLOP/byte) where compute and memory meet. */
    public double ridge(String dtype) {
        return peakFlops(dtype) / bandwidthBytesPerS;
    }
}
