package dev.scalebench.measure.nvml;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.scalebench.kernels.testing.FakeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    private static final FakeLibrary LIBRARY = new FakeLibrary("the fake NVML", "libnvidia-ml.so.1", "fake_nvml.c",
            () -> Files.readAllBytes(SOURCE), Path.of("target", "fake-nvml"));

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
    public static Optional<Path> library() {
        return LIBRARY.library();
    }

    /** Why {@link #library()} is empty. */
    public static String reason() {
        return LIBRARY.reason();
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
}
