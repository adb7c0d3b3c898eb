package dev.scalebench.metrics;

import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * The energy meters of a point ({@link SweepMetrics}), registered with its first ok trial that carries an energy
 * reading (a run without readings has none of them). Prometheus names (the registry adds the unit):
 * <ul>
 *   <li>{@code scalebench_energy_joules_total}: a counter, the energy the point's measured loops drew, summed over
 *       its ok trials with a reading;</li>
 *   <li>{@code scalebench_point_energy_per_step_joules}, {@code scalebench_point_energy_per_token_joules},
 *       {@code scalebench_point_tokens_per_joule} and {@code scalebench_point_power_watts}: gauges, each the median
 *       over the point's ok trials with a reading of {@link TrialMetric#JOULES_PER_STEP},
 *       {@link TrialMetric#JOULES_PER_TOKEN}, {@link TrialMetric#TOKENS_PER_JOULE} and {@link TrialMetric#POWER_W}
 *       ({@link PointStatistic}: a trial without a reading is left out).</li>
 * </ul>
 */
final class EnergyMeters {

    /** A gauge: its meter name, base unit (null for none), the metric it reads and its description. */
    private record Spec(String name, String unit, TrialMetric metric, String description) { }

    private static final List<Spec> GAUGES = List.of(
            new Spec("scalebench.point.energy.per.step", "joules", TrialMetric.JOULES_PER_STEP,
                    "The point's energy per step (per request at a generate point): median over its ok trials with"
                            + " an energy reading of joules / measured steps"),
            new Spec("scalebench.point.energy.per.token", "joules", TrialMetric.JOULES_PER_TOKEN,
                    "The point's energy per token: median over its ok trials with an energy reading of joules /"
                            + " (steps x tokens per step)"),
            new Spec("scalebench.point.tokens.per.joule", null, TrialMetric.TOKENS_PER_JOULE,
                    "The point's tokens per joule: median over its ok trials with an energy reading"),
            new Spec("scalebench.point.power", "watts", TrialMetric.POWER_W,
                    "The point's mean power over the measured loop: median over its ok trials with an energy"
                            + " reading"));

    private EnergyMeters() {
    }

    /** The point's energy counter, registering it and the point's energy gauges (reading {@code trials}). */
    static Counter register(MeterRegistry registry, Tags tags, List<TrialValues> trials) {
        for (Spec s : GAUGES) {
            Gauge.Builder<List<TrialValues>> b = Gauge.builder(s.name(), trials,
                    l -> PointStatistic.median(l, s.metric())).tags(tags).strongReference(true)
                    .description(s.description());
            if (s.unit() != null) {
                b.baseUnit(s.unit());
            }
            b.register(registry);
        }
        return Counter.builder("scalebench.energy").baseUnit("joules").tags(tags)
                .description("Energy the point's measured loops drew, summed over its ok trials with an energy"
                        + " reading")
                .register(registry);
    }
}
