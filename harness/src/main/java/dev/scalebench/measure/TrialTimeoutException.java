package dev.scalebench.measure;

import java.time.Duration;

/** A trial ran past its policy's trial timeout (checked between iterations). */
public final class TrialTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrialTimeoutException(Duration limit, long iterationsDone, String phase) {
        super("trial exceeded its timeout of " + limit + " during " + phase + " after " + iterationsDone + " iterations");
    }
}
