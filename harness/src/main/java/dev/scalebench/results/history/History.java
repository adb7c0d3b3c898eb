package dev.scalebench.results.history;

import dev.scalebench.results.RunMetrics;
import java.util.List;

/**
 * STAND-IN so that {@code trend} compiles before the history database is merged: the real class (branch
 * {@code history}) replaces this file. It opens nothing and holds no run.
 */
public final class History implements AutoCloseable {

    private History() {
    }

    /** Opens the history database at {@code jdbcUrl} (stand-in: nothing is opened). */
    public static History open(String jdbcUrl) {
        return new History();
    }

    /** Every indexed run (of {@code sweepOrNull}), oldest first (stand-in: none). */
    public List<RunMetrics> runs(String sweepOrNull) {
        return List.of();
    }

    @Override
    public void close() {
    }

    /** {@code url} with passwords masked (as the real class does). */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]*:)[^/@]*@", "$1***@");
    }
}
