package dev.scalebench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures what it prints. */
public final class Cli {
    /** The project's profiles folder, seen from the harness module (the tests' working directory). */
    public static final Path PROFILES = Path.of("..", "profiles").toAbsolutePath().normalize();

    /**
     * @param code exit code
     * @param out standard output
     * @param err standard error
     */
    public record Result(int code, String out, String err) { }

    private Cli() {
    }

    /**
     * A sweep file of one point (sim backend, gpt-1m prefill at batch 1, seq 32, one replicate) whose trial takes
     * milliseconds: for tests of what goes around a sweep, not of its measurements.
     */
    public static String onePointSimSpec(String name) {
        return """
                name: %s
                backend: sim
                model: [gpt-1m]
                dtype: fp32
                phase: prefill
                batch: [1]
                seq: [32]
                replicates: 1
                measure:
                  warmup: {min-iterations: 3, min-time: 1ms, steady-cv: 0.5, max-time: 20ms}
                  iterations: {min: 10, min-time: 2ms, max-time: 20ms}
                  target-ci: 0.001
                  trial-timeout: 30s
                """.formatted(name);
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
