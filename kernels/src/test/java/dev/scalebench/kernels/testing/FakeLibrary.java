package dev.scalebench.kernels.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A fake driver library built from its C source with {@code gcc} ({@code $CC} when set), once per build folder:
 * the fake {@code libcuda.so.1} ({@link FakeCuda}) and the harness's fake {@code libnvidia-ml.so.1}. The source is
 * copied into the folder beside the library; a library whose copied source equals the current one is reused, and
 * concurrent builds (test JVMs in parallel) take a file lock. No C compiler is not an error: {@link #library()} is
 * empty and {@link #reason()} says why, so a test can skip with it ({@link #require()}).
 */
public final class FakeLibrary {

    /** Reads the C source (from the class path or a file). */
    @FunctionalInterface
    public interface Source {
        byte[] read() throws IOException;
    }

    private final String what;
    private final String soname;
    private final String sourceName;
    private final Source source;
    private final Path dir;
    private Optional<Path> library;
    private String reason = "";

    /**
     * @param what the library in words, for messages ({@code the fake CUDA driver})
     * @param soname the file and soname ({@code libcuda.so.1})
     * @param sourceName the source's file name in {@code dir} ({@code fake_cuda.c})
     * @param dir the build folder
     */
    public FakeLibrary(String what, String soname, String sourceName, Source source, Path dir) {
        this.what = what;
        this.soname = soname;
        this.sourceName = sourceName;
        this.source = source;
        this.dir = dir.toAbsolutePath();
    }

    /** The built library file, built on first use; empty when there is no C compiler ({@link #reason()}). */
    public synchronized Optional<Path> library() {
        if (library == null) {
            library = build();
        }
        return library;
    }

    /** Why {@link #library()} is empty ({@code ""} when it is not). */
    public synchronized String reason() {
        library();
        return reason;
    }

    /** The library file; skips the calling test (JUnit assumption) when it cannot be built. */
    public Path require() {
        Assumptions.assumeTrue(library().isPresent(), this::reason);
        return library().orElseThrow();
    }

    private Optional<Path> build() {
        String cc = System.getenv().getOrDefault("CC", "gcc");
        try {
            Process probe = new ProcessBuilder(cc, "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (!probe.waitFor(120, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                reason = cc + " --version failed: no C compiler to build " + what + " (" + sourceName + ")";
                return Optional.empty();
            }
        } catch (IOException e) {
            reason = cc + " is not on the PATH: no C compiler to build " + what + " (" + sourceName + ")";
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                return Optional.of(compileIfStale(cc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building " + what, e);
        }
    }

    private Path compileIfStale(String cc) throws IOException, InterruptedException {
        byte[] code = source.read();
        Path c = dir.resolve(sourceName);
        Path so = dir.resolve(soname);
        if (Files.exists(c) && Arrays.equals(Files.readAllBytes(c), code) && Files.exists(so)) {
            return so;
        }
        Files.write(c, code);
        Path tmp = dir.resolve(soname + ".tmp");
        Process p = new ProcessBuilder(cc, "-shared", "-fPIC", "-O1", "-std=gnu11", "-Wall", "-Wl,-soname," + soname,
                "-o", tmp.toString(), c.toString(), "-lpthread").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(cc + " could not build " + what + " from " + c + ":\n" + output);
        }
        Files.move(tmp, so, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return so;
    }
}
