package dev.scalebench.sweep;

import dev.scalebench.backend.Backend;
import dev.scalebench.measure.TrialSensor;
import dev.scalebench.measure.linux.InterferenceSensor;
import dev.scalebench.measure.linux.Rapl;
import dev.scalebench.measure.linux.RaplSensor;
import dev.scalebench.measure.nvml.GpuFacts;
import dev.scalebench.measure.nvml.NvmlSensor;
import dev.scalebench.results.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks the {@link TrialSensor sensors} that read the machine around a backend's measured loops
 * (docs/measurement.md, "Interference" and "CPU energy (RAPL)"), the way {@link MemoryProbes} picks its memory
 * probe:
 *
 * <ul>
 *   <li>every backend, on Linux: the {@link InterferenceSensor} (run-queue wait, steal). Every engine's steps run on
 *       this process's threads: the sim backend busy-waits on the CPU, DJL on a CPU computes there, and a GPU
 *       engine's thread launches and waits there, so a neighbour that takes the CPU lengthens the step in all of
 *       them;
 *   <li>a backend on the CPU (device {@code cpu}; not {@code sim}, whose device is simulated and whose energy would
 *       describe no hardware): the CPU packages' energy through RAPL ({@link RaplSensor}), where readable;
 *   <li>a backend on a GPU (device {@code gpu:N}): the GPU's energy, clocks and throttling through NVML
 *       ({@link NvmlSensor}; docs/measurement.md, "GPU state and energy (NVML)"), where the driver is there.
 * </ul>
 */
public final class TrialSensors {

    private TrialSensors() {
    }

    /** The sensors for {@code backend}'s trials, combined ({@link TrialSensor#all}). */
    public static TrialSensor forBackend(Backend backend) {
        List<TrialSensor> sensors = new ArrayList<>();
        sensors.add(InterferenceSensor.linux());
        if (onCpu(backend)) {
            Rapl rapl = Rapl.probe();
            if (rapl.available()) {
                sensors.add(new RaplSensor(rapl));
            }
        }
        if (backend.device().isGpu()) {
            sensors.add(NvmlSensor.forCudaDevice(backend.device().gpuIndex().orElse(0)).sensor());
        }
        return TrialSensor.all(sensors);
    }

    /**
     * {@code engineFacts} (the backend's fingerprint facts) plus the machine sensors' own: for a backend on the CPU,
     * {@code energy.cpu} = {@code rapl (package-0, dram-0)} or {@code unavailable (<reason>)} ({@link Rapl#describe()});
     * for a backend on a GPU, the GPU's state through NVML ({@link GpuFacts}: power limit, persistence, clocks, ECC,
     * MIG, driver; or {@code gpu.nvml} with the reason there is none).
     */
    public static Map<String, String> fingerprint(Backend backend, Map<String, String> engineFacts) {
        Map<String, String> facts = new java.util.TreeMap<>(GpuFacts.withGpuState(engineFacts, backend.device()));
        if (onCpu(backend)) {
            facts.put("energy.cpu", Rapl.probe().describe());
        }
        return facts;
    }

    /**
     * The lines to print once at the start of a sweep on {@code backend}: {@code energy: unavailable (<reason>)}
     * ({@link Fingerprint#energyUnavailable}). Probes the sensors; a sweep that has its run's fingerprint uses
     * {@link #notices(Map)} instead.
     */
    public static List<String> notices(Backend backend) {
        return notices(fingerprint(backend, Map.of()));
    }

    /** The start-of-sweep lines that the run's fingerprint implies, read without probing anything again. */
    public static List<String> notices(Map<String, String> fingerprint) {
        return Fingerprint.energyUnavailable(fingerprint).map(List::of).orElse(List.of());
    }

    private static boolean onCpu(Backend backend) {
        return "cpu".equals(backend.device().id());
    }
}
