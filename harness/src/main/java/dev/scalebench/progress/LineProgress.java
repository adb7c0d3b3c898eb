package dev.scalebench.progress;

import dev.scalebench.measure.Clock;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Plain progress lines, at most one per interval plus the last, for logs that are not a terminal. */
final class LineProgress implements Progress {
    private final PrintStream out;
    private final long intervalNanos;
    private final Clock clock;
    private long lastPrint;
    private int failed;

    LineProgress(PrintStream out, int done, int total, Duration eta, Duration interval, Clock clock) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.lastPrint = clock.nanoTime();
        out.printf(Locale.ROOT, "[sweep] %d/%d trials done, estimated %s to go%n", done, total, Eta.format(eta));
        out.flush();
    }

    @Override
    public void trialFinished(String trialId, boolean ok, int done, int total, Duration eta) {
        if (!ok) {
            failed++;
        }
        long now = clock.nanoTime();
        if (now - lastPrint >= intervalNanos || done == total) {
            lastPrint = now;
            out.printf(Locale.ROOT, "[sweep] %d/%d trials (%d%%), %d failed, ETA %s, last %s%n", done, total,
                    total == 0 ? 100 : 100 * done / total, failed, Eta.format(eta), trialId);
            out.flush();
        }
    }

    @Override
    public void close() {
        out.flush();
    }
}
