package dev.scalebench.measure.nvml;

import dev.scalebench.backend.DeviceInfo;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The measured GPU's state for the run's fingerprint, read once when the run starts (docs/measurement.md, "GPU
 * state and energy (NVML)"). Keys:
 *
 * <table>
 *   <caption>GPU state facts</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@code gpu.power.limit.watts}</td><td>the enforced power limit, W ({@code 700}, {@code 350.5})</td></tr>
 *   <tr><td>{@code gpu.persistence}</td><td>{@code on} or {@code off}</td></tr>
 *   <tr><td>{@code gpu.clocks.locked}</td><td>{@code true} when the application clocks differ from their defaults
 *       ({@code nvidia-smi -ac}), else {@code false}; NVML cannot see clocks locked with {@code nvidia-smi -lgc}</td></tr>
 *   <tr><td>{@code gpu.clocks.application.mhz}</td><td>the application clocks, {@code sm <MHz>, memory <MHz>}</td></tr>
 *   <tr><td>{@code gpu.ecc}, {@code gpu.mig}</td><td>{@code on} or {@code off} (the current mode)</td></tr>
 *   <tr><td>{@code gpu.driver}</td><td>the driver's version, e.g. {@code 550.54.15}</td></tr>
 * </table>
 *
 * A fact NVML cannot read is {@code unsupported} (the GPU has no such setting) or {@code unknown}; when NVML itself
 * cannot be opened, the one fact {@code gpu.nvml} says why.
 */
public final class GpuFacts {

    /** Value of a fact that could not be read. */
    public static final String UNKNOWN = "unknown";
    /** Value of a setting the GPU does not have. */
    public static final String UNSUPPORTED = "unsupported";

    private GpuFacts() {
    }

    /**
     * {@code backendFacts} with the state of {@code device}'s GPU added (a backend's own fact of the same key wins);
     * {@code backendFacts} as they are for a device that is not a GPU. Never throws.
     */
    public static Map<String, String> withGpuState(Map<String, String> backendFacts, DeviceInfo device) {
        if (device == null || !device.isGpu()) {
            return backendFacts;
        }
        Map<String, String> merged = new TreeMap<>();
        try (Nvml nvml = Nvml.open()) {
            merged.putAll(of(nvml, nvml.deviceForCuda(device.gpuIndex().orElse(0))));
        } catch (NvmlException e) {
            merged.put("gpu.nvml", e.getMessage());
        }
        if (backendFacts != null) {
            merged.putAll(backendFacts);
        }
        return merged;
    }

    /** The facts of {@code gpu}, in the order of the table above. */
    public static Map<String, String> of(Nvml nvml, NvmlDevice gpu) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("gpu.power.limit.watts", fact(() -> BigDecimal.valueOf(gpu.enforcedPowerLimitMilliwatts(), 3)
                .stripTrailingZeros().toPlainString()));
        f.put("gpu.persistence", fact(() -> onOff(gpu.persistenceMode())));
        f.put("gpu.clocks.locked", fact(() -> Boolean.toString(applicationClocksSet(gpu))));
        f.put("gpu.clocks.application.mhz", fact(() -> "sm " + gpu.applicationClockMHz(NvmlDevice.ClockType.SM)
                + ", memory " + gpu.applicationClockMHz(NvmlDevice.ClockType.MEMORY)));
        f.put("gpu.ecc", fact(() -> onOff(gpu.eccMode().current())));
        f.put("gpu.mig", fact(() -> onOff(gpu.migMode().current())));
        f.put("gpu.driver", fact(nvml::driverVersion));
        return f;
    }

    /** Whether the application clocks (SM or memory) differ from their defaults: set with {@code nvidia-smi -ac}. */
    public static boolean applicationClocksSet(NvmlDevice gpu) {
        for (NvmlDevice.ClockType t : NvmlDevice.ClockType.values()) {
            if (gpu.applicationClockMHz(t) != gpu.defaultApplicationClockMHz(t)) {
                return true;
            }
        }
        return false;
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static String fact(Supplier<String> read) {
        try {
            return read.get();
        } catch (NvmlException e) {
            return e.notSupported() ? UNSUPPORTED : UNKNOWN;
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }
}
