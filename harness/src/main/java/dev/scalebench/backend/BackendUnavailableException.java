package dev.scalebench.backend;

import dev.scalebench.ScalebenchException;

/** The backend or device asked for is not usable here; the message says why and what to do. */
public final class BackendUnavailableException extends ScalebenchException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message, Throwable cause) {
        super("unavailable: " + message, EXIT_RUNTIME, cause);
    }
}
