package dev.scalebench.kernels;

/**
 * Whether this process can use CUDA through JCuda's driver API, and if not, why and what to do.
 *
 * @param available the driver loaded, {@code cuInit} succeeded and at least one device is visible
 * @param reason why not (empty when available)
 * @param fix what to do (empty when available)
 * @param deviceCount visible devices ({@code 0} when unavailable)
 * @param driverVersion the driver's CUDA version as {@code 1000·major + 10·minor}, {@code 0} when unknown
 */
public record Availability(boolean available, String reason, String fix, int deviceCount, int driverVersion) {

    static Availability no(String reason, String fix, int driverVersion) {
        return new Availability(false, reason, fix, 0, driverVersion);
    }

    /** The driver version as {@code major.minor}, or {@code unknown}. */
    public String driverVersionString() {
        return Cuda.versionString(driverVersion);
    }

    /** Throws {@link CudaUnavailableException} unless available. */
    public void require() {
        if (!available) {
            throw new CudaUnavailableException(reason, fix);
        }
    }
}
