package dev.scalebench.kernels.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the scripts under {@code tools/gpu} for the tests: finds them, python3, and collects a process's output. */
final class Tools {
    private Tools() {
    }

    /** What a process did. */
    record Result(int exit, String out, String err) {
        String both() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The repository's {@code tools/gpu}, found upwards from the working folder. */
    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("tools/gpu/join.py"))) {
                return p.resolve("tools/gpu");
            }
        }
        throw new IllegalStateException("tools/gpu/join.py not found above " + Path.of("").toAbsolutePath());
    }

    /** The first of {@code candidates} ({@code python3} when none) that runs {@code -c code} with exit 0. */
    static Optional<String> python(String code, String... candidates) {
        for (String c : candidates.length == 0 ? new String[] {"python3"} : candidates) {
            try {
                // generous: importing torch on a busy machine takes a while, and a probe that times out fails the test
                if (run(List.of(c, "-c", code), Map.of(), 300).exit() == 0) {
                    return Optional.of(c);
                }
            } catch (IllegalStateException e) {
                // not installed: try the next
            }
        }
        return Optional.empty();
    }

    static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
