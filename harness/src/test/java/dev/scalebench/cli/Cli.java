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

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
