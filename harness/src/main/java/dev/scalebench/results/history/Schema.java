package dev.scalebench.results.history;

import dev.scalebench.ScalebenchException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.TreeSet;

/**
 * The history's tables, in plain SQL that SQLite and PostgreSQL both accept (both are tested:
 * {@code HistoryContract}). {@code sb_meta} records the schema version and the application; a database of a newer
 * version, or someone else's tables under these names, is refused rather than changed.
 */
final class Schema {
    /** The schema version this scalebench reads and writes. */
    static final int VERSION = 1;
    static final String APPLICATION = "scalebench";
    static final String META = "sb_meta";
    /** The PostgreSQL advisory lock {@link #ensure} holds while it checks and creates the tables ("sbhist"). */
    static final long LOCK_KEY = 0x736268697374L;
    /** How many times {@link #ensure} tries when it loses a race with another connection creating the schema. */
    static final int ATTEMPTS = 5;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CONSTRAINT = 19;

    private static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS sb_meta (name TEXT NOT NULL PRIMARY KEY, val TEXT NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS sb_runs (
              run_id TEXT NOT NULL PRIMARY KEY,
              sweep TEXT NOT NULL,
              status TEXT NOT NULL,
              started TEXT NOT NULL,
              started_ms BIGINT NOT NULL,
              ended TEXT,
              spec_hash TEXT NOT NULL,
              device TEXT NOT NULL,
              git_commit TEXT NOT NULL,
              tool_version TEXT NOT NULL,
              dir TEXT,
              points INTEGER NOT NULL,
              trials INTEGER NOT NULL,
              failed_trials INTEGER NOT NULL,
              indexed_at TEXT NOT NULL,
              indexed_by TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS sb_runs_sweep ON sb_runs (sweep, started_ms)",
            """
            CREATE TABLE IF NOT EXISTS sb_fingerprint (
              run_id TEXT NOT NULL,
              fact TEXT NOT NULL,
              val TEXT,
              PRIMARY KEY (run_id, fact))""",
            """
            CREATE TABLE IF NOT EXISTS sb_points (
              run_id TEXT NOT NULL,
              ord INTEGER NOT NULL,
              point_id TEXT NOT NULL,
              backend TEXT,
              device TEXT,
              model TEXT,
              params BIGINT NOT NULL,
              dtype TEXT,
              phase TEXT,
              batch INTEGER NOT NULL,
              seq INTEGER NOT NULL,
              PRIMARY KEY (run_id, ord))""",
            """
            CREATE TABLE IF NOT EXISTS sb_workloads (
              run_id TEXT NOT NULL,
              ord INTEGER NOT NULL,
              tokens_per_step BIGINT NOT NULL,
              parameters BIGINT NOT NULL,
              flops_per_step DOUBLE PRECISION NOT NULL,
              bytes_per_step DOUBLE PRECISION NOT NULL,
              weight_bytes BIGINT NOT NULL,
              kv_cache_bytes BIGINT NOT NULL,
              activation_bytes BIGINT NOT NULL,
              layers INTEGER NOT NULL,
              PRIMARY KEY (run_id, ord))""",
            """
            CREATE TABLE IF NOT EXISTS sb_trials (
              run_id TEXT NOT NULL,
              ord INTEGER NOT NULL,
              point_id TEXT NOT NULL,
              replicate INTEGER NOT NULL,
              p50_ns DOUBLE PRECISION,
              p90_ns DOUBLE PRECISION,
              p99_ns DOUBLE PRECISION,
              p999_ns DOUBLE PRECISION,
              mean_ns DOUBLE PRECISION,
              max_ns DOUBLE PRECISION,
              tokens_per_step BIGINT NOT NULL,
              iterations BIGINT NOT NULL,
              flags TEXT NOT NULL,
              PRIMARY KEY (run_id, ord))""",
            """
            CREATE TABLE IF NOT EXISTS sb_point_outputs (
              run_id TEXT NOT NULL,
              ord INTEGER NOT NULL,
              output INTEGER NOT NULL,
              PRIMARY KEY (run_id, ord))""",
            """
            CREATE TABLE IF NOT EXISTS sb_generation (
              run_id TEXT NOT NULL,
              ord INTEGER NOT NULL,
              output_tokens INTEGER NOT NULL,
              ttft_p50_ns DOUBLE PRECISION,
              ttft_p99_ns DOUBLE PRECISION,
              tpot_p50_ns DOUBLE PRECISION,
              tpot_p99_ns DOUBLE PRECISION,
              itl_p50_ns DOUBLE PRECISION,
              itl_p99_ns DOUBLE PRECISION,
              PRIMARY KEY (run_id, ord))""",
            """
            CREATE TABLE IF NOT EXISTS sb_failed (
              run_id TEXT NOT NULL,
              point_id TEXT NOT NULL,
              failed INTEGER NOT NULL,
              PRIMARY KEY (run_id, point_id))""");

    /** The tables holding one run's rows, children first. */
    static final List<String> RUN_TABLES = List.of("sb_fingerprint", "sb_points", "sb_workloads", "sb_point_outputs",
            "sb_trials", "sb_generation", "sb_failed", "sb_runs");

    private Schema() {
    }

    /**
     * Creates the tables where missing and records the version; refuses a newer or foreign database.
     *
     * <p>Safe when several processes open one fresh database at once (the shards of a sweep finishing together):
     * the check and the creation run in one transaction that first takes the database's write lock, so the schema
     * is created once and the others find it. On PostgreSQL that lock is a transaction-scoped advisory lock
     * ({@code pg_advisory_xact_lock(}{@value #LOCK_KEY}{@code )}), without which two concurrent
     * {@code CREATE TABLE IF NOT EXISTS} fail with a unique violation on {@code pg_type}; on SQLite it is the
     * {@code IMMEDIATE} transaction {@link History#open} asks for. On any database, a transaction that still loses
     * such a race (a unique violation, a deadlock or serialization failure, SQLite's busy or locked) is rolled
     * back and tried again, up to {@value #ATTEMPTS} times. A database that already holds every table of this
     * version takes no write lock at all.
     *
     * @param where the database as messages name it
     * @throws ScalebenchException bad input for a newer or foreign schema
     */
    static void ensure(Connection c, String where) throws SQLException {
        TreeSet<String> ours = ourTables(c);
        if (ours.contains(META)) {
            check(readMeta(c), where);
            if (ours.containsAll(RUN_TABLES)) {
                return;
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                ensureLocked(c, where);
                return;
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !lostARace(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** {@link #ensure}'s check and creation, in one transaction holding the write lock. */
    private static void ensureLocked(Connection c, String where) throws SQLException {
        c.setAutoCommit(false);
        try {
            if ("PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                }
            }
            TreeSet<String> ours = ourTables(c);
            boolean fresh = !ours.contains(META);
            if (fresh && !ours.isEmpty()) {
                throw ScalebenchException.badInput(where + ": has table(s) " + String.join(", ", ours) + " but no "
                        + META + ": not a scalebench history database (or a damaged one); use another --history-url");
            }
            if (!fresh) {
                check(readMeta(c), where);
            }
            try (Statement s = c.createStatement()) {
                for (String ddl : DDL) {
                    s.execute(ddl);
                }
            }
            if (fresh) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_meta (name, val) VALUES (?, ?)")) {
                    for (Map.Entry<String, String> e : Map.of("application", APPLICATION, "schema",
                            Integer.toString(VERSION)).entrySet()) {
                        p.setString(1, e.getKey());
                        p.setString(2, e.getValue());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            History.rollbackQuietly(c);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Whether {@code e} says another connection got there first: SQL state class 23 (integrity, e.g. the row or
     * the {@code pg_type} entry the other created), 40 (serialization failure, deadlock), {@code 42P07} (duplicate
     * table), or SQLite's {@code BUSY}, {@code LOCKED} or {@code CONSTRAINT} (its primary result codes 5, 6, 19).
     */
    static boolean lostARace(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("23") || state.startsWith("40") || state.equals("42P07"))) {
                    return true;
                }
                int primary = s.getErrorCode() & 0xff;
                if (s.getClass().getName().startsWith("org.sqlite.")
                        && (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CONSTRAINT)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void check(Map<String, String> meta, String where) {
        String app = meta.get("application");
        String schema = meta.get("schema");
        if (!APPLICATION.equals(app) || schema == null) {
            throw ScalebenchException.badInput(where + ": not a scalebench history database (" + META
                    + " names application " + (app == null ? "none" : "'" + app + "'") + ")");
        }
        int v;
        try {
            v = Integer.parseInt(schema.trim());
        } catch (NumberFormatException e) {
            throw ScalebenchException.badInput(where + ": history schema '" + schema + "' is not a version number");
        }
        if (v > VERSION) {
            throw ScalebenchException.badInput(where + ": history schema " + v + " is newer than this scalebench"
                    + " reads (schema " + VERSION + "); use a newer scalebench, or another --history-url");
        }
        if (v < VERSION) {
            throw ScalebenchException.badInput(where + ": history schema " + v + " is not supported; this"
                    + " scalebench reads schema " + VERSION);
        }
    }

    private static Map<String, String> readMeta(Connection c) throws SQLException {
        Map<String, String> meta = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, val FROM sb_meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    /** The names (lower case) of this schema's tables that exist in the connection's current schema. */
    private static TreeSet<String> ourTables(Connection c) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        DatabaseMetaData md = c.getMetaData();
        String schema = null;
        try {
            schema = c.getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException ignored) {
            // drivers without schemas: search all
        }
        try (ResultSet rs = md.getTables(null, schema, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (name.equals(META) || RUN_TABLES.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
