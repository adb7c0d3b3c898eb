/**
 * Metrics export (results/README.md, "metrics.prom"): a Micrometer registry fed by the sweep ({@link
 * dev.scalebench.metrics.SweepMetrics}), rendered as Prometheus text into each run's {@code metrics.prom}
 * ({@link dev.scalebench.metrics.MetricsFile}), pushed to a Pushgateway at the end of a run ({@link
 * dev.scalebench.metrics.PushGateway}) and served for scraping while a sweep runs ({@link
 * dev.scalebench.metrics.MetricsServer}). Names are dot.separated in code; Micrometer's Prometheus naming
 * convention renders them ({@code scalebench.iteration.latency} becomes {@code scalebench_iteration_latency_seconds}).
 */
package dev.scalebench.metrics;
