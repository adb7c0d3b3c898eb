package dev.scalebench.backend;

/** A point that cannot be prepared or run; {@link #kind()} classifies the reason for result files. */
public class BackendException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    public BackendException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The failure class the journal records for the trial. */
    public FailureKind kind() {
        return kind;
    }
}
