package dev.scalebench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import dev.scalebench.results.TrialMetric;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code gate.json}: everything a gate decided, for machines (schema {@value #SCHEMA}, documented in
 * {@code results/README.md}). Fields in a fixed order, numbers rounded to six significant digits, NaN as
 * {@code null}: the same result gives the same bytes on every machine and in every locale.
 */
public final class GateJson {

    /** File name. */
    public static final String FILE = "gate.json";
    /** Schema version of the file. */
    public static final int SCHEMA = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GateJson() {
    }

    /** The result as indented JSON text ending with a line break. */
    public static String render(GateResult r) {
        return JsonText.print(tree(r));
    }

    static ObjectNode tree(GateResult r) {
        ObjectNode o = F.objectNode();
        o.put("schema", SCHEMA);
        o.put("verdict", r.verdict().name());
        o.put("exitCode", r.exitCode());
        o.set("policy", policy(r.policy()));
        o.set("baseline", run(r.baseline()));
        o.set("candidate", run(r.candidate()));
        o.set("envMismatches", strings(r.envMismatches()));
        o.set("counts", counts(r));
        o.set("notes", strings(r.notes()));
        if (!r.repairs().isEmpty()) {
            o.set("repairs", strings(r.repairs()));
        }
        o.set("onlyInBaseline", strings(r.onlyInBaseline()));
        o.set("onlyInCandidate", strings(r.onlyInCandidate()));
        double level = 1 - 2 * r.policy().alpha();
        ArrayNode points = o.putArray("points");
        for (PointVerdict p : r.points()) {
            points.add(point(p, level));
        }
        return o;
    }

    private static ObjectNode policy(GatePolicy p) {
        ObjectNode o = F.objectNode();
        o.put("name", p.name());
        ObjectNode margins = o.putObject("margins");
        for (Map.Entry<TrialMetric, Double> e : p.margins().entrySet()) {
            num(margins, e.getKey().id(), e.getValue());
        }
        if (!p.reportOnly().isEmpty()) {
            ArrayNode ro = o.putArray("reportOnly");
            p.margins().keySet().stream().filter(p::reportOnly).forEach(m -> ro.add(m.id()));
        }
        num(o, "alpha", p.alpha());
        num(o, "warningFdr", p.warningFdr());
        o.put("minTrials", p.minTrials());
        o.put("resamples", p.resamples());
        o.put("seed", p.seed());
        o.put("blocking", GateText.blocking(p));
        o.set("fingerprint", strings(p.fingerprint()));
        return o;
    }

    private static ObjectNode run(GateResult.RunRef r) {
        ObjectNode o = F.objectNode();
        o.put("runId", r.runId());
        o.put("sweep", r.sweep());
        o.put("source", r.source());
        ObjectNode fp = o.putObject("fingerprint");
        new TreeMap<>(r.fingerprint()).forEach(fp::put);
        return o;
    }

    private static ObjectNode counts(GateResult r) {
        ObjectNode o = F.objectNode();
        o.put("points", r.points().size());
        o.put("blocking", r.points().stream().filter(PointVerdict::blocking).count());
        for (Verdict v : Verdict.values()) {
            o.put(v.name(), r.count(v));
        }
        o.put("failing", r.points().stream().filter(PointVerdict::fails).count());
        o.put("warnings", r.warnings().size());
        return o;
    }

    private static ObjectNode point(PointVerdict p, double level) {
        ObjectNode o = F.objectNode();
        o.put("id", p.pointId());
        o.put("blocking", p.blocking());
        ObjectNode trials = o.putObject("trials");
        trials.put("baseline", p.baselineTrials());
        trials.put("candidate", p.candidateTrials());
        o.put("failed", p.candidateFailed());
        o.put("verdict", p.verdict().name());
        o.put("reason", p.reason());
        o.put("correction", p.blocking() ? "holm" : "benjamini-hochberg");
        ArrayNode tests = o.putArray("tests");
        for (MetricTest t : p.tests()) {
            tests.add(test(t, level));
        }
        return o;
    }

    private static ObjectNode test(MetricTest t, double level) {
        ObjectNode o = F.objectNode();
        o.put("metric", t.metric().id());
        o.put("unit", t.metric().unit());
        num(o, "margin", t.margin());
        num(o, "baselineMedian", t.baselineMedian());
        num(o, "candidateMedian", t.candidateMedian());
        num(o, "ratio", t.ratio());
        ArrayNode ci = o.putArray("interval");
        ci.add(JsonText.node(t.interval() == null ? Double.NaN : t.interval().lo()));
        ci.add(JsonText.node(t.interval() == null ? Double.NaN : t.interval().hi()));
        num(o, "level", level);
        num(o, "pRegression", t.pRegression());
        num(o, "pRegressionAdjusted", t.pRegressionAdjusted());
        num(o, "pImprovementAdjusted", t.pImprovementAdjusted());
        num(o, "pPass", t.pPass());
        o.put("verdict", t.verdict().name());
        o.put("reason", t.reason());
        o.put("trialsNeeded", t.trialsNeeded());
        if (t.reportOnly()) {
            o.put("reportOnly", true);
            o.put("correction", "benjamini-hochberg");
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
