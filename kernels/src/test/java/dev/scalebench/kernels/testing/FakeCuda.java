package dev.scalebench.kernels.testing;

import dev.scalebench.kernels.Dim3;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A fake CUDA driver ({@code libcuda.so.1}, one fake H100; source {@code src/test/c/fake_cuda.c}) and a way to run
 * code against it: the driver is chosen when a process starts, so each run is a child JVM whose
 * {@code LD_LIBRARY_PATH} leads to the fake. docs/kernels.md ("Testing without a GPU") says what the fake checks.
 *
 * <pre>{@code
 * FakeCuda.require();                                   // skips the test when gcc is missing
 * FakeCuda.Result r = FakeCuda.run(MyMain.class, Map.of("FAKE_CUDA_MEMORY_BYTES", "24e9"), "arg");
 * assertThat(r.requireSuccess().launches()).extracting(FakeCuda.Launch::kernel).contains("gemm_nt_bf16");
 * }</pre>
 *
 * <p>The library is built once per build folder ({@code target/fake-cuda}, or the {@code scalebench.fake-cuda.dir}
 * system property) with {@code gcc} ({@code $CC} when set).
 */
public final class FakeCuda {

    /** Where the driver's C source lies on the class path (it ships in the kernels test-jar). */
    public static final String SOURCE = "/fake-cuda/fake_cuda.c";

    private static final long TIMEOUT_SECONDS = 300;
    private static final FakeLibrary LIBRARY = new FakeLibrary("the fake CUDA driver", "libcuda.so.1", "fake_cuda.c",
            FakeCuda::source, Path.of(System.getProperty("scalebench.fake-cuda.dir",
                    Path.of("target", "fake-cuda").toString())));

    private FakeCuda() {
    }

    /**
     * The folder holding the fake {@code libcuda.so.1}, built on first use; empty when there is no C compiler
     * ({@link #reason()} says so).
     *
     * @throws IllegalStateException when the compiler is there but the build fails
     */
    public static Optional<Path> library() {
        return LIBRARY.library().map(Path::getParent);
    }

    /** Why {@link #library()} is empty ({@code ""} when it is not). */
    public static String reason() {
        return LIBRARY.reason();
    }

    /** The folder holding the fake driver; skips the calling test (JUnit assumption) when it cannot be built. */
    public static Path require() {
        Assumptions.assumeTrue(library().isPresent(), FakeCuda::reason);
        return library().orElseThrow();
    }

    /**
     * Runs {@code main} in a child JVM (this JVM's {@code java}, class path) against the fake driver. The child gets
     * {@code LD_LIBRARY_PATH} with the fake's folder first, {@code FAKE_CUDA_LOG} (a fresh file, unless {@code env}
     * names one), then {@code env}.
     */
    public static Result run(Class<?> main, Map<String, String> env, String... args) {
        return run(List.of(), main, env, args);
    }

    /** {@link #run(Class, Map, String...)} with JVM options for the child ({@code -Dkey=value}, {@code -Xmx}). */
    public static Result run(List<String> jvmOptions, Class<?> main, Map<String, String> env, String... args) {
        Path dir = require();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(Arrays.asList(args));
        Path out = null;
        Path err = null;
        Path log = null;
        try {
            Path runs = Files.createDirectories(dir.resolve("runs"));
            out = Files.createTempFile(runs, "stdout", ".txt");
            err = Files.createTempFile(runs, "stderr", ".txt");
            boolean ownLog = !env.containsKey("FAKE_CUDA_LOG");
            log = ownLog ? Files.createTempFile(runs, "launches", ".log") : Path.of(env.get("FAKE_CUDA_LOG"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            String ld = System.getenv("LD_LIBRARY_PATH");
            pb.environment().put("LD_LIBRARY_PATH", dir + (ld == null || ld.isBlank() ? "" : ":" + ld));
            pb.environment().put("FAKE_CUDA_LOG", log.toString());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(main.getName() + " did not finish in " + TIMEOUT_SECONDS + " s; stderr:\n"
                        + Files.readString(err));
            }
            List<Launch> launches = new ArrayList<>();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (!line.isBlank()) {
                        launches.add(Launch.parse(line));
                    }
                }
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err), List.copyOf(launches));
            if (ownLog) {
                Files.deleteIfExists(log);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + main.getName(), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * What a child JVM did.
     *
     * @param exitCode its exit status
     * @param stdout its standard output
     * @param stderr its standard error (the fake driver explains every call it rejects here)
     * @param launches the kernel launches the fake driver accepted, in order
     */
    public record Result(int exitCode, String stdout, String stderr, List<Launch> launches) {

        /** Throws an {@link AssertionError} showing both streams unless the child exited with 0. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("child JVM exited with " + exitCode + "\n--- stdout\n" + stdout
                        + "--- stderr\n" + stderr);
            }
            return this;
        }

        /** The {@code key=value} lines of stdout (the last value of a repeated key). */
        public Map<String, String> values() {
            Map<String, String> v = new LinkedHashMap<>();
            stdout.lines().filter(l -> l.indexOf('=') > 0)
                    .forEach(l -> v.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            return v;
        }

        /** The value of {@code key=} in stdout; an {@link AssertionError} showing both streams when it is missing. */
        public String value(String key) {
            String v = values().get(key);
            if (v == null) {
                throw new AssertionError("no '" + key + "=' in the child's output (exit " + exitCode + ")\n--- stdout\n"
                        + stdout + "--- stderr\n" + stderr);
            }
            return v;
        }
    }

    /**
     * One launch the fake driver accepted.
     *
     * @param kernel the kernel's name
     * @param grid grid size
     * @param block block size
     * @param dynamicSharedBytes dynamic shared memory
     * @param args each argument as the fake logged it: {@code ptr:<allocation id>+<byte offset>} for a pointer into
     *     a live allocation (ids count from 1 in allocation order), the value for a number ({@code 0} for a null
     *     pointer)
     */
    public record Launch(String kernel, Dim3 grid, Dim3 block, int dynamicSharedBytes, List<String> args) {

        /** Parses a line of the fake's launch log. */
        public static Launch parse(String line) {
            String[] f = line.strip().split(" ");
            if (f.length != 5 || !f[1].startsWith("grid=") || !f[2].startsWith("block=") || !f[3].startsWith("smem=")
                    || !f[4].startsWith("args=")) {
                throw new IllegalArgumentException("not a fake-CUDA launch line: " + line);
            }
            String a = f[4].substring(5);
            return new Launch(f[0], dim(f[1].substring(5)), dim(f[2].substring(6)), Integer.parseInt(f[3].substring(5)),
                    a.isEmpty() ? List.of() : List.of(a.split(",")));
        }

        private static Dim3 dim(String s) {
            String[] v = s.split(",");
            return Dim3.of(Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]));
        }
    }

    private static byte[] source() throws IOException {
        try (InputStream in = FakeCuda.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is not on the class path (it comes with the kernels"
                        + " module's test-jar)");
            }
            return in.readAllBytes();
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temporary file in target/ does no harm
            }
        }
    }
}
