package dev.scalebench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.analysis.capacity.Capacity;
import dev.scalebench.analysis.capacity.Slo;
import dev.scalebench.analysis.capacity.SloSet;
import dev.scalebench.results.TrialMetric;
import java.util.List;

/**
 * The {@code capacity} section of {@code fits.json} (results/README.md): one object per generate series and SLO
 * set, written only when an analysis has one, and read back the same.
 *
 * <pre>{@code
 * {"series": "llama-tiny/fp32/generate/s64/o32", "model": "llama-tiny", "dtype": "fp32", "seq": 64, "output": 32,
 *  "slo": {"name": "mlperf-server", "limits": [{"metric": "ttft_p99", "limitNs": 2e9}, ...]},
 *  "status": "within", "batch": 96, "batchCi": [88, 104], "binding": "tpot_p99", "below": 64, "above": 128,
 *  "minBatch": 1, "maxBatch": 256, "tokensPerS": 2400, "tokensPerSCi": [2200, 2600], "tokensPerSPerUser": 25,
 *  "resamples": 2000, "sentence": "..."}
 * }</pre>
 */
final class FitsJsonCapacity {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FitsJsonCapacity() {
    }

    static ArrayNode write(List<Capacity> capacity) {
        ArrayNode a = F.arrayNode();
        for (Capacity c : capacity) {
            ObjectNode o = a.addObject();
            o.put("series", c.seriesId());
            o.put("model", c.model());
            o.put("dtype", c.dtype());
            o.put("seq", c.seq());
            o.put("output", c.output());
            ObjectNode slo = o.putObject("slo");
            slo.put("name", c.slo().name());
            ArrayNode limits = slo.putArray("limits");
            for (Slo s : c.slo().slos()) {
                ObjectNode l = limits.addObject();
                l.put("metric", s.metric().id());
                l.set("limitNs", JsonText.node(s.limitNs()));
            }
            o.put("status", c.status().id());
            o.set("batch", JsonText.node(c.batch()));
            o.set("batchCi", pair(c.batchLo(), c.batchHi()));
            o.put("binding", c.binding() == null ? null : c.binding().id());
            o.set("below", JsonText.node(c.below()));
            o.set("above", JsonText.node(c.above()));
            o.set("minBatch", JsonText.node(c.minBatch()));
            o.set("maxBatch", JsonText.node(c.maxBatch()));
            o.set("tokensPerS", JsonText.node(c.tokensPerS()));
            o.set("tokensPerSCi", pair(c.tokensPerSLo(), c.tokensPerSHi()));
            // from the total as written, so that the file reads back to the same bytes
            double total = Double.isFinite(c.tokensPerS()) ? JsonText.node(c.tokensPerS()).doubleValue() : Double.NaN;
            o.set("tokensPerSPerUser", JsonText.node(total / c.batch()));
            o.put("resamples", c.resamples());
            o.put("sentence", c.sentence());
        }
        return a;
    }

    private static ArrayNode pair(double lo, double hi) {
        ArrayNode a = F.arrayNode();
        a.add(JsonText.node(lo));
        a.add(JsonText.node(hi));
        return a;
    }

    static Capacity read(JsonIn o) {
        JsonIn slo = o.obj("slo");
        SloSet set;
        try {
            set = new SloSet(slo.str("name"), slo.list("limits", FitsJsonCapacity::limit));
        } catch (IllegalArgumentException e) {
            throw slo.fail(e.getMessage());
        }
        double[] batchCi = pair(o, "batchCi");
        double[] tokensCi = pair(o, "tokensPerSCi");
        String binding = o.strOrNull("binding");
        return new Capacity(o.str("model"), o.str("dtype"), o.integer("seq"), o.integer("output"), set,
                o.parsed("status", Capacity.Status::byId, "within, all-met or none-met"), o.num("batch"), batchCi[0],
                batchCi[1], binding == null ? null : o.parsed("binding", FitsJsonCapacity::metric,
                        "a latency an SLO can bound"), o.num("below"), o.num("above"), o.num("minBatch"),
                o.num("maxBatch"), o.num("tokensPerS"), tokensCi[0], tokensCi[1], o.integer("resamples"),
                o.str("sentence"));
    }

    private static Slo limit(JsonIn o) {
        try {
            return new Slo(o.parsed("metric", FitsJsonCapacity::metric, "a latency an SLO can bound"),
                    o.num("limitNs"));
        } catch (IllegalArgumentException e) {
            throw o.fail(e.getMessage());
        }
    }

    private static TrialMetric metric(String id) {
        return Slo.METRICS.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    private static double[] pair(JsonIn o, String name) {
        double[] v = o.doubles(name);
        if (v.length != 2) {
            throw o.fail(name + ": expected [lo, hi], found " + v.length + " values");
        }
        return v;
    }
}
