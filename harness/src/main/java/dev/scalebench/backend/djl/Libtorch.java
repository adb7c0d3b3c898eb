package dev.scalebench.backend.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A libtorch folder that DJL could load (the folder holding {@code libtorch.so}), where it came from, what it is,
 * and whether DJL's JNI fits it: the unit {@link LibtorchDiscovery} finds and {@code doctor} checks.
 *
 * @param source where it was found
 * @param lib the folder holding {@code libtorch.so} (a {@code torch} package's {@code lib/}, a DJL cache folder)
 * @param version the libtorch's version as it names itself ({@code 2.7.1+cu128}, or {@code 2.7.1} from a DJL cache
 *     folder's name); empty when unknown
 * @param builtFlavour what it was built for: {@code cpu}, {@code cu128}, {@code cu118-precxx11}; empty when unknown
 * @param jniFlavour the {@code PYTORCH_FLAVOR} under which DJL finds a JNI for it ({@link TorchJni#jniFlavour});
 *     empty when none
 * @param problem why it cannot be used; empty when it can
 */
public record Libtorch(Source source, Path lib, String version, String builtFlavour, String jniFlavour,
        String problem) {

    /** Where a libtorch was found. */
    public enum Source {
        /** The {@code torch} package of the machine's {@code python3}. */
        PYTHON("python3 torch"),
        /** DJL's cache, {@code ~/.djl.ai/pytorch/<version>-<flavour>-<classifier>/}. */
        DJL_CACHE("DJL cache libtorch"),
        /** Set by hand: {@code PYTORCH_LIBRARY_PATH}. */
        SET("PYTORCH_LIBRARY_PATH libtorch");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** How messages name it ({@code python3 torch}). */
        public String label() {
            return label;
        }
    }

    private static final Pattern PY_VERSION = Pattern.compile("(?m)^__version__\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern PY_CUDA = Pattern.compile(
            "(?m)^cuda\\s*(?::[^=\\n]*)?=\\s*(?:['\"]([^'\"]*)['\"]|None)");
    private static final Pattern LOCAL_FLAVOUR = Pattern.compile("\\+(cpu|cu\\d{3,})$");

    /** Whether DJL can load it. */
    public boolean usable() {
        return problem.isEmpty();
    }

    /** The version without its local part: {@code 2.7.1} for {@code 2.7.1+cu128}; what {@code PYTORCH_VERSION} takes. */
    public String baseVersion() {
        return baseVersion(version);
    }

    /** {@code 2.7.1} for {@code 2.7.1+cu128}. */
    static String baseVersion(String version) {
        int plus = version.indexOf('+');
        return plus < 0 ? version : version.substring(0, plus);
    }

    /**
     * One phrase for messages and the fingerprint: {@code python3 torch 2.7.1+cu128 at /…/torch/lib}; a JNI of
     * another flavour than the build's is named ({@code … (DJL's cu128 JNI)}).
     */
    public String describe() {
        String v = version.isEmpty() ? "of unknown version" : version;
        String s = source.label() + " " + v + (source == Source.DJL_CACHE && !builtFlavour.isEmpty()
                ? " " + builtFlavour : "") + " at " + lib;
        return !jniFlavour.isEmpty() && !jniFlavour.equals(builtFlavour) ? s + " (DJL's " + jniFlavour + " JNI)" : s;
    }

    /** The settings DJL reads to load it: {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_FLAVOR}, {@code PYTORCH_VERSION}. */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PYTORCH_LIBRARY_PATH", lib.toString());
        m.put("PYTORCH_FLAVOR", jniFlavour);
        m.put("PYTORCH_VERSION", baseVersion());
        return m;
    }

    /**
     * Looks at a libtorch folder and decides whether DJL can load it.
     *
     * @param source where it was found
     * @param lib the folder that should hold {@code libtorch.so}
     * @param version its version when the finder knows it, else empty: then read from {@code ../version.py} (a
     *     {@code torch} package) or {@code ../build-version} (a libtorch archive)
     * @param builtFlavour its build's flavour when known, else empty: then from {@code version.py}'s {@code cuda} or
     *     the version's local part ({@code +cu128})
     * @param cudaRequired whether a CPU-only build is a problem (discovery looks for CUDA builds only)
     * @param jni DJL's JNI
     * @param engineCache DJL's PyTorch cache folder, where a JNI for another version or flavour may lie
     */
    static Libtorch inspect(Source source, Path lib, String version, String builtFlavour, boolean cudaRequired,
            TorchJni jni, Path engineCache) {
        if (version.isEmpty() || builtFlavour.isEmpty()) {
            Stated stated = readVersion(lib);
            version = version.isEmpty() ? stated.version() : version;
            builtFlavour = builtFlavour.isEmpty() ? stated.flavour() : builtFlavour;
        }
        String problem = "";
        Optional<String> cudaLibMissing = builtFlavour.startsWith("cu")
                ? missing(lib, "torch_cuda").or(() -> missing(lib, "c10_cuda")) : Optional.empty();
        if (missing(lib, "torch").isPresent()) {
            problem = "no " + System.mapLibraryName("torch") + " in " + lib;
        } else if (cudaRequired && "cpu".equals(builtFlavour)) {
            problem = "a CPU-only build (no CUDA)";
        } else if (cudaLibMissing.isPresent()) {
            problem = "a CUDA build without " + cudaLibMissing.get() + " in " + lib;
        } else if (version.isEmpty()) {
            problem = "its version is unknown (no ../version.py or ../build-version beside " + lib
                    + "); set PYTORCH_VERSION to it";
        }
        String jniFlavour = "";
        if (problem.isEmpty()) {
            Optional<String> f = builtFlavour.isEmpty() ? Optional.empty() : jni.jniFlavour(version, builtFlavour,
                    engineCache);
            if (f.isPresent()) {
                jniFlavour = f.get();
            } else if (!baseVersion(version).equals(jni.torchVersion())) {
                problem = "libtorch " + version + ", but DJL " + jni.djlVersion() + "'s JNI (" + jni.describe()
                        + ") is built for libtorch " + jni.torchVersion();
            } else if (!builtFlavour.isEmpty()) {
                problem = "no DJL JNI for flavour " + builtFlavour + " (" + jni.describe() + ")";
            }
        }
        return new Libtorch(source, lib, version, builtFlavour, jniFlavour, problem);
    }

    private static Optional<String> missing(Path lib, String name) {
        String file = System.mapLibraryName(name);
        return Files.isRegularFile(lib.resolve(file)) ? Optional.empty() : Optional.of(file);
    }

    /**
     * The version and build flavour a libtorch folder states beside itself: a {@code torch} package's
     * {@code version.py} ({@code __version__ = '2.7.1+cu128'}, {@code cuda: Optional[str] = '12.8'} or
     * {@code None}), else a libtorch archive's {@code build-version} ({@code 2.7.1+cu128}). Empty strings for what
     * neither says.
     */
    static Stated readVersion(Path lib) {
        Path parent = lib.toAbsolutePath().getParent();
        if (parent == null) {
            return new Stated("", "");
        }
        String version = "";
        String flavour = "";
        try {
            Path py = parent.resolve("version.py");
            Path build = parent.resolve("build-version");
            if (Files.isRegularFile(py)) {
                String text = Files.readString(py);
                Matcher v = PY_VERSION.matcher(text);
                version = v.find() ? v.group(1) : "";
                Matcher c = PY_CUDA.matcher(text);
                if (c.find()) {
                    flavour = c.group(1) == null || c.group(1).isEmpty() ? "cpu" : cudaFlavour(c.group(1));
                }
            } else if (Files.isRegularFile(build)) {
                version = Files.readString(build).strip();
            }
        } catch (IOException | RuntimeException e) {
            return new Stated("", "");
        }
        if (flavour.isEmpty()) {
            Matcher m = LOCAL_FLAVOUR.matcher(version);
            flavour = m.find() ? m.group(1) : "";
        }
        return new Stated(version, flavour);
    }

    /** What a libtorch folder says of itself: its version and build flavour, empty where it says nothing. */
    record Stated(String version, String flavour) { }

    /** {@code cu128} for CUDA {@code 12.8}; {@code cpu} for {@code None} or nothing. */
    static String cudaFlavour(String cuda) {
        String digits = cuda == null ? "" : cuda.strip().replace(".", "");
        return digits.isEmpty() || "None".equals(cuda.strip()) ? "cpu" : "cu" + digits;
    }

    /** Newest first: by the numbers of the base version ({@code 2.10.0} after {@code 2.9.1}), then the flavour. */
    static final Comparator<Libtorch> NEWEST_FIRST = Comparator.<Libtorch, String>comparing(
            l -> numeric(l.baseVersion())).thenComparing(Libtorch::builtFlavour).reversed();

    private static String numeric(String version) {
        StringBuilder sb = new StringBuilder();
        for (String part : version.split("[.-]")) {
            sb.append(String.format("%08d", part.matches("\\d{1,8}") ? Integer.parseInt(part) : 0));
        }
        return sb.toString();
    }
}
