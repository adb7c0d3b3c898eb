package dev.scalebench.backend.djl;

import dev.scalebench.backend.djl.Libtorch.Source;
import dev.scalebench.backend.djl.LibtorchChoice.Outcome;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a CUDA libtorch for DJL on a GPU machine, so that {@code device: auto} finds the GPU without
 * {@code PYTORCH_FLAVOR}, {@code PYTORCH_LIBRARY_PATH} and {@code PYTORCH_VERSION} set by hand (docs/gpu.md).
 *
 * <p><b>When it runs.</b> Once per process, before the DJL engine loads ({@link DjlBackendProvider}). In order:
 * <ol>
 *   <li>{@code PYTORCH_LIBRARY_PATH} set (environment or system property): nothing is searched; the folder it names
 *       is only checked against DJL's JNI ({@link Outcome#SET_BY_HAND}, for {@code doctor});
 *   <li>no GPU ({@code /proc/driver/nvidia/version} and {@code /dev/nvidia0} both absent, two file checks): nothing
 *       at all, no process, no fingerprint fact: the CPU path is what it was ({@link Outcome#NO_GPU});
 *   <li>{@code PYTORCH_FLAVOR=cpu} set: the CPU is asked for ({@link Outcome#CPU_CHOSEN});
 *   <li>else it looks, in this order, at the {@code torch} package of the machine's {@code python3} (its
 *       {@code lib/}: {@code libtorch.so}, {@code libtorch_cuda.so}, {@code libc10_cuda.so}) and at DJL's cache
 *       ({@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}; then
 *       {@code pytorch/<version>-<flavour>-<classifier>/}, newest version first), and takes the first CUDA
 *       libtorch DJL's JNI fits ({@link TorchJni#jniFlavour}) and that agrees with a {@code PYTORCH_VERSION} or
 *       {@code PYTORCH_FLAVOR} already set ({@link Outcome#FOUND}); or none ({@link Outcome#NOT_FOUND}).
 * </ol>
 *
 * <p><b>How it takes effect.</b> DJL 0.35's {@code LibUtils} reads {@code PYTORCH_LIBRARY_PATH},
 * {@code PYTORCH_FLAVOR} and {@code PYTORCH_VERSION} from the environment, else from system properties of the same
 * name ({@code Utils.getEnvOrSystemProperty}). A found libtorch is therefore set as system properties, each only
 * where neither is set. The launcher no longer exports {@code PYTORCH_FLAVOR=cpu}, which would win over them;
 * {@link DjlBackendProvider} sets {@code cpu} as a property when nothing chose a flavour.
 *
 * <p><b>What it says.</b> One line on standard error when it found one or found none ({@link LibtorchChoice#line()}), and
 * the fingerprint fact {@code pytorch.discovered} ({@link LibtorchChoice#fact()}), e.g.
 * {@code python3 torch 2.7.1+cu128 at /usr/lib/python3/dist-packages/torch/lib}.
 *
 * <p>Everything it reads is injected (environment, properties, home, GPU evidence, the python probe, the JNI), so
 * tests run it on fixture folders.
 */
public final class LibtorchDiscovery {

    /** Runs {@code python3} and returns what it printed: {@code <torch version> <cuda or None> <torch folder>}. */
    @FunctionalInterface
    public interface PythonProbe {
        /**
         * @return the probe's standard output
         * @throws IOException with a short reason when there is no python3, no torch, or no answer
         */
        String run() throws IOException;
    }

    private static final String[] GPU_FILES = {"/proc/driver/nvidia/version", "/dev/nvidia0"};
    private static LibtorchChoice system;
    private static boolean applied;

    private final Map<String, String> env;
    private final UnaryOperator<String> property;
    private final Path home;
    private final Optional<String> gpu;
    private final PythonProbe python;
    private final Supplier<TorchJni> jniSource;
    private TorchJni jni;

    /**
     * @param env the environment
     * @param property system properties ({@code System::getProperty})
     * @param home the user's home, where DJL's cache {@code .djl.ai} is by default
     * @param gpu why there is a GPU, or empty
     * @param python the python probe, run only with a GPU and nothing set
     * @param jni DJL's JNI
     */
    public LibtorchDiscovery(Map<String, String> env, UnaryOperator<String> property, Path home, Optional<String> gpu,
            PythonProbe python, TorchJni jni) {
        this(env, property, home, gpu, python, () -> jni);
    }

    /**
     * As above, with DJL's JNI read only when needed: not without a GPU (reading it opens every jar of the class
     * path, most of a second on a cold JVM).
     */
    LibtorchDiscovery(Map<String, String> env, UnaryOperator<String> property, Path home, Optional<String> gpu,
            PythonProbe python, Supplier<TorchJni> jni) {
        this.env = Map.copyOf(env);
        this.property = property;
        this.home = home;
        this.gpu = gpu;
        this.python = python;
        this.jniSource = jni;
    }

    /** Looks (see the class comment for the order), sets nothing. */
    public LibtorchChoice discover() {
        Optional<String> set = setting("PYTORCH_LIBRARY_PATH");
        if (set.isEmpty() && gpu.isEmpty()) {
            return new LibtorchChoice(Outcome.NO_GPU, "", Optional.empty(), List.of(), List.of(), Optional.empty());
        }
        if (set.isEmpty() && setting("PYTORCH_FLAVOR").filter(f -> f.startsWith("cpu")).isPresent()) {
            return new LibtorchChoice(Outcome.CPU_CHOSEN, gpu.get(), Optional.empty(), List.of(), List.of(),
                    Optional.empty());
        }
        jni = jniSource.get();
        Path cache = engineCache();
        if (set.isPresent()) {
            return new LibtorchChoice(Outcome.SET_BY_HAND, gpu.orElse(""), Optional.of(checkSet(set.get(), cache)),
                    List.of(), List.of("PYTORCH_LIBRARY_PATH=" + set.get()), Optional.of(jni));
        }
        List<String> looked = new ArrayList<>();
        List<Libtorch> found = new ArrayList<>();
        fromPython(cache, looked).ifPresent(found::add);
        found.addAll(fromCache(cache, looked));
        List<Libtorch> checked = found.stream().map(this::agreeWithSettings).toList();
        Optional<Libtorch> chosen = checked.stream().filter(Libtorch::usable).findFirst();
        List<Libtorch> rejected = checked.stream().filter(l -> !l.usable()).toList();
        return new LibtorchChoice(chosen.isPresent() ? Outcome.FOUND : Outcome.NOT_FOUND, gpu.get(), chosen, rejected,
                looked, Optional.of(jni));
    }

    private Optional<Libtorch> fromPython(Path cache, List<String> looked) {
        String out;
        try {
            out = python.run();
        } catch (IOException e) {
            looked.add("python3 (" + e.getMessage() + ")");
            return Optional.empty();
        }
        String last = out.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
        String[] parts = last.split(" ", 3);
        if (parts.length < 3 || !parts[0].matches("\\d+\\.\\d+.*")) {
            looked.add("python3 (unexpected answer '" + last + "')");
            return Optional.empty();
        }
        Path torch = Path.of(parts[2]);
        looked.add("python3 (torch " + parts[0] + " at " + torch + ")");
        return Optional.of(Libtorch.inspect(Source.PYTHON, torch.resolve("lib"), parts[0],
                Libtorch.cudaFlavour(parts[1]), true, jni, cache));
    }

    private List<Libtorch> fromCache(Path cache, List<String> looked) {
        Pattern name = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(?:-\\d+)?-(cu\\d+(?:-precxx11)?)-"
                + Pattern.quote(jni.classifier()));
        List<Libtorch> out = new ArrayList<>();
        if (Files.isDirectory(cache)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cache)) {
                for (Path d : dirs) {
                    Matcher m = name.matcher(d.getFileName().toString());
                    // a folder with only a JNI in it is where DJL put the JNI for a libtorch loaded from elsewhere
                    if (m.matches() && Files.isRegularFile(d.resolve(System.mapLibraryName("torch")))) {
                        out.add(Libtorch.inspect(Source.DJL_CACHE, d, m.group(1), m.group(2), true, jni, cache));
                    }
                }
            } catch (IOException e) {
                looked.add("DJL's cache " + cache + " (" + e.getMessage() + ")");
                return List.of();
            }
        }
        out.sort(Libtorch.NEWEST_FIRST);
        looked.add("DJL's cache " + cache + " (" + (out.isEmpty() ? "no CUDA libtorch" : out.size()
                + " CUDA libtorch folder(s)") + ")");
        return out;
    }

    /** A found libtorch that contradicts a PYTORCH_VERSION or PYTORCH_FLAVOR set by hand is not taken. */
    private Libtorch agreeWithSettings(Libtorch l) {
        if (!l.usable()) {
            return l;
        }
        Optional<String> v = setting("PYTORCH_VERSION").filter(s -> !s.equals(l.baseVersion()));
        Optional<String> f = setting("PYTORCH_FLAVOR").filter(s -> !s.equals(l.jniFlavour()));
        String problem = v.map(s -> "PYTORCH_VERSION=" + s + " is set").or(() -> f.map(s -> "PYTORCH_FLAVOR=" + s
                + " is set, its JNI flavour is " + l.jniFlavour())).orElse("");
        return problem.isEmpty() ? l : new Libtorch(l.source(), l.lib(), l.version(), l.builtFlavour(), "", problem);
    }

    /**
     * The hand-set folder as DJL picks it (the first entry of the path list holding {@code libtorch.so}, else the
     * first entry), checked against the JNI and against the flavour and version DJL will be told.
     */
    private Libtorch checkSet(String paths, Path cache) {
        List<Path> entries = List.of(paths.split(java.io.File.pathSeparator)).stream().filter(s -> !s.isBlank())
                .map(Path::of).toList();
        Path lib = entries.stream().filter(p -> Files.isRegularFile(p.resolve(System.mapLibraryName("torch"))))
                .findFirst().orElse(entries.isEmpty() ? Path.of(paths) : entries.get(0));
        Libtorch.Stated stated = Libtorch.readVersion(lib); // else what DJL will be told, as DJL itself does
        Libtorch l = Libtorch.inspect(Source.SET, lib,
                stated.version().isEmpty() ? setting("PYTORCH_VERSION").orElse("") : stated.version(),
                stated.flavour().isEmpty() ? setting("PYTORCH_FLAVOR").orElse("") : stated.flavour(), false, jni, cache);
        if (!l.usable()) {
            return l;
        }
        String flavour = setting("PYTORCH_FLAVOR").orElse("cpu");
        Optional<String> version = setting("PYTORCH_VERSION");
        String problem = !l.jniFlavour().isEmpty() && !flavour.equals(l.jniFlavour())
                ? "PYTORCH_FLAVOR is " + flavour + ", but this libtorch needs PYTORCH_FLAVOR=" + l.jniFlavour()
                : version.filter(v -> !v.equals(l.baseVersion())).map(v -> "PYTORCH_VERSION is " + v
                        + ", but this libtorch is " + l.baseVersion() + ": set PYTORCH_VERSION=" + l.baseVersion())
                        .orElse("");
        return problem.isEmpty() ? l : new Libtorch(l.source(), lib, l.version(), l.builtFlavour(), l.jniFlavour(),
                problem);
    }

    /** DJL's PyTorch cache: {@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}; then {@code pytorch}. */
    Path engineCache() {
        return setting("ENGINE_CACHE_DIR").map(Path::of)
                .or(() -> setting("DJL_CACHE_DIR").map(Path::of))
                .orElseGet(() -> home.resolve(".djl.ai")).resolve("pytorch");
    }

    /** As DJL reads it: the environment, else the system property; blank is unset. */
    private Optional<String> setting(String key) {
        String v = env.get(key);
        if (v == null) {
            v = property.apply(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** This process's discovery, run on first use. */
    public static synchronized LibtorchChoice system() {
        if (system == null) {
            system = new LibtorchDiscovery(System.getenv(), System::getProperty,
                    Path.of(System.getProperty("user.home", ".")), gpuEvidence(GPU_FILES),
                    new Python3Probe(), (Supplier<TorchJni>) TorchJni::fromClassPath).discover();
        }
        return system;
    }

    /** The fingerprint fact of this process's discovery, when it has run and has one. */
    static synchronized Optional<String> systemFact() {
        return system == null ? Optional.empty() : system.fact();
    }

    /**
     * Runs this process's discovery once and, when it found a libtorch, sets its settings as system properties
     * (each only where neither the environment nor a property sets it), and says what it chose on {@code err}.
     */
    static synchronized LibtorchChoice applyToSystem(Consumer<String> err) {
        LibtorchChoice r = system();
        if (!applied) {
            applied = true;
            apply(r, System.getenv(), System.getProperties(), err);
        }
        return r;
    }

    /**
     * Sets a found libtorch's settings in {@code properties}, each only where neither {@code env} nor
     * {@code properties} sets it, and gives {@link LibtorchChoice#line()} to {@code err}.
     */
    static void apply(LibtorchChoice r, Map<String, String> env, java.util.Properties properties,
            Consumer<String> err) {
        if (r.outcome() == Outcome.FOUND) {
            r.chosen().orElseThrow().settings().forEach((k, v) -> {
                if (isBlank(env.get(k)) && isBlank(properties.getProperty(k))) {
                    properties.setProperty(k, v);
                }
            });
        }
        r.line().ifPresent(err);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The first of these files that exists, as {@code <file> exists}; empty when none does. */
    static Optional<String> gpuEvidence(String... files) {
        for (String f : files) {
            if (Files.exists(Path.of(f))) {
                return Optional.of(f + " exists");
            }
        }
        return Optional.empty();
    }
}
