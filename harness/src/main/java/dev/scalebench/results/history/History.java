package dev.scalebench.results.history;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Secrets;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunMetrics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The run history: a database, SQLite ({@code jdbc:sqlite:results/history.db}) by default, PostgreSQL
 * ({@code jdbc:postgresql://host[:port]/database?user=...}, its driver bundled) for a fleet, or any JDBC URL whose
 * driver is on the class path, that stores every indexed run's {@link RunMetrics} and lists runs by sweep and
 * fingerprint. Portable SQL only (tables in {@code results/README.md}); SQLite and PostgreSQL pass the same tests,
 * concurrent writers from several processes included.
 *
 * <p>One connection, not thread-safe; close it (try-with-resources). Indexing a run again replaces its rows in
 * one transaction, so readers see the old run or the new one, never a mix.
 */
public final class History implements AutoCloseable {
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private final Connection connection;
    private final String url;
    private final String where;

    private History(Connection connection, String url, String where) {
        this.connection = connection;
        this.url = url;
        this.where = where;
    }

    /**
     * Opens the history at {@code jdbcUrl}, creating its tables (and, for SQLite, the file's folder) where missing.
     *
     * @throws ScalebenchException bad input when the URL is not a JDBC URL, no driver on the class path takes
     *     it, or the database holds a newer or foreign schema; runtime failure, naming the URL and the cause,
     *     when it cannot be opened; every message has the URL's secrets masked ({@link Secrets})
     */
    public static History open(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String where = "history database " + Secrets.mask(jdbcUrl);
        if (!jdbcUrl.startsWith("jdbc:") || jdbcUrl.indexOf(':', 5) < 0) {
            throw ScalebenchException.badInput(where + ": not a JDBC URL (expected jdbc:<driver>:..., e.g. "
                    + "jdbc:sqlite:results/history.db or jdbc:postgresql://host/db)");
        }
        try {
            DriverManager.getDriver(jdbcUrl);
        } catch (SQLException e) {
            throw ScalebenchException.badInput(where + ": " + HistoryUrls.missingDriver(jdbcUrl));
        }
        Properties props = new Properties();
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            HistoryUrls.createSqliteFolder(jdbcUrl, where);
            props.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
            // a transaction takes the write lock when it begins, so concurrent writers queue instead of deadlocking
            props.setProperty("transaction_mode", "IMMEDIATE");
        }
        Connection c;
        try {
            c = DriverManager.getConnection(jdbcUrl, props);
        } catch (SQLException e) {
            throw ScalebenchException.runtime("cannot open the " + where + ": "
                    + Secrets.mask(e.getMessage(), jdbcUrl), e);
        }
        try {
            Schema.ensure(c, where);
            return new History(c, jdbcUrl, where);
        } catch (SQLException e) {
            closeQuietly(c);
            throw ScalebenchException.runtime("cannot set up the " + where + ": "
                    + Secrets.mask(e.getMessage(), jdbcUrl), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Indexes {@code run}: replaces whatever the history held for its run id, in one transaction.
     *
     * @param dir the run folder, recorded as a pointer to the raw data; may be null
     */
    public void index(RunMetrics run, Path dir) {
        RunRows.validate(run);
        try {
            connection.setAutoCommit(false);
            try {
                for (String table : Schema.RUN_TABLES) {
                    try (PreparedStatement p = connection.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                        p.setString(1, run.runId());
                        p.executeUpdate();
                    }
                }
                RunRows.insert(connection, run, dir);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("cannot index run " + run.runId() + " into", e);
        }
    }

    /** The runs {@code q} selects, newest first (by start time). */
    public List<HistoryEntry> list(HistoryQuery q) {
        return select(q.sweep(), q.fingerprint(), q.goodOnly(), null, q.limit());
    }

    /**
     * The newest good run ({@code COMPLETE}, no failed trial) of {@code sweep} whose fingerprint has exactly the
     * values of {@code fingerprintMatch} for its keys (a key the run lacks reads {@code unknown}): the baseline
     * of {@code gate --baseline latest}.
     *
     * @param sweep the sweep's name; null for any sweep
     * @param excludeRunId a run never to pick (the candidate itself); may be null
     */
    public Optional<HistoryEntry> latest(String sweep, Map<String, String> fingerprintMatch, String excludeRunId) {
        return select(sweep, fingerprintMatch, true, excludeRunId, 1).stream().findFirst();
    }

    /** The entry of run {@code runId}, or empty when it is not indexed. */
    public Optional<HistoryEntry> entry(String runId) {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT " + RunRows.ENTRY_COLUMNS + " FROM sb_runs r WHERE r.run_id = ?")) {
            p.setString(1, runId);
            HistoryEntry e;
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                e = RunRows.entry(rs, where);
            }
            return Optional.of(RunRows.withFingerprint(connection, e));
        } catch (SQLException e) {
            throw failure("cannot read run " + runId + " from", e);
        }
    }

    /** Run {@code runId} exactly as it was indexed, or empty when it is not. */
    public Optional<RunMetrics> load(String runId) {
        try {
            return RunRows.load(connection, runId, where);
        } catch (SQLException e) {
            throw failure("cannot read run " + runId + " from", e);
        }
    }

    /** Every indexed run (of {@code sweepOrNull}, or of every sweep when null), oldest first. */
    public List<RunMetrics> runs(String sweepOrNull) {
        List<String> ids = new ArrayList<>();
        String sql = "SELECT run_id FROM sb_runs" + (sweepOrNull == null ? "" : " WHERE sweep = ?")
                + " ORDER BY started_ms, run_id";
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            if (sweepOrNull != null) {
                p.setString(1, sweepOrNull);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            List<RunMetrics> runs = new ArrayList<>();
            for (String id : ids) {
                RunRows.load(connection, id, where).ifPresent(runs::add);
            }
            return runs;
        } catch (SQLException e) {
            throw failure("cannot read runs from", e);
        }
    }

    /** The schema version recorded in the database (the one this scalebench reads, once {@link #open} succeeded). */
    public int schemaVersion() {
        try (PreparedStatement p = connection.prepareStatement("SELECT val FROM " + Schema.META + " WHERE name = ?")) {
            p.setString(1, "schema");
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Integer.parseInt(rs.getString(1).trim()) : -1;
            }
        } catch (SQLException e) {
            throw failure("cannot read the schema version of", e);
        }
    }

    /** How many runs the history holds. */
    public int runCount() {
        try (PreparedStatement p = connection.prepareStatement("SELECT COUNT(*) FROM sb_runs");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw failure("cannot count the runs of", e);
        }
    }

    /** The database as messages name it (credentials in the URL masked). */
    public String describe() {
        return where;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private List<HistoryEntry> select(String sweep, Map<String, String> fingerprint, boolean goodOnly,
            String excludeRunId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + RunRows.ENTRY_COLUMNS + " FROM sb_runs r WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (sweep != null) {
            sql.append(" AND r.sweep = ?");
            args.add(sweep);
        }
        if (goodOnly) {
            sql.append(" AND r.status = ? AND r.failed_trials = 0");
            args.add(RunManifest.Status.COMPLETE.name());
        }
        if (excludeRunId != null) {
            sql.append(" AND r.run_id <> ?");
            args.add(excludeRunId);
        }
        Map<String, String> match = fingerprint == null ? Map.of() : new java.util.TreeMap<>(fingerprint);
        for (Map.Entry<String, String> e : match.entrySet()) {
            sql.append(" AND COALESCE((SELECT f.val FROM sb_fingerprint f WHERE f.run_id = r.run_id AND f.fact = ?),")
                    .append(" ?) = ?");
            args.add(e.getKey());
            args.add(Fingerprint.UNKNOWN);
            args.add(e.getValue() == null ? Fingerprint.UNKNOWN : e.getValue());
        }
        sql.append(" ORDER BY r.started_ms DESC, r.run_id DESC");
        try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setString(i + 1, args.get(i));
            }
            if (limit > 0) {
                p.setMaxRows(limit);
            }
            List<HistoryEntry> found = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next() && (limit <= 0 || found.size() < limit)) {
                    found.add(RunRows.entry(rs, where));
                }
            }
            List<HistoryEntry> entries = new ArrayList<>(found.size());
            for (HistoryEntry e : found) {
                entries.add(RunRows.withFingerprint(connection, e));
            }
            return entries;
        } catch (SQLException e) {
            throw failure("cannot list runs from", e);
        }
    }

    private ScalebenchException failure(String what, SQLException e) {
        return ScalebenchException.runtime(what + " the " + where + ": " + Secrets.mask(e.getMessage(), url), e);
    }

    /** {@code url} with its secrets masked: {@link Secrets#mask(String)}. */
    public static String redact(String url) {
        return Secrets.mask(url);
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure matters more
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing left to do
        }
    }
}
