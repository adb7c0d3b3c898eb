package dev.scalebench.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The {@code model:} entry: a preset name, a TorchScript map
 * ({@code {torchscript: path, name: optional, inputs: [{name, shape, dtype, max}]}}), or a list of these.
 * TorchScript paths resolve against the sweep file's folder.
 */
final class ModelRefParser {
    private static final List<String> TS_KEYS = List.of("torchscript", "name", "inputs");
    private static final List<String> INPUT_KEYS = List.of("name", "shape", "dtype", "max");
    private static final List<String> INPUT_DTYPES = List.of("fp32", "fp16", "bf16", "int64");

    private final YamlWalker w;
    private final ModelCatalog catalog;
    private final Path baseDir;

    ModelRefParser(YamlWalker w, ModelCatalog catalog, Path baseDir) {
        this.w = w;
        this.catalog = catalog;
        this.baseDir = baseDir;
    }

    /** The models, or {@code null} after recording errors. */
    List<ModelSpec> parse(Node n) {
        List<Node> items = n instanceof MappingNode ? List.of(n) : w.items(n, "model", true);
        if (items == null) {
            return null;
        }
        List<ModelSpec> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean ok = true;
        for (Node item : items) {
            ModelSpec m = item instanceof MappingNode ? torchScript(item) : preset(item);
            if (m == null) {
                ok = false;
            } else if (seen.containsKey(m.name())) {
                w.error(item, "duplicate model '" + m.name() + "' (also at line " + seen.get(m.name()) + ")");
                ok = false;
            } else {
                seen.put(m.name(), YamlWalker.line(item));
                out.add(m);
            }
        }
        return ok ? out : null;
    }

    private ModelSpec preset(Node n) {
        String name = w.text(n, "model");
        if (name == null) {
            return null;
        }
        var found = catalog.find(name);
        if (found.isPresent()) {
            return ModelSpec.of(found.get());
        }
        List<SpecError> broken = catalog.errorsByPreset().get(name);
        if (broken != null) {
            w.error(n, "model preset '" + name + "' is invalid (see the errors in its file)");
            w.errors().addAll(broken);
            return null;
        }
        String near = YamlWalker.nearest(name, catalog.names());
        w.error(n, "unknown model preset '" + name + "'" + (near != null ? " (did you mean '" + near + "'?)" : "")
                + "; known presets: " + (catalog.names().isEmpty() ? "none in " + catalog.dir() : String.join(", ", catalog.names())));
        return null;
    }

    private ModelSpec torchScript(Node n) {
        Map<String, Node> e = w.entries(n, "the TorchScript model", TS_KEYS);
        if (e == null) {
            return null;
        }
        w.require(e, n, "the TorchScript model", "torchscript", "inputs");
        int before = w.errors().size();
        Path path = null;
        String file = e.containsKey("torchscript") ? w.text(e.get("torchscript"), "torchscript") : null;
        if (file != null) {
            path = baseDir.resolve(file).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                w.error(e.get("torchscript"), "TorchScript file '" + file + "' not found (looked for " + path + ")");
            }
        }
        String name = e.containsKey("name") ? w.text(e.get("name"), "model name")
                : file == null ? null : Path.of(file).getFileName().toString().replaceFirst("\\.(pt|pth|torchscript)$", "");
        List<TorchScriptSpec.Input> inputs = e.containsKey("inputs") ? inputs(e.get("inputs")) : null;
        if (w.errors().size() > before || path == null || name == null || inputs == null) {
            return null;
        }
        return new ModelSpec(name, null, new TorchScriptSpec(path, inputs));
    }

    private List<TorchScriptSpec.Input> inputs(Node n) {
        List<Node> items = w.items(n, "inputs", false);
        if (items == null) {
            return null;
        }
        List<TorchScriptSpec.Input> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            TorchScriptSpec.Input in = input(items.get(i), i);
            if (in != null) {
                out.add(in);
            }
        }
        return out.size() == items.size() ? out : null;
    }

    private TorchScriptSpec.Input input(Node n, int index) {
        String what = "input " + index;
        Map<String, Node> e = w.entries(n, what, INPUT_KEYS);
        if (e == null) {
            return null;
        }
        w.require(e, n, what, "shape");
        int before = w.errors().size();
        String name = e.containsKey("name") ? w.text(e.get("name"), what + " name") : "input" + index;
        String dtype = null;
        if (e.containsKey("dtype")) {
            dtype = w.text(e.get("dtype"), what + " dtype");
            if (dtype != null && !INPUT_DTYPES.contains(dtype)) {
                w.error(e.get("dtype"), what + " dtype '" + dtype + "' is unknown (allowed: " + String.join(", ", INPUT_DTYPES) + ")");
            }
        }
        long max = 0;
        if ("int64".equals(dtype)) {
            if (!e.containsKey("max")) {
                w.error(n, what + " of dtype int64 needs 'max' (values are drawn in [0, max))");
            } else {
                Long v = w.integer(e.get("max"), what + " max", 1, Long.MAX_VALUE);
                max = v == null ? 0 : v;
            }
        } else if (e.containsKey("max")) {
            w.error(e.get("max"), what + " max applies only to int64 inputs");
        }
        List<String> shape = e.containsKey("shape") ? shape(e.get("shape"), what) : null;
        if (w.errors().size() > before || shape == null) {
            return null;
        }
        return new TorchScriptSpec.Input(name, shape, dtype, max);
    }

    private List<String> shape(Node n, String what) {
        List<Node> dims = w.items(n, what + " shape", false);
        if (dims == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node d : dims) {
            String t = d instanceof ScalarNode && !YamlWalker.isNull(d) ? ((ScalarNode) d).getValue().trim() : null;
            if ("batch".equals(t) || "seq".equals(t)) {
                out.add(t);
            } else if (t != null && t.matches("\\d+")) {
                Long v = w.integer(d, what + " dimension", 1, Integer.MAX_VALUE);
                if (v != null) {
                    out.add(String.valueOf(v));
                }
            } else {
                w.error(d, what + " dimension " + YamlWalker.show(d) + " must be a positive integer, batch or seq");
            }
        }
        return out.size() == dims.size() ? out : null;
    }
}
