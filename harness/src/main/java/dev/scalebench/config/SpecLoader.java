package dev.scalebench.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates sweep files. Validation finds every problem before anything runs; each
 * {@link SpecError} names the file, the line, the parameter, its value and the allowed range, e.g.
 * {@code sweeps/x.yaml:7: batch level 0 must be >= 1 (allowed 1..65536)}.
 *
 * <p>The format is README.md's "Profiles" (every field commented in profiles/sweeps/*.yaml); omitted fields take
 * {@link Defaults}; the allowed ranges are in {@link Limits}; {@code backend:} is any registered backend
 * ({@link BackendNames}). Model presets come from {@code <profilesDir>/models}, named sweeps from
 * {@code <profilesDir>/sweeps}.
 */
public final class SpecLoader {
    private final Path profilesDir;
    private final BackendNames backends;
    private ModelCatalog catalog;

    /**
     * A loader that accepts the backends registered on the class path ({@link BackendNames#registered()}).
     *
     * @param profilesDir the {@code profiles/} folder (holding {@code sweeps/} and {@code models/})
     */
    public SpecLoader(Path profilesDir) {
        this(profilesDir, BackendNames.registered());
    }

    /**
     * @param profilesDir the {@code profiles/} folder (holding {@code sweeps/} and {@code models/})
     * @param backends the names {@code backend:} may take, asked once per file loaded
     */
    public SpecLoader(Path profilesDir, BackendNames backends) {
        this.profilesDir = profilesDir;
        this.backends = backends;
    }

    /** The model presets, loaded on first use. */
    public synchronized ModelCatalog catalog() {
        if (catalog == null) {
            catalog = new ModelCatalog(profilesDir.resolve("models"));
        }
        return catalog;
    }

    /**
     * Loads and validates a sweep file.
     *
     * @throws SpecException with every problem found (an unreadable file is one such problem)
     */
    public SweepSpec load(Path sweepFile) {
        YamlWalker w = new YamlWalker(sweepFile.toString());
        String text;
        try {
            text = Files.readString(sweepFile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new SpecException(List.of(new SpecError(sweepFile.toString(), 0, "cannot read the sweep file: " + e)));
        }
        SweepSpec spec = null;
        try {
            Node root = w.parse(text);
            if (root != null) {
                spec = new SweepParser(w, catalog(), backends.names(), sweepFile).parse(root);
            }
        } catch (RuntimeException e) {
            // A bug must still surface as a spec problem, never as a bare stack trace.
            w.error(0, "internal error while validating: " + e);
        }
        if (w.hasErrors() || spec == null) {
            throw new SpecException(w.hasErrors() ? sorted(w) : List.of(new SpecError(w.file(), 0, "invalid sweep")));
        }
        return spec;
    }

    /** The sweep file's errors in line order, then those from preset files it uses. */
    private static List<SpecError> sorted(YamlWalker w) {
        List<SpecError> out = new ArrayList<>(w.errors());
        out.sort(Comparator.comparing((SpecError e) -> !e.file().equals(w.file())).thenComparingInt(SpecError::line));
        return out;
    }

    /**
     * Loads a named profile ({@code smoke} means {@code <profilesDir>/sweeps/smoke.yaml}) or, failing that, a
     * sweep file at the given path.
     *
     * @throws SpecException when neither exists or the file does not validate
     */
    public SweepSpec loadProfile(String nameOrPath) {
        Path named = profilesDir.resolve("sweeps").resolve(nameOrPath + ".yaml");
        boolean bareName = nameOrPath.matches("[A-Za-z0-9._-]+") && !nameOrPath.endsWith(".yaml") && !nameOrPath.endsWith(".yml");
        if (bareName && Files.isRegularFile(named)) {
            return load(named);
        }
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            return load(file);
        }
        throw new SpecException(List.of(new SpecError(nameOrPath, 0,
                "no such sweep file or profile; profiles in " + profilesDir.resolve("sweeps") + ": " + String.join(", ", profiles()))));
    }

    /** Names of the sweep profiles in {@code <profilesDir>/sweeps}, sorted. */
    public List<String> profiles() {
        Path dir = profilesDir.resolve("sweeps");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
