package dev.scalebench.measure.nvml;

import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.GpuSample;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.TrialSensor;

/**
 * Reads the measured GPU through NVML around each measured loop (docs/measurement.md, "GPU state and energy
 * (NVML)"): {@link #begin()} reads the total energy counter and the clock throttle reasons; the window's end reads
 * them again, with the SM and memory clocks, the temperature and the memory in use. The reading holds
 *
 * <ul>
 *   <li>an {@link Energy} of the counter's difference, in joules, over the loop's measured time, {@link Energy#tooShort()
 *       too short} below {@link #ENERGY_MIN_NANOS}; none when either read failed (a GPU before Volta has no counter:
 *       NVML says not supported), or when the counter went backwards (the driver was reloaded in between): never
 *       a zero standing for "unknown" (a counter that did not move over ten periods or more is not updating, since
 *       a GPU always draws power: no energy either; over a shorter loop it may just not have been updated yet, and
 *       the zero stands, flagged too short);
 *   <li>a {@link GpuSample}: the clocks, temperature and memory at the end ({@code -1} where a read failed), and the
 *       throttle reasons of both ends OR-ed, so that a power or thermal cap seen at either end
 *       {@link GpuSample#throttled() flags} the trial; none when every read failed.
 * </ul>
 *
 * Nothing is read inside the loop, and nothing throws: a failed read leaves its part out.
 */
public final class NvmlSensor implements TrialSensor, AutoCloseable {

    /**
     * The update period assumed for NVML's energy counter, 100 ms. NVML documents no period for the counter; its
     * power reading is an average refreshed a few to ten times a second on recent GPUs, and the counter is assumed
     * to move no faster than that. An assumption, not yet measured by this project (docs/measurement.md says how to
     * check it on a GPU); the slower end of the range is taken so that the {@link #ENERGY_MIN_NANOS} rule errs on the
     * safe side.
     */
    public static final long ENERGY_COUNTER_PERIOD_NANOS = 100_000_000L;
    /** How many counter updates a loop must span for its energy not to be flagged {@code energy-short}. */
    public static final int ENERGY_MIN_PERIODS = 10;
    /**
     * The shortest measured loop whose energy is not flagged too short: {@value #ENERGY_MIN_PERIODS} update periods
     * (1 s). A read at either end may lag the true energy by up to a period, so ten periods keep that error within
     * about a tenth of the difference.
     */
    public static final long ENERGY_MIN_NANOS = ENERGY_MIN_PERIODS * ENERGY_COUNTER_PERIOD_NANOS;

    private final Nvml nvml;
    private final NvmlDevice gpu;

    /**
     * A sensor of {@code gpu}.
     *
     * @param nvml the open NVML the device comes from, closed with the sensor; null to leave it to the caller
     */
    public NvmlSensor(Nvml nvml, NvmlDevice gpu) {
        this.nvml = nvml;
        this.gpu = gpu;
    }

    /**
     * A sensor, or why none could be opened.
     *
     * @param sensor the sensor; {@link TrialSensor#NONE} when NVML or the GPU is not there
     * @param reason empty, or why there is no sensor (e.g. {@code absent: libnvidia-ml.so.1 not found})
     */
    public record Opened(TrialSensor sensor, String reason) { }

    /**
     * Opens NVML and finds the GPU that CUDA calls {@code ordinal} ({@link Nvml#deviceForCuda(int)}). The sensor
     * holds NVML open until it is closed; a sweep's sensor stays open until the process ends. Never throws.
     */
    public static Opened forCudaDevice(int ordinal) {
        Nvml nvml = null;
        try {
            nvml = Nvml.open();
            NvmlDevice gpu = nvml.deviceForCuda(ordinal);
            return new Opened(new NvmlSensor(nvml, gpu), "");
        } catch (NvmlException e) {
            if (nvml != null) {
                nvml.close();
            }
            return new Opened(TrialSensor.NONE, e.getMessage());
        }
    }

    @Override
    public Window begin() {
        Long energy0 = energy();
        Long reasons0 = reasons();
        return measuredNanos -> end(energy0, reasons0, measuredNanos);
    }

    private MachineReading end(Long energy0, Long reasons0, long measuredNanos) {
        Long energy1 = energy();
        Long reasons1 = reasons();
        Energy energy = null;
        if (energy0 != null && energy1 != null && Long.compareUnsigned(energy1, energy0) >= 0
                && !(energy1.equals(energy0) && measuredNanos >= ENERGY_MIN_NANOS)) {
            energy = Energy.of(EnergySource.NVML, (energy1 - energy0) / 1000.0, measuredNanos, ENERGY_MIN_NANOS);
        }
        int sm = read(() -> gpu.clockMHz(NvmlDevice.ClockType.SM));
        int mem = read(() -> gpu.clockMHz(NvmlDevice.ClockType.MEMORY));
        int temp = read(gpu::temperatureC);
        long used = -1;
        try {
            used = gpu.memory().usedBytes();
        } catch (RuntimeException e) {
            // unknown: -1
        }
        GpuSample sample = null;
        if (reasons0 != null || reasons1 != null || sm >= 0 || mem >= 0 || temp >= 0 || used >= 0) {
            long reasons = (reasons0 == null ? 0 : reasons0) | (reasons1 == null ? 0 : reasons1);
            sample = new GpuSample(sm, mem, reasons, temp, used);
        }
        return new MachineReading(null, energy, sample);
    }

    private Long energy() {
        try {
            return gpu.energyMillijoules();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Long reasons() {
        try {
            return gpu.throttleReasons();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int read(java.util.function.IntSupplier s) {
        try {
            return s.getAsInt();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Shuts down the NVML this sensor opened, if it did. */
    @Override
    public void close() {
        if (nvml != null) {
            nvml.close();
        }
    }
}
