package dev.scalebench.kernels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the driver reports about one GPU. Attributes a driver does not report are {@code -1}.
 *
 * @param index device ordinal
 * @param name the driver's name for it, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param ccMajor compute capability, major
 * @param ccMinor compute capability, minor
 * @param sms streaming multiprocessors
 * @param memoryBytes total device memory
 * @param clockKhz peak SM clock, kHz
 * @param memoryClockKhz peak memory clock, kHz
 * @param memoryBusBits memory bus width, bits
 * @param l2Bytes L2 cache
 * @param sharedPerBlockOptin the most shared memory one block can opt in to, bytes
 * @param pciBusId PCI bus id, e.g. {@code 0000:1B:00.0}
 * @param uuid the GPU's UUID ({@code GPU-…} as nvidia-smi prints it), empty when unknown
 */
public record GpuInfo(int index, String name, int ccMajor, int ccMinor, int sms, long memoryBytes, int clockKhz,
        int memoryClockKhz, int memoryBusBits, int l2Bytes, int sharedPerBlockOptin, String pciBusId, String uuid) {

    /** The architecture name nvcc uses, e.g. {@code sm_90}. */
    public String arch() {
        return "sm_" + ccMajor + ccMinor;
    }

    /**
     * Theoretical memory bandwidth from the memory clock and bus width (double data rate), bytes/s; {@code -1}
     * when the driver does not report them. A data-sheet figure, not a measurement.
     */
    public double theoreticalBandwidth() {
        return memoryClockKhz <= 0 || memoryBusBits <= 0 ? -1 : 2.0 * memoryClockKhz * 1e3 * memoryBusBits / 8.0;
    }

    /** Facts for the environment fingerprint, under {@code gpu.*} keys. */
    public Map<String, String> fingerprint() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("gpu.name", name);
        f.put("gpu.compute.capability", ccMajor + "." + ccMinor);
        f.put("gpu.sms", Integer.toString(sms));
        f.put("gpu.memory.bytes", Long.toString(memoryBytes));
        f.put("gpu.clock.khz", Integer.toString(clockKhz));
        f.put("gpu.memory.clock.khz", Integer.toString(memoryClockKhz));
        f.put("gpu.pci.bus", pciBusId);
        if (!uuid.isEmpty()) {
            f.put("gpu.uuid", uuid);
        }
        return f;
    }
}
