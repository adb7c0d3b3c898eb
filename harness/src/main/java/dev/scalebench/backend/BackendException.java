package dev.scalebench.backend;

/** A point that cannot be prepared or run; {@link #kind()} classifies the reason for result files. */
public class BackendException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Failure classes recorded in the journal. */
    public enum Kind { OUT_OF_MEMORY, ENGINE_ERROR, UNSUPPORTED, TIMEOUT }

    private final Kind kind;

    public BackendException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
