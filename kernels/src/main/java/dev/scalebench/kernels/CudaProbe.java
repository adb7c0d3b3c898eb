package dev.scalebench.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the parts of a CUDA installation without loading any of them: the driver library ({@code libcuda.so.1},
 * all JCuda's driver API needs), a GPU device node, and {@code nvcc} for building kernels ahead of time; and which
 * kernels the build put in the jar. {@link #nvrtc()} is the exception: it loads JCuda's NVRTC binding to see
 * whether kernels can be compiled at run time. Each missing part comes with the reason and what to do.
 */
public final class CudaProbe {
    private static final List<Path> DRIVER_DIRS = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/usr/lib"),
            Path.of("/usr/local/nvidia/lib64"), Path.of("/usr/lib/wsl/lib"));

    private CudaProbe() {
    }

    /**
     * One part of the toolchain.
     *
     * @param name what was looked for
     * @param found whether it is there
     * @param detail where it was found, or why it is not usable
     * @param fix what to do when it is missing ({@code null} when found)
     */
    public record Part(String name, boolean found, String detail, String fix) { }

    /** The CUDA driver library, searched in {@code LD_LIBRARY_PATH} and the usual system folders. */
    public static Part driver() {
        Optional<Path> lib = findDriver(System.getenv("LD_LIBRARY_PATH"));
        return lib.map(p -> new Part("CUDA driver (libcuda.so.1)", true, p.toString(), null))
                .orElseGet(() -> new Part("CUDA driver (libcuda.so.1)", false,
                        "libcuda.so.1 not found in LD_LIBRARY_PATH or " + DRIVER_DIRS,
                        "install the NVIDIA driver on a machine with a GPU, or add its folder to LD_LIBRARY_PATH"));
    }

    static Optional<Path> findDriver(String ldLibraryPath) {
        if (ldLibraryPath != null) {
            for (String dir : ldLibraryPath.split(":")) {
                if (!dir.isBlank() && Files.isRegularFile(Path.of(dir, "libcuda.so.1"))) {
                    return Optional.of(Path.of(dir, "libcuda.so.1"));
                }
            }
        }
        return DRIVER_DIRS.stream().map(d -> d.resolve("libcuda.so.1")).filter(Files::exists).findFirst();
    }

    /** A GPU device node ({@code /dev/nvidia0}). */
    public static Part device() {
        Path node = Path.of("/dev/nvidia0");
        return Files.exists(node)
                ? new Part("GPU device node", true, node.toString(), null)
                : new Part("GPU device node", false, "no /dev/nvidia0: this machine has no NVIDIA GPU visible",
                        "run on a GPU machine (or pass the GPU into the container)");
    }

    /** {@code nvcc} on the PATH, with its release line. */
    public static Part nvcc() {
        try {
            Process p = new ProcessBuilder("nvcc", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Part("nvcc", false, "nvcc --version did not answer in 20 s", "check the CUDA toolkit");
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String release = out.lines().filter(l -> l.contains("release")).findFirst().orElse(out.strip());
            return p.exitValue() == 0 ? new Part("nvcc", true, release.strip(), null)
                    : new Part("nvcc", false, "nvcc --version exited " + p.exitValue(), "check the CUDA toolkit");
        } catch (IOException e) {
            return new Part("nvcc", false, "nvcc not on the PATH",
                    "install the CUDA toolkit (kernels are then compiled at build time); without it they are"
                            + " compiled at run time by NVRTC");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Part("nvcc", false, "interrupted", "retry");
        }
    }

    /**
     * NVRTC, which compiles kernels at run time when the jar has no PTX or cubin for the GPU: JCuda's
     * {@code libJNvrtc} loads and reports NVRTC's version (it needs {@code libnvrtc.so.12}). Never throws.
     */
    public static Part nvrtc() {
        String name = "NVRTC (libnvrtc.so.12)";
        try {
            int[] major = {0};
            int[] minor = {0};
            int r = jcuda.nvrtc.JNvrtc.nvrtcVersion(major, minor);
            return r == jcuda.nvrtc.nvrtcResult.NVRTC_SUCCESS
                    ? new Part(name, true, "NVRTC " + major[0] + "." + minor[0] + " through JCuda's libJNvrtc", null)
                    : new Part(name, false, "nvrtcVersion failed: " + jcuda.nvrtc.nvrtcResult.stringFor(r), NVRTC_FIX);
        } catch (LinkageError | RuntimeException e) {
            return new Part(name, false, "JCuda's libJNvrtc did not load: " + linkError(e), NVRTC_FIX);
        }
    }

    /**
     * The line of a native-library load failure that says what is missing: JCuda's message holds a report of every
     * attempt; the one that found the library but not its dependency reads
     * {@code …/libJNvrtc-12.6.0-linux-x86_64.so: libnvrtc.so.12: cannot open shared object file: …}.
     */
    static String linkError(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof NoClassDefFoundError) {
            return "it failed to load earlier in this process (" + e + ")";
        }
        for (String line : m.split("\\R")) {
            if (line.contains("cannot open shared object file")) {
                return line.substring(line.indexOf("UnsatisfiedLinkError: ") < 0 ? 0
                        : line.indexOf("UnsatisfiedLinkError: ") + "UnsatisfiedLinkError: ".length()).strip();
            }
        }
        return m.lines().findFirst().orElse(e.toString()).strip();
    }

    private static final String NVRTC_FIX = "put libnvrtc.so.12 on LD_LIBRARY_PATH (the CUDA 12 toolkit's lib64, or"
            + " PyTorch's site-packages/nvidia/cuda_nvrtc/lib); not needed when the jar has PTX or cubins";

    /**
     * The kernels built ahead of time that the class path holds: the {@code .ptx} and {@code .cubin} files under
     * {@code /cuda/}, sorted; empty when the build had no {@code nvcc} (then NVRTC compiles the sources at run time).
     */
    public static List<String> builtKernels() {
        return builtKernels(CudaProbe.class.getResource(KernelModule.RESOURCES));
    }

    /** The {@code .ptx} and {@code .cubin} files directly in {@code dir}, a {@code file:} or {@code jar:} URL. */
    static List<String> builtKernels(java.net.URL dir) {
        return files(dir).stream().filter(CudaProbe::isBuiltKernel).toList();
    }

    /**
     * Whether the ahead-of-time kernel build was skipped ({@code -Dkernels.skip=true}, as the {@code scalebench}
     * launcher builds when no GPU is visible): the sources are on the class path under {@code /cuda/} but not the
     * {@code manifest.txt} that {@code kernels/build-kernels.sh} writes beside them, with or without nvcc.
     */
    public static boolean kernelBuildSkipped() {
        return kernelBuildSkipped(CudaProbe.class.getResource(KernelModule.RESOURCES));
    }

    /** {@link #kernelBuildSkipped()} for the folder {@code dir}, a {@code file:} or {@code jar:} URL. */
    static boolean kernelBuildSkipped(java.net.URL dir) {
        List<String> files = files(dir);
        return files.stream().anyMatch(f -> f.endsWith(".cu")) && !files.contains("manifest.txt");
    }

    /** The names of the files directly in {@code dir}, a {@code file:} or {@code jar:} URL, sorted. */
    private static List<String> files(java.net.URL dir) {
        if (dir == null) {
            return List.of();
        }
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        try {
            if ("jar".equals(dir.getProtocol())) {
                java.net.JarURLConnection c = (java.net.JarURLConnection) dir.openConnection();
                c.setUseCaches(false);
                try (java.util.jar.JarFile jar = c.getJarFile()) {
                    String prefix = c.getEntryName().endsWith("/") ? c.getEntryName() : c.getEntryName() + "/";
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.length() > prefix.length()
                                    && n.indexOf('/', prefix.length()) < 0)
                            .map(n -> n.substring(prefix.length())).forEach(out::add);
                }
            } else if ("file".equals(dir.getProtocol())) {
                try (java.util.stream.Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                    files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).forEach(out::add);
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return List.of();
        }
        return List.copyOf(out);
    }

    static boolean isBuiltKernel(String file) {
        return file.endsWith(".ptx") || file.endsWith(".cubin");
    }

    /**
     * The marketing name of GPU {@code index} as the driver reports it (e.g. {@code NVIDIA H100 80GB HBM3}), asked
     * of {@code nvidia-smi}; empty when there is no such tool or GPU. Hardware profiles are matched against it.
     */
    public static Optional<String> gpuName(int index) {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader",
                    "-i", Integer.toString(index)).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .strip();
            return p.exitValue() == 0 && !out.isEmpty() && !out.contains("\n") ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
