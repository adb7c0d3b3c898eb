package dev.scalebench.backend.djl;

import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.FailureKind;
import java.util.Locale;

/** Maps engine failures to {@link BackendException} kinds. */
final class Failures {

    private Failures() {}

    /** {@code OUT_OF_MEMORY} when the cause chain is an {@link OutOfMemoryError} or says "out of memory". */
    static BackendException map(String context, Throwable t) {
        if (t instanceof BackendException be) {
            return be;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String msg = c.getMessage();
            if (c instanceof OutOfMemoryError
                    || (msg != null && msg.toLowerCase(Locale.ROOT).contains("out of memory"))) {
                return new BackendException(FailureKind.OUT_OF_MEMORY,
                        context + ": out of memory: " + firstLine(msg), t);
            }
        }
        return new BackendException(FailureKind.ENGINE_ERROR,
                context + ": " + t.getClass().getSimpleName() + ": " + firstLine(t.getMessage()), t);
    }

    private static String firstLine(String msg) {
        if (msg == null) {
            return "";
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
