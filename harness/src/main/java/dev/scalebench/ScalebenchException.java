package dev.scalebench;

/**
 * Root of scalebench's exceptions. Each carries the process exit code the CLI maps it to
 * (docs/architecture.md, "Errors and exit codes": 0 pass, 1 regression, 2 bad usage or input, 3 inconclusive, 4 runtime
 * failure).
 */
public class ScalebenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code: bad usage or input. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code: runtime failure. */
    public static final int EXIT_RUNTIME = 4;

    private final int exitCode;

    public ScalebenchException(String message, int exitCode) {
        this(message, exitCode, null);
    }

    public ScalebenchException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Bad usage or input (exit 2): a spec that does not validate, a damaged or foreign file. */
    public static ScalebenchException badInput(String message) {
        return new ScalebenchException(message, EXIT_BAD_INPUT);
    }

    /** Runtime failure (exit 4). */
    public static ScalebenchException runtime(String message, Throwable cause) {
        return new ScalebenchException(message, EXIT_RUNTIME, cause);
    }
}
