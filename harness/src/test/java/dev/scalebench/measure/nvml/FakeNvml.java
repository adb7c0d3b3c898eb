package dev.scalebench.measure.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A fake NVML ({@code libnvidia-ml.so.1}; source {@code harness/src/test/c/fake_nvml.c}, whose header lists its
 * keys) with scripted values, and the ways to use it:
 *
 * <pre>{@code
 * Path lib = FakeNvml.require();                 // skips the test when gcc is missing
 * FakeNvml.Control fake = FakeNvml.control();    // the fake's setters, through JNA
 * fake.fake_nvml_reset();
 * fake.fake_nvml_set("energy.step.mj", "1500");
 * System.setProperty(Nvml.LIBRARY_PROPERTY, lib.toString());   // what Nvml.open() loads
 * }</pre>
 *
 * A child JVM gets {@code -Dscalebench.nvml.library=<lib>} and a script file named by {@code FAKE_NVML_SCRIPT}
 * ({@link #script}). Built once per build folder ({@code target/fake-nvml}) with {@code gcc} ({@code $CC} when set).
 */
public final class FakeNvml {

    /** The fake's source, from the harness module's folder (the tests' working directory). */
    static final Path SOURCE = Path.of("src", "test", "c", "fake_nvml.c");

    private static Optional<Path> library;
    private static String reason = "";

    private FakeNvml() {
    }

    /** The setters the fake exports. */
    public interface Control extends Library {
        /** Sets {@code key} (a comma-separated list is read one element per read, the last one repeating). */
        void fake_nvml_set(String key, String value);

        /** Forgets every value and read. */
        void fake_nvml_reset();

        /** How many {@code nvmlInit_v2} calls have no {@code nvmlShutdown} yet. */
        int fake_nvml_inits();
    }

    /** The fake library file, built on first use; empty when there is no C compiler ({@link #reason()}). */
    public static synchronized Optional<Path> library() {
        if (library == null) {
            library = build();
        }
        return library;
    }

    /** Why {@link #library()} is empty. */
    public static synchronized String reason() {
        library();
        return reason;
    }

    /** The fake library file; skips the calling test (JUnit assumption) when it cannot be built. */
    public static Path require() {
        Assumptions.assumeTrue(library().isPresent(), FakeNvml::reason);
        return library().orElseThrow();
    }

    /** The fake's setters (the same loaded library {@link Nvml#open()} gets for this path). */
    public static Control control() {
        return Native.load(require().toString(), Control.class);
    }

    /**
     * Makes {@link Nvml#open()} load the fake (the {@link Nvml#LIBRARY_PROPERTY} system property) with every value
     * and read forgotten, and returns its setters; {@link #forget()} undoes it. For a test's before/after.
     */
    public static Control use() {
        System.setProperty(Nvml.LIBRARY_PROPERTY, require().toString());
        Control c = control();
        c.fake_nvml_reset();
        return c;
    }

    /** Undoes {@link #use()}: {@link Nvml#open()} looks for the real library again. */
    public static void forget() {
        System.clearProperty(Nvml.LIBRARY_PROPERTY);
    }

    /** Writes {@code values} as a script file for {@code FAKE_NVML_SCRIPT}. */
    public static Path script(Path file, Map<String, String> values) throws IOException {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return Files.writeString(file, b.toString());
    }

    private static Optional<Path> build() {
        String cc = System.getenv().getOrDefault("CC", "gcc");
        try {
            Process probe = new ProcessBuilder(cc, "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (!probe.waitFor(120, TimeUnit.SECONDS) || probe.exitValue() != 0) {
                reason = cc + " --version failed: no C compiler to build the fake NVML (" + SOURCE + ")";
                return Optional.empty();
            }
        } catch (IOException e) {
            reason = cc + " is not on the PATH: no C compiler to build the fake NVML (" + SOURCE + ")";
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
            return Optional.empty();
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "fake-nvml").toAbsolutePath());
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                return Optional.of(compileIfStale(cc, dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building the fake NVML", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the fake NVML", e);
        }
    }

    private static Path compileIfStale(String cc, Path dir) throws IOException, InterruptedException {
        byte[] source = Files.readAllBytes(SOURCE);
        Path c = dir.resolve("fake_nvml.c");
        Path so = dir.resolve("libnvidia-ml.so.1");
        if (Files.exists(c) && Arrays.equals(Files.readAllBytes(c), source) && Files.exists(so)) {
            return so;
        }
        Files.write(c, source);
        Path tmp = dir.resolve("libnvidia-ml.so.1.tmp");
        Process p = new ProcessBuilder(cc, "-shared", "-fPIC", "-O1", "-std=gnu11", "-Wall",
                "-Wl,-soname,libnvidia-ml.so.1", "-o", tmp.toString(), c.toString(), "-lpthread")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(cc + " could not build the fake NVML from " + c + ":\n" + output);
        }
        Files.move(tmp, so, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return so;
    }
}
