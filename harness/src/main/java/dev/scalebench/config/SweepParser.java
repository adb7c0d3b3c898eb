package dev.scalebench.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/** Maps a sweep file's node tree to a {@link SweepSpec}, recording every problem in the walker. */
final class SweepParser {
    /** Keys a sweep file may hold. */
    static final List<String> KEYS = List.of("name", "description", "backend", "device", "dtype", "phase", "model",
            "batch", "seq", "output", "generate", "replicates", "order", "seed", "measure", "budget", "trim",
            "device-memory", "threads", "remeasure");

    private final YamlWalker w;
    private final ModelCatalog catalog;
    private final List<String> backends;
    private final Path source;

    /** @param backends the names {@code backend:} may take, in the order an error lists them */
    SweepParser(YamlWalker w, ModelCatalog catalog, List<String> backends, Path source) {
        this.w = w;
        this.catalog = catalog;
        this.backends = backends;
        this.source = source;
    }

    /** The spec, or {@code null} when any error was recorded. */
    SweepSpec parse(Node root) {
        Map<String, Node> e = w.entries(root, "the sweep", KEYS);
        if (e == null) {
            return null;
        }
        w.require(e, root, "the sweep", "name", "model", "batch", "seq");
        String name = e.containsKey("name") ? name(e.get("name")) : null;
        if (e.containsKey("description")) {
            w.text(e.get("description"), "description");
        }
        String backend = backend(e);
        String device = e.containsKey("device") ? device(e.get("device")) : Defaults.DEVICE;
        List<DType> dtypes = enums(e.get("dtype"), "dtype", Defaults.DTYPES, DType::parse, "fp32, fp16, bf16");
        List<Phase> phases = enums(e.get("phase"), "phase", Defaults.PHASES, Phase::parse,
                "prefill, decode, generate");
        Path baseDir = source.toAbsolutePath().getParent();
        List<ModelSpec> models = e.containsKey("model") ? new ModelRefParser(w, catalog, baseDir).parse(e.get("model")) : null;
        List<Integer> batch = e.containsKey("batch") ? Levels.parse(w, e.get("batch"), "batch", Limits.BATCH_MAX) : null;
        List<Integer> seq = e.containsKey("seq") ? Levels.parse(w, e.get("seq"), "seq", Limits.SEQ_MAX) : null;
        List<Integer> output = output(e, phases, models);
        SweepSpec.Grid generate = generateBlock(e, phases, models, batch, seq, output, baseDir);
        Long replicates = e.containsKey("replicates")
                ? w.integer(e.get("replicates"), "replicates", 1, Limits.REPLICATES_MAX) : (Long) (long) Defaults.REPLICATES;
        Order order = Defaults.ORDER;
        if (e.containsKey("order")) {
            String t = w.text(e.get("order"), "order");
            order = t == null ? null : Order.parse(t);
            if (t != null && order == null) {
                w.error(e.get("order"), "order '" + t + "' is unknown (allowed: randomized-blocks, sequential)");
            }
        }
        Long seed = e.containsKey("seed") ? w.integer(e.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE) : (Long) Defaults.SEED;
        MeasurePolicy measure = new MeasureParser(w).parse(e.get("measure"));
        Duration budget = e.containsKey("budget") ? w.duration(e.get("budget"), "budget") : Defaults.BUDGET;
        Long memory = e.containsKey("device-memory") ? memory(e.get("device-memory")) : null;
        Trim trim = e.containsKey("trim") ? trim(e.get("trim")) : null;
        Threads threads = e.containsKey("threads") ? new ThreadsParser(w).parse(e.get("threads")) : null;
        Remeasure remeasure = e.containsKey("remeasure") ? remeasure(e.get("remeasure")) : null;
        if (w.hasErrors()) {
            return null;
        }
        return new SweepSpec(name, backend, device, dtypes, phases, models, batch, seq, output, generate,
                replicates.intValue(), order, seed, measure, budget, memory, source, trim, threads, remeasure);
    }

    /** Keys of the {@code generate:} block. */
    static final List<String> GENERATE_KEYS = List.of("model", "batch", "seq", "output");

    /**
     * The {@code generate:} block: the generate phase's own models, batch, seq and output levels, each defaulting to
     * the sweep's (so a sweep can run a prefill/decode ladder and a small generate slice, as the smoke profile does).
     * It needs {@code generate} in {@code phase}; its models must be synthetic decoders.
     */
    private SweepSpec.Grid generateBlock(Map<String, Node> e, List<Phase> phases, List<ModelSpec> models,
            List<Integer> batch, List<Integer> seq, List<Integer> output, Path baseDir) {
        Node n = e.get("generate");
        if (n == null) {
            return null;
        }
        if (phases != null && !phases.contains(Phase.GENERATE)) {
            w.error(n, "the generate block narrows phase generate, which phase does not list ("
                    + phases.stream().map(Phase::id).toList() + "); add generate to phase, or remove the block");
            return null;
        }
        Map<String, Node> g = w.entries(n, "generate", GENERATE_KEYS);
        if (g == null) {
            return null;
        }
        List<ModelSpec> gm = g.containsKey("model") ? new ModelRefParser(w, catalog, baseDir).parse(g.get("model"))
                : models;
        if (gm != null && g.containsKey("model")) {
            for (ModelSpec m : gm) {
                if (m.decoder() == null) {
                    w.error(g.get("model"), "phase generate needs a synthetic decoder preset, but model " + m.name()
                            + " is a TorchScript module; pick a preset such as llama-tiny");
                }
            }
        }
        List<Integer> gb = g.containsKey("batch") ? Levels.parse(w, g.get("batch"), "generate.batch",
                Limits.BATCH_MAX) : batch;
        List<Integer> gs = g.containsKey("seq") ? Levels.parse(w, g.get("seq"), "generate.seq", Limits.SEQ_MAX) : seq;
        List<Integer> go = g.containsKey("output") ? Levels.parse(w, g.get("output"), "generate.output",
                Limits.OUTPUT_MAX) : output;
        if (gm == null || gb == null || gs == null || go == null) {
            return null;
        }
        return new SweepSpec.Grid(gm, gb, gs, go);
    }

