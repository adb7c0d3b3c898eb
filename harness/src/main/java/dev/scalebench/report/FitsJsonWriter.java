package dev.scalebench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.analysis.fit.MemoryFit;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.Band;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.Validation;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.results.PointStatistic;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@code fits.json} tree of an {@link Analysis}, fields in a fixed order (results/README.md). */
final class FitsJsonWriter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FitsJsonWriter() {
    }

    static ObjectNode tree(Analysis a) {
        ObjectNode o = F.objectNode();
        o.put("schema", a.schema());
        o.put("source", a.source());
        o.put("device", a.device());
        o.put("metric", a.metric().id());
        o.set("options", options(a.options()));
        o.set("warnings", strings(a.warnings()));
        if (!a.repairs().isEmpty()) {
            o.set("repairs", strings(a.repairs()));
        }
        o.set("hardware", a.hardware() == null ? F.nullNode() : hardware(a.hardware()));
        if (a.spec() != null) {
            o.set("spec", hardware(a.spec()));
        }
        ArrayNode points = o.putArray("points");
        for (PointStats p : a.points()) {
            points.add(point(p));
        }
        ArrayNode fits = o.putArray("fits");
        for (SeriesFit f : a.fits()) {
            fits.add(series(f));
        }
        ArrayNode roof = o.putArray("roofline");
        for (RooflinePoint r : a.roofline()) {
            roof.add(roofline(r, a.spec() != null));
        }
        if (!a.capacity().isEmpty()) {
            o.set("capacity", FitsJsonCapacity.write(a.capacity()));
        }
        if (!a.shifts().isEmpty()) {
            o.set("shifts", FitsJsonShifts.write(a.shifts()));
        }
        ArrayNode memory = FitsJsonMemory.write(MemoryFit.fit(a.points()));
        if (memory != null) {
            o.set("memoryFits", memory);
        }
        ArrayNode energy = FitsJsonEnergy.fits(a.points());
        if (energy != null) {
            o.set("energyFits", energy);
        }
        return o;
    }

    private static ObjectNode options(FitOptions op) {
        ObjectNode o = F.objectNode();
        o.put("bootstrap", op.bootstrap());
        o.put("seed", op.seed());
        num(o, "confidence", op.confidence());
        num(o, "extrapolationFactor", op.extrapolationFactor());
        o.put("maxLeaveOut", op.maxLeaveOut());
        return o;
    }

    private static ObjectNode hardware(HardwareProfile h) {
        ObjectNode o = F.objectNode();
        o.put("id", h.id());
        o.put("name", h.name());
        o.put("kind", h.kind());
        o.set("match", strings(h.match()));
        o.put("sms", h.sms());
        o.put("memoryBytes", h.memoryBytes());
        num(o, "bandwidthBytesPerS", h.bandwidthBytesPerS());
        ObjectNode peaks = o.putObject("peakFlopsPerS");
        for (Map.Entry<String, Double> e : new TreeMap<>(h.peakFlopsPerS()).entrySet()) {
            num(peaks, e.getKey(), e.getValue());
        }
        o.put("l2Bytes", h.l2Bytes());
        num(o, "pricePerHour", h.pricePerHour());
        o.put("measured", h.measured());
        if (!h.spec().isEmpty()) {
            o.put("spec", h.spec());
        }
        ObjectNode sources = o.putObject("sources");
        for (Map.Entry<String, String> e : new TreeMap<>(h.sources()).entrySet()) {
            sources.put(e.getKey(), e.getValue());
        }
        return o;
    }

    private static ObjectNode key(PointKey k) {
        ObjectNode o = F.objectNode();
        o.put("id", k.id());
        o.put("model", k.model());
        o.put("dtype", k.dtype());
        o.put("phase", k.phase());
        o.put("params", k.params());
        o.put("batch", k.batch());
        o.put("seq", k.seq());
        if (k.output() > 0) {
            o.put("output", k.output());
        }
        return o;
    }

    private static ObjectNode point(PointStats p) {
        ObjectNode o = key(p.point());
        o.put("trials", p.trials());
        num(o, "p50Ns", p.p50Ns());
        o.set("p50Ci", JsonText.interval(p.p50Ci()));
        num(o, "p99Ns", p.p99Ns());
        o.set("p99Ci", JsonText.interval(p.p99Ci()));
        num(o, "metricNs", p.metricNs());
        o.set("metricCi", JsonText.interval(p.metricCi()));
        num(o, "seqPerS", p.seqPerS());
        o.set("seqPerSCi", JsonText.interval(p.seqPerSCi()));
        num(o, "tokensPerS", p.tokensPerS());
        o.set("tokensPerSCi", JsonText.interval(p.tokensPerSCi()));
        if (p.deviceTimed()) {
            num(o, "deviceNs", p.deviceNs());
            num(o, "deviceGapNs", p.deviceGapNs());
        }
        if (!p.flags().isEmpty()) {
            ObjectNode flags = o.putObject("flags");
            p.flags().forEach((f, n) -> flags.put(f.id(), n));
        }
        if (p.generation() != null) {
            ObjectNode g = o.putObject("generation");
            statistic(g, "ttftP50", p.generation().ttftP50());
            statistic(g, "ttftP99", p.generation().ttftP99());
            statistic(g, "tpotP50", p.generation().tpotP50());
            statistic(g, "tpotP99", p.generation().tpotP99());
        }
        if (p.memoryKnown()) {
            o.put("memPeakBytes", p.memPeakBytes());
        }
        ObjectNode energy = FitsJsonEnergy.point(p);
        if (energy != null) {
            o.set("energy", energy);
        }
        return o;
    }

    /** {@code <name>Ns} and {@code <name>Ci}. */
    private static void statistic(ObjectNode o, String name, PointStatistic s) {
        num(o, name + "Ns", s.value());
        o.set(name + "Ci", JsonText.interval(s.ci95()));
    }

    private static ObjectNode series(SeriesFit f) {
        ObjectNode o = F.objectNode();
        o.put("id", f.key().id());
        o.put("axis", f.key().axis().id());
        o.put("model", f.key().model());
        o.put("dtype", f.key().dtype());
        o.put("phase", f.key().phase());
        o.put("batch", f.key().batch());
        o.put("seq", f.key().seq());
        if (f.key().output() > 0) {
            o.put("output", f.key().output());
        }
        if (f.key().metric() != null) {
            o.put("metric", f.key().metric().id());
        }
        o.put("selected", f.selected());
        o.put("sentence", f.sentence());
        o.set("notes", strings(f.notes()));
        o.set("x", JsonText.array(f.x()));
        o.set("y", JsonText.array(f.y()));
        ArrayNode forms = o.putArray("forms");
        for (FormFit ff : f.forms()) {
            forms.add(form(ff));
        }
        return o;
    }

    private static ObjectNode form(FormFit f) {
        ObjectNode o = F.objectNode();
        o.put("form", f.form());
        o.put("formula", f.formula());
        num(o, "aicc", f.aicc());
        num(o, "akaikeWeight", f.akaikeWeight());
        num(o, "huberScale", f.huberScale());
        o.put("converged", f.converged());
        o.put("convergence", f.convergence());
        o.put("bootstrapFailures", f.bootstrapFailures());
        o.set("flags", strings(f.flags()));
        o.set("params", estimates(f.params()));
        o.set("derived", estimates(f.derived()));
        o.set("residuals", JsonText.array(f.residuals()));
        ArrayNode val = o.putArray("validation");
        for (Validation v : f.validation()) {
            ObjectNode vo = val.addObject();
            vo.put("leftOut", v.leftOut());
            vo.set("x", JsonText.array(v.x()));
            vo.set("predicted", JsonText.array(v.predicted()));
            vo.set("observed", JsonText.array(v.observed()));
            num(vo, "maxAbsRelError", v.maxAbsRelError());
        }
        o.set("band", f.band() == null ? F.nullNode() : band(f.band()));
        return o;
    }

    private static ArrayNode estimates(List<Estimate> es) {
        ArrayNode a = F.arrayNode();
        for (Estimate e : es) {
            ObjectNode o = a.addObject();
            o.put("name", e.name());
            o.put("unit", e.unit());
            num(o, "value", e.value());
            num(o, "lo", e.lo());
            num(o, "hi", e.hi());
            o.put("extrapolated", e.extrapolated());
        }
        return a;
    }

    private static ObjectNode band(Band b) {
        ObjectNode o = F.objectNode();
        o.set("x", JsonText.array(b.x()));
        o.set("fit", JsonText.array(b.fit()));
        o.set("lo", JsonText.array(b.lo()));
        o.set("hi", JsonText.array(b.hi()));
        return o;
    }

    private static ObjectNode roofline(RooflinePoint r, boolean spec) {
        ObjectNode o = key(r.point());
        num(o, "flopsPerS", r.flopsPerS());
        num(o, "bytesPerS", r.bytesPerS());
        num(o, "intensity", r.intensity());
        num(o, "ridge", r.ridge());
        num(o, "computeFraction", r.computeFraction());
        num(o, "memoryFraction", r.memoryFraction());
        o.put("bound", r.bound().id());
        o.put("predicted", r.predicted().id());
        o.put("disagrees", r.disagrees());
        if (spec) {
            num(o, "specComputeFraction", r.specComputeFraction());
            num(o, "specMemoryFraction", r.specMemoryFraction());
        }
        return o;
    }

    private static void num(ObjectNode o, String name, double v) {
        o.set(name, JsonText.node(v));
    }



    private static ArrayNode strings(List<String> ss) {
        ArrayNode a = F.arrayNode();
        ss.forEach(a::add);
        return a;
    }
}
