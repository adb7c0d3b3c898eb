package dev.scalebench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.analysis.trend.ChangePoint;
import dev.scalebench.analysis.trend.Observation;
import dev.scalebench.analysis.trend.TrendOptions;
import dev.scalebench.analysis.trend.TrendSeries;
import dev.scalebench.analysis.trend.Trends;
import java.time.Instant;
import java.util.List;

/**
 * {@code trend.json}: every series with its values and change points (schema 1; fields in a fixed order, numbers
 * to 6 significant digits, as {@code fits.json}). Latencies are in ns, throughput in tokens/s.
 */
public final class TrendJson {

    /** Schema version written. */
    public static final int SCHEMA = 1;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private TrendJson() {
    }

    /** The JSON text, ending with a line break. */
    public static String toJson(Trends t) {
        ObjectNode o = F.objectNode();
        o.put("schema", SCHEMA);
        if (t.sweep() == null) {
            o.putNull("sweep");
        } else {
            o.put("sweep", t.sweep());
        }
        o.put("runs", t.runCount());
        o.set("options", options(t.options()));
        ArrayNode envs = o.putArray("environments");
        for (int i = 0; i < t.environments().size(); i++) {
            ObjectNode e = envs.addObject();
            e.put("id", Trends.envLabel(i));
            ObjectNode facts = e.putObject("facts");
            t.environments().get(i).forEach(facts::put);
        }
        ArrayNode series = o.putArray("series");
        for (TrendSeries s : t.series()) {
            series.add(series(s));
        }
        return JsonText.print(o);
    }

    private static ObjectNode options(TrendOptions op) {
        ObjectNode o = F.objectNode();
        ArrayNode m = o.putArray("metrics");
        op.metrics().forEach(x -> m.add(x.id()));
        o.put("window", op.window());
        o.set("maxP", JsonText.node(op.maxP()));
        o.set("weakP", JsonText.node(op.weakP()));
        o.put("minSegment", op.minSegment());
        o.set("minMagnitude", JsonText.node(op.minMagnitude()));
        o.put("test", "pooled two-sample t, two-sided");
        o.put("correction", "benjamini-hochberg");
        return o;
    }

    private static ObjectNode series(TrendSeries s) {
        ObjectNode o = F.objectNode();
        o.put("sweep", s.key().sweep());
        o.put("point", s.key().pointId());
        o.put("backend", s.key().backend());
        o.put("device", s.key().device());
        o.put("metric", s.key().metric().id());
        o.put("unit", s.key().metric().unit());
        o.put("higherIsBetter", s.key().metric().higherIsBetter());
        o.put("env", Trends.envLabel(s.key().env()));
        o.put("tooShort", s.tooShort());
        ArrayNode runs = o.putArray("runs");
        for (Observation r : s.runs()) {
            ObjectNode x = runs.addObject();
            x.put("runId", r.runId());
            x.put("started", text(r.started()));
            x.set("value", JsonText.node(r.value()));
            x.put("trials", r.trials());
        }
        o.set("changes", changes(s.changes()));
        o.set("notSignificant", changes(s.notSignificant()));
        return o;
    }

    private static ArrayNode changes(List<ChangePoint> cps) {
        ArrayNode a = F.arrayNode();
        for (ChangePoint c : cps) {
            ObjectNode x = a.addObject();
            x.put("index", c.index());
            x.put("runId", c.runId());
            x.put("started", text(c.started()));
            x.put("direction", c.direction().id());
            x.set("relativeChange", JsonText.node(c.relativeChange()));
            x.set("meanBefore", JsonText.node(c.meanBefore()));
            x.set("meanAfter", JsonText.node(c.meanAfter()));
            x.set("p", JsonText.node(c.p()));
            x.set("adjustedP", JsonText.node(c.adjustedP()));
        }
        return a;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
