package dev.scalebench.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the parts of a CUDA installation without loading any of them: the driver library ({@code libcuda.so.1},
 * all JCuda's driver API needs), a GPU device node, and {@code nvcc} for building kernels ahead of time. Each
 * missing part comes with the reason and what to do.
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
