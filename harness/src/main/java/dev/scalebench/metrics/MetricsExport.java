package dev.scalebench.metrics;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Secrets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a sweep's metrics go besides {@code metrics.prom} (which every run writes).
 *
 * @param pushGateway a Pushgateway's base URL to push to at the end of the run, or {@code null}
 * @param server a scrape endpoint to serve the live metrics on while the sweep runs, or {@code null}
 */
public record MetricsExport(String pushGateway, MetricsServer server) {
    /** Only {@code metrics.prom}. */
    public static final MetricsExport FILE_ONLY = new MetricsExport(null, null);

    /** Starts serving {@code metrics} on the scrape endpoint, if there is one. */
    public void live(SweepMetrics metrics) {
        if (server != null) {
            server.serve(metrics::scrape);
        }
    }

    /**
     * At the end of a run: marks the scrape endpoint's state final ({@link MetricsServer#linger}), writes {@code metrics.prom} into {@code runDir} and pushes the same exposition to the
     * Pushgateway if one is set. Neither failure fails the run; each is a warning on {@code err}. What it prints
     * names the Pushgateway with the URL's secrets masked ({@link Secrets}).
     */
    public void finish(Path runDir, SweepMetrics metrics, PrintStream err) {
        String exposition = metrics.scrape();
        if (server != null) {
            server.finalState();
        }
        try {
            MetricsFile.write(runDir, exposition);
        } catch (ScalebenchException e) {
            err.println("metrics: warning: " + e.getMessage());
        }
        if (pushGateway != null) {
            Optional<String> problem = PushGateway.push(pushGateway, PushGateway.localInstance(),
                    metrics.shard(), exposition);
            err.println(problem.map(p -> "metrics: warning: push to the Pushgateway failed: " + p
                    + " (the run is complete; its metrics are in " + runDir.resolve(MetricsFile.NAME) + ")")
                    .orElseGet(() -> "metrics: pushed to " + Secrets.mask(PushGateway.groupUri(pushGateway,
                    PushGateway.localInstance(), metrics.shard()).toString())));
        }
    }
}