    /**
     * The {@code output} levels: only a sweep with phase {@code generate} takes them (default {@link Defaults#OUTPUT}),
     * and generating needs a synthetic decoder (a TorchScript module has no KV cache the harness can drive).
     */
    private List<Integer> output(Map<String, Node> e, List<Phase> phases, List<ModelSpec> models) {
        boolean generates = phases != null && phases.contains(Phase.GENERATE);
        Node n = e.get("output");
        if (n != null && phases != null && !generates) {
            w.error(n, "output applies to phase generate only (phase is " + phases.stream().map(Phase::id).toList()
                    + "); add generate to phase, or remove output");
            return null;
        }
        if (generates && models != null) {
            for (ModelSpec m : models) {
                if (m.decoder() == null) {
                    w.error(e.get("phase"), "phase generate needs a synthetic decoder preset, but model " + m.name()
                            + " is a TorchScript module (its forward pass has no KV cache to drive); sweep it with"
                            + " prefill or decode, or pick a preset such as llama-tiny");
                }
            }
        }
        return n == null ? Defaults.OUTPUT : Levels.parse(w, n, "output", Limits.OUTPUT_MAX);
    }

    private String name(Node n) {
        String t = w.text(n, "name");
        if (t != null && !t.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            w.error(n, "name '" + t + "' must be 1..64 letters, digits, '.', '_' or '-' (it becomes part of the run id)");
            return null;
        }
        return t;
    }

    /** Any registered backend; the default's availability is the sweep's business, as any backend's. */
    private String backend(Map<String, Node> e) {
        if (!e.containsKey("backend")) {
            return Defaults.BACKEND;
        }
        String t = w.text(e.get("backend"), "backend");
        if (t != null && !backends.contains(t)) {
            w.error(e.get("backend"), "backend '" + t + "' is unknown (allowed: "
                    + (backends.isEmpty() ? "none, no backend is registered on the class path"
                            : String.join(", ", backends)) + ")");
            return null;
        }
        return t;
    }

    private String device(Node n) {
        String t = w.text(n, "device");
        if (t != null && DeviceSpec.parse(t).isEmpty()) {
            w.error(n, "device '" + t + "' is not a device (allowed: " + DeviceSpec.ALLOWED + ")");
            return null;
        }
        return t;
    }

    private Remeasure remeasure(Node n) {
        String t = w.text(n, "remeasure");
        if (t == null) {
            return null;
        }
        try {
            return Remeasure.parse(t);
        } catch (IllegalArgumentException e) {
            w.error(n, e.getMessage() + " (interfered trials are run again at the end of the sweep; never keeps"
                    + " them flagged)");
            return null;
        }
    }

    private Trim trim(Node n) {
        String t = w.text(n, "trim");
        if (t == null) {
            return null;
        }
        try {
            return Trim.parse(t);
        } catch (IllegalArgumentException e) {
            w.error(n, e.getMessage() + " (optimal keeps what best determines the fitted laws; largest-first keeps"
                    + " every kept point's replicates, which a run meant for gating needs)");
            return null;
        }
    }

    private Long memory(Node n) {
        String t = w.text(n, "device-memory");
        if (t == null) {
            return null;
        }
        Long v = Units.parseBytes(t);
        if (v == null) {
            w.error(n, "device-memory '" + t + "' is not a size (write e.g. 80GiB, 24GB, 512MiB)");
        } else if (v <= 0) {
            w.error(n, "device-memory " + t + " must be > 0");
            return null;
        }
        return v;
    }

    private <T> List<T> enums(Node n, String param, List<T> dflt, Function<String, T> parse, String allowed) {
        if (n == null) {
            return dflt;
        }
        List<Node> items = w.items(n, param, true);
        if (items == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (Node item : items) {
            String t = w.text(item, param);
            T v = t == null ? null : parse.apply(t);
            if (t != null && v == null) {
                w.error(item, param + " '" + t + "' is unknown (allowed: " + allowed + ")");
            } else if (v != null && out.contains(v)) {
                w.error(item, "duplicate " + param + " '" + t + "'");
            } else if (v != null) {
                out.add(v);
            }
        }
        return out;
    }
}
