/**
 * The run history (results/README.md, "History database"; trends: docs/analysis.md, "Trends"): a relational database,
 * SQLite in {@code results/history.db} by default or any JDBC URL (a shared PostgreSQL for a fleet), that indexes every
 * finished run by sweep and fingerprint and stores exactly its {@link dev.scalebench.results.RunMetrics}.
 * {@link dev.scalebench.results.history.History} opens it, creating or checking the schema, indexes runs and reads them
 * back; {@code gate --baseline latest} and {@code trend} read it. The tables are documented in
 * {@code results/README.md}.
 */
package dev.scalebench.results.history;
