package dev.scalebench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.analysis.EnergyStats;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.EnergyFit;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.stats.Interval;
import java.util.List;

/**
 * The energy parts of {@code fits.json} (results/README.md), written only when the run has energy readings: a
 * point's {@code energy} object ({@link EnergyStats}: {@code joulesPerToken}, {@code joulesPerStep}, {@code powerW},
 * each with its {@code …Ci}), read back; and the {@code energyFits} section, energy per token against batch and seq
 * ({@link EnergyFit}), derived from the points when written and recomputed by readers, so not read back.
 *
 * <pre>{@code
 * {"series": "batch:gpt-1m/fp32/prefill/s64/joules_per_token", "axis": "batch", "x": [1, 2, 4],
 *  "joulesPerToken": [...], "coefficientJ": 2.1e-4, "coefficientCi": [lo, hi], "exponent": -0.93,
 *  "exponentCi": [lo, hi], "maxAbsRelResidual": 0.02}
 * }</pre>
 */
final class FitsJsonEnergy {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FitsJsonEnergy() {
    }

    /** A point's {@code energy} object, or null when it has no energy figures. */
    static ObjectNode point(PointStats p) {
        EnergyStats e = p.energy();
        if (e == null) {
            return null;
        }
        ObjectNode o = F.objectNode();
        statistic(o, "joulesPerToken", e.joulesPerToken());
        statistic(o, "joulesPerStep", e.joulesPerStep());
        statistic(o, "powerW", e.powerW());
        return o;
    }

    /** A point's energy figures from its {@code energy} object (the numbers of trials are not stored: 0). */
    static EnergyStats read(JsonIn o) {
        return new EnergyStats(statistic(o, "joulesPerToken"), statistic(o, "joulesPerStep"),
                statistic(o, "powerW"));
    }

    /** The {@code energyFits} section, or null when no series could be fitted. */
    static ArrayNode fits(List<PointStats> points) {
        List<EnergyFit> fits = EnergyFit.fit(points);
        if (fits.isEmpty()) {
            return null;
        }
        ArrayNode a = F.arrayNode();
        for (EnergyFit f : fits) {
            ObjectNode o = a.addObject();
            o.put("series", f.series());
            o.put("axis", f.axis());
            o.set("x", JsonText.array(f.x()));
            o.set("joulesPerToken", JsonText.array(f.joulesPerToken()));
            o.set("coefficientJ", JsonText.node(f.coefficientJ()));
            o.set("coefficientCi", JsonText.interval(f.coefficientCi()));
            o.set("exponent", JsonText.node(f.exponent()));
            o.set("exponentCi", JsonText.interval(f.exponentCi()));
            o.set("maxAbsRelResidual", JsonText.node(f.maxAbsRelResidual()));
        }
        return a;
    }

    private static void statistic(ObjectNode o, String name, PointStatistic s) {
        o.set(name, JsonText.node(s.value()));
        o.set(name + "Ci", JsonText.interval(s.ci95()));
    }

    private static PointStatistic statistic(JsonIn o, String name) {
        double[] ci = o.doubles(name + "Ci");
        if (ci.length != 2) {
            throw o.fail(name + "Ci: expected [lo, hi], found " + ci.length + " values");
        }
        return new PointStatistic(o.num(name), new Interval(ci[0], ci[1]), 0);
    }


}
