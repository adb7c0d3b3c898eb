package dev.scalebench.progress;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Sweep progress for a person watching: a progress bar with ETA on a terminal, plain periodic lines otherwise
 * (CI logs, files). Progress goes to standard error so standard output stays clean for results.
 */
public interface Progress extends AutoCloseable {

    /** A trial finished (ok or failed). */
    void trialFinished(String trialId, boolean ok, int done, int total, Duration eta);

    @Override
    void close();

    /**
     * The reporter for this process: a bar when a console is attached, else lines at most every
     * {@code lineInterval}.
     */
    static Progress create(PrintStream err, boolean terminal, int done, int total, Duration eta, Duration lineInterval) {
        return terminal ? new BarProgress(err, done, total, eta) : new LineProgress(err, done, total, eta, lineInterval,
                System::nanoTime);
    }

    /** Whether standard error is a terminal worth drawing a bar on. */
    static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }
}
