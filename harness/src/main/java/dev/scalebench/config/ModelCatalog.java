package dev.scalebench.config;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The synthetic-model presets: one YAML file per preset in {@code profiles/models/}, named {@code <name>.yaml}.
 * Every file is loaded and validated when the catalog is built; problems are kept per preset
 * ({@link #errors()}), so a broken preset is reported only when a sweep uses it, or by {@link #requireValid()}.
 *
 * <p>A preset file holds {@code name} (must equal the file name), {@code description} (optional),
 * {@code layers}, {@code hidden}, {@code heads}, {@code kv-heads} (default: {@code heads}), {@code ffn},
 * {@code vocab}, {@code gated} (default {@code false}) and {@code parameters}, which must equal
 * {@link ModelConfig#parameterCount()} so that the file states the truth.
 */
public final class ModelCatalog {
    static final List<String> KEYS = List.of("name", "description", "layers", "hidden", "heads", "kv-heads", "ffn",
            "vocab", "gated", "norm", "rope-theta", "tied-embeddings", "qkv-bias", "parameters");

    private final Path dir;
    private final Map<String, ModelConfig> models = new TreeMap<>();
    private final Map<String, String> descriptions = new TreeMap<>();
    private final Map<String, List<SpecError>> errors = new TreeMap<>();

    /** Loads every {@code *.yaml} in {@code modelsDir}; a missing folder gives an empty catalog. */
    public ModelCatalog(Path modelsDir) {
        this.dir = modelsDir;
        if (!Files.isDirectory(modelsDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(modelsDir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().forEach(this::loadFile);
        } catch (IOException e) {
            errors.put("", List.of(new SpecError(modelsDir.toString(), 0, "cannot list model presets: " + e.getMessage())));
        }
    }

    private void loadFile(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        YamlWalker w = new YamlWalker(file.toString());
        try {
            Node root = w.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (root != null) {
                parse(w, root, stem);
            }
        } catch (IOException e) {
            w.error(0, "cannot read: " + e.getMessage());
        }
        if (w.hasErrors()) {
            errors.put(stem, List.copyOf(w.errors()));
        }
    }

    private void parse(YamlWalker w, Node root, String stem) {
        Map<String, Node> e = w.entries(root, "the model preset", KEYS);
        if (e == null) {
            return;
        }
        w.require(e, root, "the model preset", "name", "layers", "hidden", "heads", "ffn", "vocab", "parameters");
        String name = e.containsKey("name") ? w.text(e.get("name"), "name") : null;
        if (name != null && !name.equals(stem)) {
            w.error(e.get("name"), "name '" + name + "' must match the file name '" + stem + ".yaml'");
        }
        Long layers = opt(w, e, "layers", 1, 1000);
        Long hidden = opt(w, e, "hidden", 1, 1 << 20);
        Long heads = opt(w, e, "heads", 1, 4096);
        Long kvHeads = e.containsKey("kv-heads") ? w.integer(e.get("kv-heads"), "kv-heads", 1, 4096) : heads;
        Long ffn = opt(w, e, "ffn", 1, 1 << 22);
        Long vocab = opt(w, e, "vocab", 1, 1 << 24);
        Boolean gated = e.containsKey("gated") ? w.bool(e.get("gated"), "gated") : Boolean.FALSE;
        Long stated = opt(w, e, "parameters", 1, Long.MAX_VALUE);
        ModelConfig.Family family = family(w, e);
        if (e.containsKey("description")) {
            w.text(e.get("description"), "description");
        }
        if (w.hasErrors() || layers == null || hidden == null || heads == null || kvHeads == null || ffn == null
                || vocab == null || gated == null || stated == null || family == null) {
            return;
        }
        if (hidden % heads != 0) {
            w.error(e.get("heads"), "heads " + heads + " must divide hidden " + hidden);
        }
        if (kvHeads > heads || heads % kvHeads != 0) {
            w.error(e.containsKey("kv-heads") ? e.get("kv-heads") : e.get("heads"),
                    "kv-heads " + kvHeads + " must divide heads " + heads);
        }
        if (w.hasErrors()) {
            return;
        }
        ModelConfig m = new ModelConfig(stem, layers.intValue(), hidden.intValue(), heads.intValue(),
                kvHeads.intValue(), ffn.intValue(), vocab.intValue(), gated, family);
        if (m.parameterCount() != stated) {
            w.error(e.get("parameters"), "parameters " + stated + " does not match the configuration, which has "
                    + m.parameterCount() + " (embedding" + (family.tiedEmbeddings() ? " tied with the LM head"
                            : " and LM head") + ", per layer QKV" + (family.qkvBias() ? " with biases" : "")
                    + ", output, FFN and 2 norms, final norm)");
            return;
        }
        models.put(stem, m);
        descriptions.put(stem, e.containsKey("description") ? w.text(e.get("description"), "description") : "");
    }

    /**
     * The family keys: {@code norm} ({@code layer} by default, or {@code rms}), {@code rope-theta} (0, no rotary
     * embeddings, by default), {@code tied-embeddings} (true by default), {@code qkv-bias} (false by default);
     * null after an error.
     */
    private static ModelConfig.Family family(YamlWalker w, Map<String, Node> e) {
        ModelConfig.Norm norm = ModelConfig.Norm.LAYER;
        if (e.containsKey("norm")) {
            String n = w.text(e.get("norm"), "norm");
            norm = n == null ? null : ModelConfig.Norm.parse(n);
            if (n != null && norm == null) {
                w.error(e.get("norm"), "norm '" + n + "' is unknown (allowed: layer, rms)");
            }
        }
        Double theta = e.containsKey("rope-theta") ? w.number(e.get("rope-theta"), "rope-theta") : Double.valueOf(0);
        if (theta != null && theta < 0) {
            w.error(e.get("rope-theta"), "rope-theta " + theta + " must be >= 0 (0: no rotary embeddings)");
            theta = null;
        }
        Boolean tied = e.containsKey("tied-embeddings") ? w.bool(e.get("tied-embeddings"), "tied-embeddings") : Boolean.TRUE;
        Boolean bias = e.containsKey("qkv-bias") ? w.bool(e.get("qkv-bias"), "qkv-bias") : Boolean.FALSE;
        if (norm == null || theta == null || tied == null || bias == null) {
            return null;
        }
        return new ModelConfig.Family(norm, theta, tied, bias);
    }

    private static Long opt(YamlWalker w, Map<String, Node> e, String key, long min, long max) {
        return e.containsKey(key) ? w.integer(e.get(key), key, min, max) : null;
    }

    /** The folder the presets come from. */
    public Path dir() {
        return dir;
    }

    /** The valid preset with this name. */
    public Optional<ModelConfig> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /**
     * The valid preset with this name.
     *
     * @throws ScalebenchException (bad input) naming the known presets, or the preset file's errors
     */
    public ModelConfig get(String name) {
        ModelConfig m = models.get(name);
        if (m != null) {
            return m;
        }
        if (errors.containsKey(name)) {
            throw new SpecException(errors.get(name));
        }
        throw ScalebenchException.badInput("unknown model preset '" + name + "'; known presets: " + String.join(", ", names()));
    }

    /** The preset's one-line description ({@code ""} when none). */
    public String description(String name) {
        return descriptions.getOrDefault(name, "");
    }

    /** All valid presets, smallest first (by parameter count). */
    public List<ModelConfig> all() {
        List<ModelConfig> out = new ArrayList<>(models.values());
        out.sort(Comparator.comparing((ModelConfig m) -> m.family().beyondGpt())
                .thenComparingLong(ModelConfig::parameterCount).thenComparing(ModelConfig::name));
        return out;
    }

    /** Names of the valid presets: the GPT-style ones, then the Llama family's; smallest model first in each. */
    public List<String> names() {
        return all().stream().map(ModelConfig::name).toList();
    }

    /** Problems found in preset files, by preset name (empty when every file is valid). */
    public Map<String, List<SpecError>> errorsByPreset() {
        return new LinkedHashMap<>(errors);
    }

    /** Every problem found in any preset file. */
    public List<SpecError> errors() {
        return errors.values().stream().flatMap(List::stream).toList();
    }

    /** @throws SpecException listing every problem in every preset file */
    public void requireValid() {
        if (!errors.isEmpty()) {
            throw new SpecException(errors());
        }
    }
}
