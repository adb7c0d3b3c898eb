package dev.scalebench.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.ScalebenchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A resolved {@link SweepSpec} as JSON, for a run's manifest ({@code run.json}), and back: a lossless round
 * trip. Models are stored fully expanded (every preset's shape, every TorchScript input), so a resumed run does
 * not depend on the profiles folder. Durations are ISO-8601 strings ({@code PT2S}); {@code budget} and
 * {@code device-memory} are {@code null} when unset.
 */
public final class SpecJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SpecJson() {
    }

    /** The spec as a JSON object. */
    public static ObjectNode toJson(SweepSpec s) {
        ObjectNode o = F.objectNode();
        o.put("name", s.name());
        o.put("backend", s.backend());
        o.put("device", s.device());
        s.dtypes().forEach(d -> o.withArray("dtype").add(d.id()));
        s.phases().forEach(p -> o.withArray("phase").add(p.id()));
        ArrayNode models = o.putArray("models");
        s.models().forEach(m -> models.add(model(m)));
        s.batch().forEach(b -> o.withArray("batch").add(b));
        s.seq().forEach(q -> o.withArray("seq").add(q));
        if (s.generates()) {
            s.output().forEach(q -> o.withArray("output").add(q));
        }
        if (s.generate() != null) {
            ObjectNode g = o.putObject("generate");
            ArrayNode gm = g.putArray("models");
            s.generate().models().forEach(m -> gm.add(model(m)));
            s.generate().batch().forEach(b -> g.withArray("batch").add(b));
            s.generate().seq().forEach(q -> g.withArray("seq").add(q));
            s.generate().output().forEach(q -> g.withArray("output").add(q));
        }
        o.put("replicates", s.replicates());
        o.put("order", s.order().id());
        o.put("seed", s.seed());
        o.set("measure", measure(s.measure()));
        o.put("budget", s.budget() == null ? null : s.budget().toString());
        if (s.trim() != null) {
            o.put("trim", s.trim().id());
        }
        if (s.threads() != null) { // written only when the file set them: older run.json files stay as they were
            ObjectNode t = o.putObject("threads");
            t.put("intra", s.threads().intraOp());
            t.put("inter", s.threads().interOp());
        }
        if (s.remeasure() != null) {
            o.put("remeasure", s.remeasure().id());
        }
        o.put("device-memory", s.deviceMemoryBytes());
        o.put("source", s.source() == null ? null : s.source().toString());
        return o;
    }

    private static ObjectNode model(ModelSpec m) {
        ObjectNode o = F.objectNode();
        o.put("name", m.name());
        if (m.isDecoder()) {
            ModelConfig c = m.decoder();
            ObjectNode d = o.putObject("decoder");
            d.put("name", c.name());
            d.put("layers", c.layers());
            d.put("hidden", c.hidden());
            d.put("heads", c.heads());
            d.put("kv-heads", c.kvHeads());
            d.put("ffn", c.ffn());
            d.put("vocab", c.vocab());
            d.put("gated", c.gated());
            if (c.family().beyondGpt()) {
                // only then: the stored spec (and its hash) of a GPT-style preset stays as it always was
                ObjectNode f = d.putObject("family");
                f.put("norm", c.family().norm().id());
                f.put("rope-theta", c.family().ropeTheta());
                f.put("tied-embeddings", c.family().tiedEmbeddings());
                f.put("qkv-bias", c.family().qkvBias());
            }
            d.put("parameters", c.parameterCount());
        } else {
            ObjectNode t = o.putObject("torchscript");
            t.put("path", m.torchScript().path().toString());
            ArrayNode inputs = t.putArray("inputs");
            for (TorchScriptSpec.Input in : m.torchScript().inputs()) {
                ObjectNode i = inputs.addObject();
                i.put("name", in.name());
                in.shape().forEach(dim -> i.withArray("shape").add(dim));
                i.put("dtype", in.dtype());
                i.put("max", in.maxValue());
            }
        }
        return o;
    }

    private static ObjectNode measure(MeasurePolicy m) {
        ObjectNode o = F.objectNode();
        ObjectNode w = o.putObject("warmup");
        w.put("min-iterations", m.warmup().minIterations());
        w.put("min-time", m.warmup().minTime().toString());
        w.put("steady-cv", m.warmup().steadyCv());
        w.put("max-time", m.warmup().maxTime().toString());
        ObjectNode i = o.putObject("iterations");
        i.put("min", m.iterations().min());
        i.put("min-time", m.iterations().minTime().toString());
        i.put("max-time", m.iterations().maxTime().toString());
        o.put("target-ci", m.targetCi());
        o.put("trial-timeout", m.trialTimeout().toString());
        return o;
    }

    /**
     * Rebuilds a spec written by {@link #toJson}.
     *
     * @throws ScalebenchException (bad input) naming the field that is missing or malformed
     */
    public static SweepSpec fromJson(JsonNode j) {
        try {
            MeasurePolicy measure = measure(req(j, "measure"));
            List<ModelSpec> models = list(req(j, "models"), SpecJson::model);
            return new SweepSpec(text(j, "name"), text(j, "backend"), text(j, "device"),
                    list(req(j, "dtype"), n -> nonNull(DType.parse(n.asText()), "dtype " + n)),
                    list(req(j, "phase"), n -> nonNull(Phase.parse(n.asText()), "phase " + n)),
                    models,
                    list(req(j, "batch"), JsonNode::asInt), list(req(j, "seq"), JsonNode::asInt),
                    j.has("output") ? list(j.get("output"), JsonNode::asInt) : null,
                    j.has("generate") ? new SweepSpec.Grid(list(req(j.get("generate"), "models"), SpecJson::model),
                            list(req(j.get("generate"), "batch"), JsonNode::asInt),
                            list(req(j.get("generate"), "seq"), JsonNode::asInt),
                            list(req(j.get("generate"), "output"), JsonNode::asInt)) : null,
                    req(j, "replicates").asInt(), nonNull(Order.parse(text(j, "order")), "order"),
                    req(j, "seed").asLong(), measure,
                    isNull(j, "budget") ? null : Duration.parse(text(j, "budget")),
                    isNull(j, "device-memory") ? null : j.get("device-memory").asLong(),
                    isNull(j, "source") ? null : Path.of(text(j, "source")),
                    isNull(j, "trim") ? null : Trim.parse(text(j, "trim")),
                    isNull(j, "threads") ? null : new Threads(req(j.get("threads"), "intra").asInt(),
                            req(j.get("threads"), "inter").asInt()),
                    isNull(j, "remeasure") ? null : Remeasure.parse(text(j, "remeasure")));
        } catch (RuntimeException e) {
            if (e instanceof ScalebenchException se) {
                throw se;
            }
            throw ScalebenchException.badInput("the stored sweep specification is malformed: " + e.getMessage());
        }
    }

    private static ModelSpec model(JsonNode j) {
        String name = text(j, "name");
        if (j.hasNonNull("decoder")) {
            JsonNode d = j.get("decoder");
            return new ModelSpec(name, new ModelConfig(text(d, "name"), req(d, "layers").asInt(), req(d, "hidden").asInt(),
                    req(d, "heads").asInt(), req(d, "kv-heads").asInt(), req(d, "ffn").asInt(), req(d, "vocab").asInt(),
                    req(d, "gated").asBoolean(), family(d.get("family"))), null);
        }
        JsonNode t = req(j, "torchscript");
        List<TorchScriptSpec.Input> inputs = list(req(t, "inputs"), i -> new TorchScriptSpec.Input(text(i, "name"),
                list(req(i, "shape"), JsonNode::asText), isNull(i, "dtype") ? null : text(i, "dtype"), req(i, "max").asLong()));
        return new ModelSpec(name, null, new TorchScriptSpec(Path.of(text(t, "path")), inputs));
    }

    /** The family a stored spec names ({@link ModelConfig.Family#GPT} when absent, as specs before it). */
    private static ModelConfig.Family family(JsonNode f) {
        if (f == null || f.isNull()) {
            return ModelConfig.Family.GPT;
        }
        ModelConfig.Norm norm = ModelConfig.Norm.parse(text(f, "norm"));
        if (norm == null) {
            throw new IllegalArgumentException("family.norm '" + text(f, "norm") + "' is unknown (allowed: layer, rms)");
        }
        return new ModelConfig.Family(norm, req(f, "rope-theta").asDouble(), req(f, "tied-embeddings").asBoolean(),
                req(f, "qkv-bias").asBoolean());
    }

    private static MeasurePolicy measure(JsonNode m) {
        JsonNode w = req(m, "warmup");
        JsonNode i = req(m, "iterations");
        return new MeasurePolicy(
                new MeasurePolicy.Warmup(req(w, "min-iterations").asInt(), dur(w, "min-time"), req(w, "steady-cv").asDouble(),
                        dur(w, "max-time")),
                new MeasurePolicy.Iterations(req(i, "min").asInt(), dur(i, "min-time"), dur(i, "max-time")),
                req(m, "target-ci").asDouble(), dur(m, "trial-timeout"));
    }

    private static JsonNode req(JsonNode j, String field) {
        JsonNode v = j.get(field);
        if (v == null || v.isNull()) {
            throw ScalebenchException.badInput("the stored sweep specification lacks '" + field + "'");
        }
        return v;
    }

    private static boolean isNull(JsonNode j, String field) {
        return !j.hasNonNull(field);
    }

    private static String text(JsonNode j, String field) {
        return req(j, field).asText();
    }

    private static Duration dur(JsonNode j, String field) {
        return Duration.parse(text(j, field));
    }

    private static <T> T nonNull(T v, String what) {
        if (v == null) {
            throw ScalebenchException.badInput("the stored sweep specification has an unknown " + what);
        }
        return v;
    }

    private static <T> List<T> list(JsonNode arr, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        arr.forEach(n -> out.add(f.apply(n)));
        return out;
    }
}
