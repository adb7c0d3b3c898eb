package dev.scalebench.backend;

import java.util.OptionalInt;

/**
 * A resolved device.
 *
 * @param id {@code cpu} or {@code gpu:N} (a simulated or test device may name itself, e.g. {@code sim})
 * @param name human-readable name (CPU model or GPU name)
 * @param memoryBytes memory available to models on this device, or {@code -1} when unknown
 */
public record DeviceInfo(String id, String name, long memoryBytes) {
    public boolean isGpu() {
        return id.startsWith("gpu");
    }

    /** N of a {@code gpu:N} id; empty for any other id. */
    public OptionalInt gpuIndex() {
        if (id.matches("gpu:\\d{1,9}")) {
            return OptionalInt.of(Integer.parseInt(id.substring(4)));
        }
        return OptionalInt.empty();
    }
}
