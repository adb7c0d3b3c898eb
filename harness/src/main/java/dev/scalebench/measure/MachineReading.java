package dev.scalebench.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link TrialSensor sensors} read about the machine during one trial's measured loop; each part is
 * {@code null} where no sensor read it (a journal line written before the part existed reads the same way).
 *
 * @param interference how much the scheduler and the hypervisor kept the trial's threads from a CPU, or null
 * @param energy the energy the measured device drew over the loop, or null (docs/measurement.md, "Energy")
 * @param gpu the GPU's clocks, throttling, temperature and memory over the loop, or null
 */
public record MachineReading(Interference interference, Energy energy, GpuSample gpu) {

    /** Nothing read. */
    public static final MachineReading NONE = new MachineReading(null, null, null);

    /** This reading, its missing parts taken from {@code other}. */
    public MachineReading merge(MachineReading other) {
        if (other == null) {
            return this;
        }
        return new MachineReading(interference != null ? interference : other.interference,
                energy != null ? energy : other.energy, gpu != null ? gpu : other.gpu);
    }

    /** Whether nothing was read. */
    public boolean isEmpty() {
        return interference == null && energy == null && gpu == null;
    }

    /**
     * The flags this reading raises, in id order: {@link Flag#ENERGY_SHORT} (too short for the energy counter),
     * {@link Flag#INTERFERED}, {@link Flag#THROTTLED}.
     */
    public List<Flag> flags() {
        List<Flag> flags = new ArrayList<>(3);
        if (energy != null && energy.tooShort()) {
            flags.add(Flag.ENERGY_SHORT);
        }
        if (interference != null && interference.interfered()) {
            flags.add(Flag.INTERFERED);
        }
        if (gpu != null && gpu.throttled()) {
            flags.add(Flag.THROTTLED);
        }
        return flags;
    }
}
