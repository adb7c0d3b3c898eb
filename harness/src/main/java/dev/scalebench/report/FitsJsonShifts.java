package dev.scalebench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.Bound;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code shifts} section of {@code fits.json} (results/README.md): per series on the roofline, where its bound
 * shifts along batch or seq, its fitted roofline knee, or that it does not shift (docs/analysis.md, "Bottleneck
 * shift"). Written only when an analysis has one, and read back the same. Interval ends beyond the measured range
 * are {@code "-Infinity"} / {@code "Infinity"}; a NONE's level and interval, a knee's bounds, are null.
 *
 * <pre>{@code
 * {"series": "batch:llama-7b/bf16/decode/s512", "label": "...", "axis": "batch", "kind": "crossing",
 *  "from": "memory", "to": "compute", "level": 160, "levelCi": [140, 185], "below": 128, "above": 256,
 *  "minLevel": 1, "maxLevel": 256, "resamples": 2000, "sentence": "..."}
 * }</pre>
 */
final class FitsJsonShifts {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FitsJsonShifts() {
    }

    static ArrayNode write(List<BottleneckShift> shifts) {
        ArrayNode a = F.arrayNode();
        for (BottleneckShift s : shifts) {
            ObjectNode o = a.addObject();
            o.put("series", s.series());
            o.put("label", s.label());
            o.put("axis", s.axis());
            o.put("kind", s.kind().id());
            o.put("from", s.from() == null ? null : s.from().id());
            o.put("to", s.to() == null ? null : s.to().id());
            o.set("level", JsonText.node(s.level()));
            ArrayNode ci = o.putArray("levelCi");
            ci.add(JsonText.node(s.lo()));
            ci.add(JsonText.node(s.hi()));
            o.set("below", JsonText.node(s.below()));
            o.set("above", JsonText.node(s.above()));
            o.set("minLevel", JsonText.node(s.minLevel()));
            o.set("maxLevel", JsonText.node(s.maxLevel()));
            o.put("resamples", s.resamples());
            o.put("sentence", s.sentence());
        }
        return a;
    }

    static BottleneckShift read(JsonIn o) {
        double[] ci = o.doubles("levelCi");
        if (ci.length != 2) {
            throw o.fail("levelCi: expected [lo, hi], found " + ci.length + " values");
        }
        String from = o.strOrNull("from");
        String to = o.strOrNull("to");
        try {
            return new BottleneckShift(o.str("series"), o.str("label"), o.str("axis"),
                    o.parsed("kind", BottleneckShift.Kind::byId, "crossing, knee or none"),
                    from == null ? null : o.parsed("from", FitsJsonShifts::bound, "compute, memory or overhead"),
                    to == null ? null : o.parsed("to", FitsJsonShifts::bound, "compute, memory or overhead"),
                    o.num("level"), ci[0], ci[1], o.num("below"), o.num("above"), o.num("minLevel"),
                    o.num("maxLevel"), o.integer("resamples"), o.str("sentence"));
        } catch (IllegalArgumentException e) {
            throw o.fail(e.getMessage());
        }
    }

    private static Bound bound(String id) {
        return Arrays.stream(Bound.values()).filter(b -> b.id().equals(id)).findFirst().orElse(null);
    }
}
