package dev.scalebench.backend.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * DJL's PyTorch JNI ({@code libdjl_torch.so}, from the {@code pytorch-jni} jar): the one libtorch version it is built
 * against and the flavours it carries. DJL loads a libtorch only through this JNI, so a libtorch of another version
 * does not load (missing symbols) or, worse, loads and misbehaves.
 *
 * <p>Which JNI DJL 0.35.x loads for a libtorch of version {@code V} and flavour {@code F} (its
 * {@code LibUtils.findJniLibrary}): the file {@code <engine cache>/V-F-<classifier>/<djl version>-libdjl_torch.so}
 * when an earlier online run left it there; else, when {@code pytorch-jni}'s {@code jnilib/pytorch.properties}
 * says {@code jni_version=V-<djl version>}, the jar's {@code jnilib/<classifier>/F/libdjl_torch.so}; else it would
 * download one, which the offline launcher forbids. {@link #jniFlavour} answers that question without loading
 * anything.
 *
 * @param torchVersion the libtorch version the bundled JNI is built against ({@code 2.7.1}); empty when
 *     {@code pytorch-jni} is not on the class path
 * @param djlVersion DJL's version ({@code 0.35.1})
 * @param classifier the platform ({@code linux-x86_64})
 * @param bundledFlavours the flavours the jar carries a JNI for on this platform ({@code cpu}, {@code cu128})
 */
public record TorchJni(String torchVersion, String djlVersion, String classifier, Set<String> bundledFlavours) {

    private static final String JNI_FILE = System.mapLibraryName("djl_torch");

    public TorchJni {
        bundledFlavours = Set.copyOf(new TreeSet<>(bundledFlavours));
    }

    /** {@code pytorch-jni}'s version, {@code <torch version>-<djl version>} ({@code 2.7.1-0.35.1}). */
    public String version() {
        return torchVersion.isEmpty() ? "none" : torchVersion + "-" + djlVersion;
    }

    /** The flavours of {@link #bundledFlavours()}, sorted, for messages ({@code cpu, cu128}). */
    public String flavours() {
        return String.join(", ", new TreeSet<>(bundledFlavours));
    }

    /** What this JNI is, for messages: {@code pytorch-jni 2.7.1-0.35.1 (libtorch 2.7.1; flavours cpu, cu128)}. */
    public String describe() {
        return torchVersion.isEmpty() ? "no pytorch-jni on the class path"
                : "pytorch-jni " + version() + " (libtorch " + torchVersion + "; flavours " + flavours() + ")";
    }

    /**
     * The flavour to set as {@code PYTORCH_FLAVOR} so that DJL finds a JNI for a libtorch of {@code version} built
     * for {@code builtFlavour}, or empty when there is none. The exact flavour when a JNI for it is in the cache or
     * the jar; else, for a CUDA build of the JNI's own libtorch version, the bundled CUDA flavour of the same CUDA
     * major (a {@code cu126} libtorch 2.7.1 gets the {@code cu128} JNI: the JNI links only libtorch's own libraries,
     * not the CUDA runtime, and DJL's own download falls back the same way).
     *
     * @param version the libtorch's version, {@code 2.7.1} (a local suffix such as {@code +cu128} is ignored)
     * @param builtFlavour what the libtorch was built for: {@code cpu}, {@code cu126}, {@code cu118-precxx11}
     * @param engineCache DJL's PyTorch cache folder ({@code ~/.djl.ai/pytorch})
     */
    public Optional<String> jniFlavour(String version, String builtFlavour, Path engineCache) {
        String base = Libtorch.baseVersion(version);
        if (hasJni(base, builtFlavour, engineCache)) {
            return Optional.of(builtFlavour);
        }
        if (!base.equals(torchVersion) || !builtFlavour.matches("cu\\d{3,}")) {
            return Optional.empty();
        }
        String major = builtFlavour.substring(0, 4);
        return bundledFlavours.stream().filter(f -> f.matches("cu\\d{3,}") && f.startsWith(major))
                .max(Comparator.naturalOrder());
    }

    /** Whether DJL finds a JNI for exactly this version and flavour: in the cache, or in the jar. */
    boolean hasJni(String base, String flavour, Path engineCache) {
        if (Files.isRegularFile(engineCache.resolve(base + "-" + flavour + "-" + classifier)
                .resolve(djlVersion + "-" + JNI_FILE))) {
            return true;
        }
        return !torchVersion.isEmpty() && base.equals(torchVersion) && bundledFlavours.contains(flavour);
    }

    /**
     * The JNI on the class path: {@code jnilib/pytorch.properties} ({@code jni_version=2.7.1-0.35.1}) and the
     * flavours whose {@code jnilib/<classifier>/<flavour>/libdjl_torch.so} is there ({@code cpu} and {@code cu110}
     * to {@code cu139} are looked for). Without the jar, an empty {@link #torchVersion()} and no flavours.
     */
    public static TorchJni fromClassPath() {
        String classifier = platformClassifier();
        ClassLoader cl = TorchJni.class.getClassLoader();
        String jni = "";
        try (InputStream in = cl.getResourceAsStream("jnilib/pytorch.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                jni = p.getProperty("jni_version", "");
            }
        } catch (IOException e) {
            jni = "";
        }
        int dash = jni.indexOf('-');
        if (dash < 0) {
            return new TorchJni("", "", classifier, Set.of());
        }
        Set<String> flavours = new TreeSet<>();
        for (int cu = 109; cu < 140; cu++) {
            String f = cu == 109 ? "cpu" : "cu" + cu;
            if (cl.getResource("jnilib/" + classifier + "/" + f + "/" + JNI_FILE) != null) {
                flavours.add(f);
            }
        }
        return new TorchJni(jni.substring(0, dash), jni.substring(dash + 1), classifier, flavours);
    }

    /** DJL's platform classifier: {@code linux-x86_64}, {@code linux-aarch64}, {@code osx-aarch64}, ... */
    static String platformClassifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        String prefix = os.startsWith("win") ? "win" : os.startsWith("mac") ? "osx" : "linux";
        return prefix + "-" + ("amd64".equals(arch) || "x86_64".equals(arch) ? "x86_64" : arch);
    }
}
