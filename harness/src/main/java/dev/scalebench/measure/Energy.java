package dev.scalebench.measure;

/**
 * The energy the measured device drew during a trial's measured loop, from a hardware counter read before and after
 * it (docs/measurement.md, "Energy").
 *
 * @param source the counter
 * @param joules the counter's difference over the loop, joules (≥ 0)
 * @param meanPowerWatts {@code joules} over the loop's duration
 * @param tooShort whether the loop lasted fewer than about ten of the counter's update periods, so that the
 *     difference is coarse ({@link Flag#ENERGY_SHORT})
 */
public record Energy(EnergySource source, double joules, double meanPowerWatts, boolean tooShort) {

    public Energy {
        if (source == null) {
            throw new IllegalArgumentException("an energy reading needs its source");
        }
        if (!(joules >= 0)) {
            throw new IllegalArgumentException("energy " + joules + " J is not ≥ 0");
        }
    }

    /** The reading of {@code joules} over a loop of {@code measuredNanos}, too short below {@code minNanos}. */
    public static Energy of(EnergySource source, double joules, long measuredNanos, long minNanos) {
        double watts = measuredNanos > 0 ? joules / (measuredNanos / 1e9) : Double.NaN;
        return new Energy(source, joules, watts, measuredNanos < minNanos);
    }
}
