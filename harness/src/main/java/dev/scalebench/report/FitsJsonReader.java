package dev.scalebench.report;

import dev.scalebench.measure.Flag;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.FittedMetrics;
import dev.scalebench.analysis.GenerationStats;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Band;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.analysis.fit.Validation;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.Bound;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.stats.Interval;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code fits.json} tree back into an {@link Analysis}. */
final class FitsJsonReader {

    private FitsJsonReader() {
    }

    static Analysis analysis(JsonIn o) {
        long schema = o.lng("schema");
        if (schema != Analysis.SCHEMA && schema != 1) {
            throw o.fail("schema " + schema + " is not supported (this version reads schemas 1 and "
                    + Analysis.SCHEMA + ")");
        }
        TrialMetric metric = o.parsed("metric", FitsJsonReader::metric, String.join(", ",
                FittedMetrics.ALL.stream().map(TrialMetric::id).toList()));
        JsonIn hw = o.objOrNull("hardware");
        return new Analysis((int) schema, o.str("source"), o.str("device"), metric, options(o.obj("options")),
                o.list("points", FitsJsonReader::point), o.list("fits", FitsJsonReader::series),
                hw == null ? null : hardware(hw), o.list("roofline", FitsJsonReader::roofline),
                o.strings("warnings"), o.has("spec") && o.objOrNull("spec") != null ? hardware(o.obj("spec")) : null,
                o.has("repairs") ? o.strings("repairs") : List.of(),
                o.has("capacity") ? o.list("capacity", FitsJsonCapacity::read) : List.of(),
                o.has("shifts") ? o.list("shifts", FitsJsonShifts::read) : List.of());
    }

