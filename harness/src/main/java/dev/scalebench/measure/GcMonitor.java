package dev.scalebench.measure;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Reads cumulative stop-the-world collection counts and times, so a trial can tell whether the JVM paused during
 * its measured loop. Concurrent collector cycles (beans whose name says "Concurrent") are not pauses and are
 * left out. Read before and after the loop, never inside it.
 */
@FunctionalInterface
public interface GcMonitor {

    /** Cumulative pauses so far. */
    Snapshot snapshot();

    /**
     * @param count collections so far
     * @param pauseNanos their summed duration
     */
    record Snapshot(long count, long pauseNanos) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(count - earlier.count, pauseNanos - earlier.pauseNanos);
        }
    }

    /** The JVM's garbage collectors (GarbageCollectorMXBean). */
    static GcMonitor jvm() {
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> !b.getName().contains("Concurrent"))
                .toList();
        return () -> {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean b : beans) {
                count += Math.max(0, b.getCollectionCount());
                millis += Math.max(0, b.getCollectionTime());
            }
            return new Snapshot(count, millis * 1_000_000L);
        };
    }
}
