package dev.scalebench.metrics;

import dev.scalebench.results.AtomicFiles;
import java.nio.file.Path;

/**
 * {@code metrics.prom}: a run's metrics in the Prometheus text format, for node_exporter's textfile collector
 * (copy or link it into the collector's folder). Written atomically (temporary file, then rename; the
 * temporary file does not end in {@code .prom}, so the collector never reads half a file).
 */
public final class MetricsFile {
    /** The file's name in a run folder. */
    public static final String NAME = "metrics.prom";

    private MetricsFile() {
    }

    /** Writes {@code exposition} to {@code runDir/metrics.prom} and returns the file. */
    public static Path write(Path runDir, String exposition) {
        Path target = runDir.resolve(NAME);
        AtomicFiles.write(target, exposition);
        return target;
    }
}
