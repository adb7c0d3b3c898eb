package dev.scalebench.cli;

import dev.scalebench.measure.GpuSample;
import dev.scalebench.measure.nvml.GpuFacts;
import dev.scalebench.measure.nvml.Nvml;
import dev.scalebench.measure.nvml.NvmlDevice;
import dev.scalebench.measure.nvml.NvmlDevice.ClockType;
import dev.scalebench.measure.nvml.NvmlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The doctor's "GPU fit to measure" check, one line per GPU that NVML sees (docs/gpu.md): clocks locked, persistence
 * mode on, no power or thermal throttling while idle, ECC state readable. Each failing item comes with the
 * {@code nvidia-smi} command that fixes it. No NVML (no NVIDIA driver) is one absent line, not a problem.
 */
final class DoctorGpu {
    static final String NAME = "GPU fit to measure";

    private DoctorGpu() {
    }

    static List<DoctorCommand.Check> checks() {
        List<DoctorCommand.Check> out = new ArrayList<>();
        try (Nvml nvml = Nvml.open()) {
            List<NvmlDevice> gpus = nvml.devices();
            if (gpus.isEmpty()) {
                return List.of(new DoctorCommand.Check(NAME, false, false, "NVML sees no GPU", null));
            }
            for (NvmlDevice g : gpus) {
                out.add(check(g, nvml));
            }
        } catch (NvmlException e) {
            out.add(new DoctorCommand.Check(NAME, false, false, e.getMessage()
                    + (e.absent() ? " (no NVIDIA driver: GPU state and energy are not read)" : ""),
                    e.absent() ? null : "check the driver: nvidia-smi"));
        }
        return out;
    }

    private static DoctorCommand.Check check(NvmlDevice g, Nvml nvml) {
        int i = g.index();
        String name = NAME + " (GPU " + i + ")";
        List<String> seen = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        String smi = "sudo nvidia-smi -i " + i + " ";
        try {
            if (g.persistenceMode()) {
                seen.add("persistence on");
            } else {
                wrong.add("persistence off (the driver unloads between runs; the first calls of each run are slow)");
                fixes.add(smi + "-pm 1");
            }
        } catch (NvmlException e) {
            wrong.add("persistence: " + e.getMessage());
        }
        try {
            if (GpuFacts.applicationClocksSet(g)) {
                seen.add("application clocks set (sm " + g.applicationClockMHz(ClockType.SM) + " MHz, memory "
                        + g.applicationClockMHz(ClockType.MEMORY) + " MHz)");
            } else {
                int sm = g.maxClockMHz(ClockType.SM);
                int mem = g.maxClockMHz(ClockType.MEMORY);
                wrong.add("clocks not locked: application clocks at their defaults, so the clocks boost and drop"
                        + " with load and temperature (clocks locked with nvidia-smi -lgc do not show through NVML)");
                fixes.add(smi + "-lgc " + sm + "," + sm + " (or " + smi + "-ac " + mem + "," + sm + ")");
            }
        } catch (NvmlException e) {
            wrong.add("clocks: " + e.getMessage());
        }
        try {
            long reasons = g.throttleReasons();
            String hex = "0x" + Long.toHexString(reasons);
            if ((reasons & GpuSample.POWER_OR_THERMAL) == 0) {
                seen.add("no power or thermal throttling now (reasons " + hex + ")");
            } else {
                wrong.add("throttled by power or temperature now, before any work (reasons " + hex + ", "
                        + temperature(g) + ")");
                fixes.add("nvidia-smi -i " + i + " -q -d PERFORMANCE,POWER,TEMPERATURE (then cooling, or "
                        + smi + "-pl <watts> within the board's limits)");
            }
        } catch (NvmlException e) {
            wrong.add("throttle reasons: " + e.getMessage());
        }
        try {
            seen.add("ECC " + (g.eccMode().current() ? "on" : "off"));
        } catch (NvmlException e) {
            if (e.notSupported()) {
                seen.add("ECC not supported");
            } else {
                wrong.add("ECC state: " + e.getMessage());
                fixes.add("nvidia-smi -i " + i + " -q -d ECC");
            }
        }
        Map<String, String> f = GpuFacts.of(nvml, g);
        String facts = "power limit " + f.get("gpu.power.limit.watts") + " W, MIG " + f.get("gpu.mig") + ", driver "
                + f.get("gpu.driver");
        String detail = gpuName(g) + ": " + (wrong.isEmpty() ? String.join(", ", seen)
                : String.join("; ", wrong) + (seen.isEmpty() ? "" : " (fine: " + String.join(", ", seen) + ")"))
                + "; " + facts;
        return wrong.isEmpty() ? new DoctorCommand.Check(name, true, false, detail, null)
                : DoctorCommand.Check.broken(name, detail, fixes.isEmpty() ? "see above" : String.join("; ", fixes));
    }

    private static String gpuName(NvmlDevice g) {
        try {
            return g.name();
        } catch (NvmlException e) {
            return "GPU " + g.index();
        }
    }

    private static String temperature(NvmlDevice g) {
        try {
            return String.format(Locale.ROOT, "%d °C", g.temperatureC());
        } catch (NvmlException e) {
            return "temperature unknown";
        }
    }
}
