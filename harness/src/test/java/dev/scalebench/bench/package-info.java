/**
 * Benchmarks of the harness itself: JMH benchmarks of the measured loop's overhead, the histogram snapshot and
 * the analysis, and {@link dev.scalebench.bench.Suite}, which runs them and compares the harness's measurement of
 * a tiny DJL op with JMH's. Run with {@code ./mvnw -q -Pjmh -pl harness -am verify -DskipTests}.
 */
package dev.scalebench.bench;
