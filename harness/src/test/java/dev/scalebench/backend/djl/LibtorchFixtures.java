package dev.scalebench.backend.djl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fixture folders for {@link LibtorchDiscovery}: a {@code torch} package as pip installs it, DJL cache folders, a
 * libtorch archive; and a discovery over them. The libraries are empty files: discovery only looks for them.
 */
public final class LibtorchFixtures {
    /** DJL 0.35.1's JNI as {@code pytorch-jni 2.7.1-0.35.1} ships it for linux-x86_64. */
    public static final TorchJni JNI = new TorchJni("2.7.1", "0.35.1", "linux-x86_64", Set.of("cpu", "cu128"));
    /** A GPU seen. */
    public static final Optional<String> GPU = Optional.of("/dev/nvidia0 exists");

    private LibtorchFixtures() {
    }

    /**
     * A {@code torch} package under {@code root}: {@code torch/version.py} and {@code torch/lib/} with the CPU
     * libraries, plus the CUDA ones when {@code cuda} is not null.
     *
     * @return the package folder ({@code root/torch})
     */
    public static Path torchPackage(Path root, String version, String cuda) {
        Path torch = root.resolve("torch");
        write(torch.resolve("__init__.py"), "");
        write(torch.resolve("version.py"), "from typing import Optional\n\n__all__ = ['__version__', 'cuda']\n"
                + "__version__ = '" + version + "'\ndebug = False\ncuda: Optional[str] = "
                + (cuda == null ? "None" : "'" + cuda + "'") + "\ngit_version = 'abc'\nhip: Optional[str] = None\n");
        libs(torch.resolve("lib"), cuda != null);
        return torch;
    }

    /** A folder of DJL's cache: {@code <home>/.djl.ai/pytorch/<name>} with a libtorch (CUDA libraries included). */
    public static Path cacheFolder(Path home, String name) {
        Path d = home.resolve(".djl.ai").resolve("pytorch").resolve(name);
        libs(d, name.contains("-cu"));
        return d;
    }

    /** The libtorch libraries in {@code lib}, empty files. */
    public static void libs(Path lib, boolean cuda) {
        for (String l : cuda ? new String[] {"torch", "torch_cpu", "c10", "torch_cuda", "c10_cuda"}
                : new String[] {"torch", "torch_cpu", "c10"}) {
            write(lib.resolve(System.mapLibraryName(l)), "");
        }
    }

    /** A probe that answers as the real one does for this package. */
    public static LibtorchDiscovery.PythonProbe answers(String version, String cuda, Path torch) {
        return () -> version + " " + (cuda == null ? "None" : cuda) + " " + torch + "\n";
    }

    /** A probe that fails as the real one does without torch. */
    public static LibtorchDiscovery.PythonProbe noTorch() {
        return () -> {
            throw new IOException("no module named torch");
        };
    }

    /** A probe that must not run. */
    public static LibtorchDiscovery.PythonProbe mustNotRun() {
        return () -> {
            throw new AssertionError("the python probe ran");
        };
    }

    /** A discovery with this environment (no system properties), home, GPU and probe, and {@link #JNI}. */
    public static LibtorchChoice discover(Map<String, String> env, Path home, Optional<String> gpu,
            LibtorchDiscovery.PythonProbe probe) {
        return new LibtorchDiscovery(env, k -> null, home, gpu, probe, JNI).discover();
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
