package dev.scalebench.measure.linux;

import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.TrialSensor;

/**
 * The CPU energy of a trial's measured loop through RAPL ({@link Rapl}): the counters' difference over the loop,
 * summed over the packages (and DRAM) the process's machine has, as an {@link Energy} of source
 * {@link EnergySource#RAPL} (docs/measurement.md, "CPU energy (RAPL)").
 *
 * <p>RAPL meters the whole package, not the process: whatever else ran on the package during the loop is in the
 * reading (the interference reading of the same trial says whether anything did). A window with no reading
 * (a counter unreadable at either end, a difference that cannot be undone) has no energy part, and neither has
 * a difference of zero: a package always draws power, so an unmoved counter is not updating, and scalebench never
 * reports zero energy. A loop shorter than {@link #MIN_NANOS} is flagged {@code energy-short}.
 */
public final class RaplSensor implements TrialSensor {

    /**
     * Loops shorter than this are flagged {@code energy-short}: 10 ms, ten of RAPL's update periods (about 1 ms),
     * so that the staleness of the reading at either end (up to one period each) is at most a fifth of it, and
     * mostly far less.
     */
    public static final long MIN_NANOS = 10_000_000L;

    private final Rapl rapl;

    /** A sensor over {@code rapl}'s counters (an unavailable {@code rapl} reads nothing). */
    public RaplSensor(Rapl rapl) {
        this.rapl = rapl;
    }

    @Override
    public Window begin() {
        long[] before = rapl.read();
        return measuredNanos -> {
            if (before == null) {
                return MachineReading.NONE;
            }
            double joules = rapl.joulesBetween(before, rapl.read());
            if (!(joules > 0)) {
                return MachineReading.NONE;
            }
            return new MachineReading(null, Energy.of(EnergySource.RAPL, joules, measuredNanos, MIN_NANOS), null);
        };
    }
}
