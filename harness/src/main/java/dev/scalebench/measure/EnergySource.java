package dev.scalebench.measure;

import dev.scalebench.Spelled;

/** Where an {@link Energy} reading came from, as result files spell it ({@link #id()}). */
public enum EnergySource implements Spelled {
    /** NVML's total energy counter of the measured GPU ({@code nvmlDeviceGetTotalEnergyConsumption}, mJ). */
    NVML("nvml"),
    /** RAPL through {@code /sys/class/powercap}: the CPU packages (and DRAM where exposed), µJ. */
    RAPL("rapl");

    private final String id;

    EnergySource(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The source spelled {@code id}. */
    public static EnergySource parse(String id) {
        return Spelled.parse(EnergySource.class, "energy source", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
