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
import java.util.TreeSet;

/**
 * The history's tables, in plain SQL that SQLite and PostgreSQL both accept. {@code sb_meta} records the schema
 * version and the application; a database of a newer version, or someone else's tables under these names, is
 * refused rather than changed.
 */
final class Schema {
    /** The schema version this scalebench reads and writes. */
    static final int VERSION = 1;
    static final String APPLICATION = "scalebench";
    static final String META = "sb_meta";

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
     * @param where the database as messages name it
     * @throws ScalebenchException bad input for a newer or foreign schema
     */
    static void ensure(Connection c, String where) throws SQLException {
        TreeSet<String> ours = ourTables(c);
        boolean fresh = !ours.contains(META);
        if (fresh && !ours.isEmpty()) {
            throw ScalebenchException.badInput(where + ": has table(s) " + String.join(", ", ours) + " but no "
                    + META + ": not a scalebench history database (or a damaged one); use another --history-url");
        }
        if (!fresh) {
            check(readMeta(c), where);
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl);
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