    private static TrialMetric metric(String id) {
        return FittedMetrics.ALL.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    private static Axis axis(String id) {
        return Arrays.stream(Axis.values()).filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    private static Bound bound(String id) {
        return Arrays.stream(Bound.values()).filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    private static FitOptions options(JsonIn o) {
        try {
            return new FitOptions(o.integer("bootstrap"), o.lng("seed"), o.num("confidence"),
                    o.num("extrapolationFactor"), o.integer("maxLeaveOut"));
        } catch (IllegalArgumentException e) {
            throw o.fail(e.getMessage());
        }
    }

    private static HardwareProfile hardware(JsonIn o) {
        return new HardwareProfile(o.str("id"), o.str("name"), o.str("kind"), o.strings("match"), o.integer("sms"),
                o.lng("memoryBytes"), o.num("bandwidthBytesPerS"), o.numberMap("peakFlopsPerS"), o.lng("l2Bytes"),
                o.num("pricePerHour"), o.bool("measured"), o.stringMap("sources"), o.has("spec") ? o.str("spec") : "");
    }

    private static PointKey key(JsonIn o) {
        return new PointKey(o.str("model"), o.str("dtype"), o.str("phase"), o.lng("params"), o.integer("batch"),
                o.integer("seq"), o.has("output") ? o.integer("output") : 0);
    }

    private static Interval interval(JsonIn o, String name) {
        double[] v = o.doubles(name);
        if (v.length != 2) {
            throw o.fail(name + ": expected [lo, hi], found " + v.length + " values");
        }
        return new Interval(v[0], v[1]);
    }

    private static PointStats point(JsonIn o) {
        return new PointStats(key(o), o.integer("trials"), o.num("p50Ns"), interval(o, "p50Ci"), o.num("p99Ns"),
                interval(o, "p99Ci"), o.num("metricNs"), interval(o, "metricCi"), o.num("seqPerS"),
                o.num("tokensPerS"), o.has("deviceNs") ? o.num("deviceNs") : Double.NaN,
                o.has("deviceGapNs") ? o.num("deviceGapNs") : Double.NaN,
                o.has("seqPerSCi") ? interval(o, "seqPerSCi") : Interval.UNDEFINED,
                o.has("tokensPerSCi") ? interval(o, "tokensPerSCi") : Interval.UNDEFINED,
                o.has("flags") ? flags(o) : Map.of(), o.has("generation") ? generation(o.obj("generation")) : null,
                o.has("memPeakBytes") ? o.lng("memPeakBytes") : -1)
                .withEnergy(o.has("energy") ? FitsJsonEnergy.read(o.obj("energy")) : null);
    }

    private static GenerationStats generation(JsonIn o) {
        return new GenerationStats(statistic(o, "ttftP50"), statistic(o, "ttftP99"), statistic(o, "tpotP50"),
                statistic(o, "tpotP99"));
    }

    /** {@code <name>Ns} and {@code <name>Ci}; the number of trials is not stored (0). */
    private static PointStatistic statistic(JsonIn o, String name) {
        return new PointStatistic(o.num(name + "Ns"), interval(o, name + "Ci"), 0);
    }

    /** A point's flag counts; a flag this version does not know is refused, naming the known ones. */
    private static Map<Flag, Integer> flags(JsonIn o) {
        Map<Flag, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : o.intMap("flags").entrySet()) {
            try {
                out.put(Flag.parse(e.getKey()), e.getValue());
            } catch (IllegalArgumentException x) {
                throw o.fail("flags: " + x.getMessage());
            }
        }
        return out;
    }

    private static SeriesFit series(JsonIn o) {
        Axis axis = o.parsed("axis", FitsJsonReader::axis, "batch, seq, params or output");
        SeriesKey key = new SeriesKey(axis, o.str("model"), o.str("dtype"), o.str("phase"), o.integer("batch"),
                o.integer("seq"), o.has("output") ? o.integer("output") : 0,
                o.has("metric") ? o.parsed("metric", FitsJsonReader::metric, String.join(", ",
                        FittedMetrics.ALL.stream().map(TrialMetric::id).toList())) : null);
        return new SeriesFit(key, o.doubles("x"), o.doubles("y"), o.list("forms", FitsJsonReader::form),
                o.strOrNull("selected"), o.strOrNull("sentence"), o.strings("notes"));
    }

    private static FormFit form(JsonIn o) {
        JsonIn band = o.objOrNull("band");
        return new FormFit(o.str("form"), o.str("formula"), o.list("params", FitsJsonReader::estimate),
                o.list("derived", FitsJsonReader::estimate), o.num("aicc"), o.num("akaikeWeight"),
                o.num("huberScale"), o.bool("converged"), o.str("convergence"), o.doubles("residuals"),
                o.list("validation", FitsJsonReader::validation),
                band == null ? null : new Band(band.doubles("x"), band.doubles("fit"), band.doubles("lo"),
                        band.doubles("hi")),
                o.integer("bootstrapFailures"), o.strings("flags"));
    }

    private static Estimate estimate(JsonIn o) {
        return new Estimate(o.str("name"), o.str("unit"), o.num("value"), o.num("lo"), o.num("hi"),
                o.bool("extrapolated"));
    }

    private static Validation validation(JsonIn o) {
        return new Validation(o.integer("leftOut"), o.doubles("x"), o.doubles("predicted"), o.doubles("observed"),
                o.num("maxAbsRelError"));
    }

    private static RooflinePoint roofline(JsonIn o) {
        return new RooflinePoint(key(o), o.num("flopsPerS"), o.num("bytesPerS"), o.num("intensity"), o.num("ridge"),
                o.num("computeFraction"), o.num("memoryFraction"),
                o.parsed("bound", FitsJsonReader::bound, "compute, memory or overhead"),
                o.parsed("predicted", FitsJsonReader::bound, "compute, memory or overhead"), o.bool("disagrees"),
                o.has("specComputeFraction") ? o.num("specComputeFraction") : Double.NaN,
                o.has("specMemoryFraction") ? o.num("specMemoryFraction") : Double.NaN);
    }
}
