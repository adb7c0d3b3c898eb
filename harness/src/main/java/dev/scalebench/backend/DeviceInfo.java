package dev.scalebench.backend;

/**
 * A resolved device.
 *
 * @param id {@code cpu} or {@code gpu:N}
 * @param name human-readable name (CPU model or GPU name)
 * @param memoryBytes memory available to models on this device, or {@code -1} when unknown
 */
public record DeviceInfo(String id, String name, long memoryBytes) {
    public boolean isGpu() {
        return id.startsWith("gpu");
    }
}
