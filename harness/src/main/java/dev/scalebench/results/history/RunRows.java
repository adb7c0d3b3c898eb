package dev.scalebench.results.history;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Version;
import dev.scalebench.measure.Flag;
import dev.scalebench.plan.MemoryModel;
import dev.scalebench.plan.Workload;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes a run's rows and reads them back, exactly: doubles as DOUBLE PRECISION (NaN as NULL), times as ISO-8601. */
final class RunRows {
    static final String ENTRY_COLUMNS = "r.run_id, r.sweep, r.status, r.started, r.ended, r.spec_hash, r.device,"
            + " r.git_commit, r.dir, r.points, r.trials, r.failed_trials";

    private RunRows() {
    }

    /** Inserts {@code run}'s rows (the caller deleted the old ones, in the same transaction). */
    static void insert(Connection c, RunMetrics run, Path dir) throws SQLException {
        int failed = run.failedTrials().values().stream().mapToInt(Integer::intValue).sum();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_runs (run_id, sweep, status, started,"
                + " started_ms, ended, spec_hash, device, git_commit, tool_version, dir, points, trials,"
                + " failed_trials, indexed_at, indexed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, run.runId());
            p.setString(2, run.sweep());
            p.setString(3, run.status().name());
            p.setString(4, run.started().toString());
            p.setLong(5, run.started().toEpochMilli());
            text(p, 6, run.ended() == null ? null : run.ended().toString());
            p.setString(7, run.specHash() == null ? "" : run.specHash());
            p.setString(8, device(run.fingerprint()));
            p.setString(9, fact(run.fingerprint(), "git.commit"));
            p.setString(10, fact(run.fingerprint(), "scalebench.version"));
            text(p, 11, dir == null ? null : dir.toAbsolutePath().normalize().toString());
            p.setInt(12, run.points().size());
            p.setInt(13, run.trials().size());
            p.setInt(14, failed);
            p.setString(15, Instant.now().toString());
            p.setString(16, Version.get());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_fingerprint (run_id, fact, val) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : run.fingerprint().entrySet()) {
                p.setString(1, run.runId());
                p.setString(2, e.getKey());
                text(p, 3, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_points (run_id, ord, point_id, backend, device,"
                + " model, params, dtype, phase, batch, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (PointEntry e : run.points()) {
                p.setString(1, run.runId());
                p.setInt(2, ord++);
                p.setString(3, e.id());
                text(p, 4, e.backend());
                text(p, 5, e.device());
                text(p, 6, e.model());
                p.setLong(7, e.params());
                text(p, 8, e.dtype());
                text(p, 9, e.phase());
                p.setInt(10, e.batch());
                p.setInt(11, e.seq());
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_workloads (run_id, ord, tokens_per_step,"
                + " parameters, flops_per_step, bytes_per_step, weight_bytes, kv_cache_bytes, activation_bytes, layers)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (PointEntry e : run.points()) {
                Workload w = e.workload();
                if (w != null) {
                    p.setString(1, run.runId());
                    p.setInt(2, ord);
                    p.setLong(3, w.tokensPerStep());
                    p.setLong(4, w.parameters());
                    p.setDouble(5, w.flopsPerStep());
                    p.setDouble(6, w.bytesPerStep());
                    p.setLong(7, w.memory().weights());
                    p.setLong(8, w.memory().kvCache());
                    p.setLong(9, w.memory().activations());
                    p.setInt(10, w.layers());
                    p.addBatch();
                }
                ord++;
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_trials (run_id, ord, point_id, replicate,"
                + " p50_ns, p90_ns, p99_ns, p999_ns, mean_ns, max_ns, tokens_per_step, iterations, flags)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (TrialValues t : run.trials()) {
                p.setString(1, run.runId());
                p.setInt(2, ord++);
                p.setString(3, t.pointId());
                p.setInt(4, t.replicate());
                real(p, 5, t.p50Ns());
                real(p, 6, t.p90Ns());
                real(p, 7, t.p99Ns());
                real(p, 8, t.p999Ns());
                real(p, 9, t.meanNs());
                real(p, 10, t.maxNs());
                p.setLong(11, t.tokensPerStep());
                p.setLong(12, t.iterations());
                p.setString(13, t.flags().stream().map(Flag::id).collect(Collectors.joining(",")));
                p.addBatch();
            }
            p.executeBatch();
        }
        GenerationRows.insert(c, run);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_failed (run_id, point_id, failed) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Integer> e : new TreeMap<>(run.failedTrials()).entrySet()) {
                p.setString(1, run.runId());
                p.setString(2, e.getKey());
                p.setInt(3, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Refuses what the tables cannot hold exactly: flags whose id is empty or contains a comma (none of today's
     * {@link Flag}s; this guards a new one).
     */
    static void validate(RunMetrics run) {
        for (TrialValues t : run.trials()) {
            for (String f : t.flags().stream().map(Flag::id).toList()) {
                if (f == null || f.isEmpty() || f.contains(",")) {
                    throw ScalebenchException.badInput("run " + run.runId() + ", trial " + t.pointId() + " #r"
                            + t.replicate() + ": flag '" + f + "' cannot be stored (empty, or contains a comma)");
                }
            }
        }
    }

    /**
     * The flags of a stored trial ({@code sb_trials.flags}, comma-joined ids); a flag this version does not know
     * (a row indexed by a newer scalebench) is refused, naming the run, the value and the known flags.
     */
    static List<Flag> flags(String joined, String runId) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        List<Flag> flags = new ArrayList<>();
        for (String id : joined.split(",")) {
            try {
                flags.add(Flag.parse(id));
            } catch (IllegalArgumentException e) {
                throw ScalebenchException.badInput("history, run " + runId + ", table sb_trials, column flags: "
                        + e.getMessage() + "; indexed by a newer scalebench?");
            }
        }
        return flags;
    }

    /** The run {@code runId} as indexed, or empty. */
    static Optional<RunMetrics> load(Connection c, String runId, String where) throws SQLException {
        String sweep;
        RunManifest.Status status;
        Instant started;
        Instant ended;
        String specHash;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT sweep, status, started, ended, spec_hash FROM sb_runs WHERE run_id = ?")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                sweep = rs.getString(1);
                status = status(rs.getString(2), runId, where);
                started = instant(rs.getString(3), runId, where);
                ended = instant(rs.getString(4), runId, where);
                specHash = rs.getString(5);
            }
        }
        List<PointEntry> points = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT point_id, backend, device, model, params, dtype, phase,"
                + " batch, seq FROM sb_points WHERE run_id = ? ORDER BY ord")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    points.add(new PointEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9)));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT ord, tokens_per_step, parameters, flops_per_step,"
                + " bytes_per_step, weight_bytes, kv_cache_bytes, activation_bytes, layers FROM sb_workloads"
                + " WHERE run_id = ?")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int ord = rs.getInt(1);
                    if (ord >= 0 && ord < points.size()) {
                        points.set(ord, points.get(ord).withWorkload(new Workload(rs.getLong(2), rs.getLong(3),
                                rs.getDouble(4), rs.getDouble(5), new MemoryModel.Estimate(rs.getLong(6), rs.getLong(7),
                                        rs.getLong(8)), rs.getInt(9))));
                    }
                }
            }
        }
        List<TrialValues> trials = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT point_id, replicate, p50_ns, p90_ns, p99_ns, p999_ns,"
                + " mean_ns, max_ns, tokens_per_step, iterations, flags FROM sb_trials WHERE run_id = ? ORDER BY ord")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String flags = rs.getString(11);
                    trials.add(new TrialValues(rs.getString(1), rs.getInt(2), real(rs, 3), real(rs, 4), real(rs, 5),
                            real(rs, 6), real(rs, 7), real(rs, 8), rs.getLong(9), rs.getLong(10),
                            flags(flags, runId)));
                }
            }
        }
        GenerationRows.load(c, runId, points, trials);
        Map<String, Integer> failed = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT point_id, failed FROM sb_failed WHERE run_id = ?")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    failed.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return Optional.of(new RunMetrics(runId, sweep, status, started, ended, fingerprint(c, runId), specHash,
                points, trials, failed));
    }

    /** The entry in the current row of a query selecting {@link #ENTRY_COLUMNS}, without its fingerprint. */
    static HistoryEntry entry(ResultSet rs, String where) throws SQLException {
        String runId = rs.getString(1);
        return new HistoryEntry(runId, rs.getString(2), status(rs.getString(3), runId, where),
                instant(rs.getString(4), runId, where), instant(rs.getString(5), runId, where), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getInt(11), rs.getInt(12),
                Map.of());
    }

    /** {@code e} with the run's fingerprint. */
    static HistoryEntry withFingerprint(Connection c, HistoryEntry e) throws SQLException {
        return new HistoryEntry(e.runId(), e.sweep(), e.status(), e.started(), e.ended(), e.specHash(), e.device(),
                e.gitCommit(), e.dir(), e.points(), e.trials(), e.failedTrials(), fingerprint(c, e.runId()));
    }

    /** The run's fingerprint, sorted by key. */
    static Map<String, String> fingerprint(Connection c, String runId) throws SQLException {
        Map<String, String> fp = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT fact, val FROM sb_fingerprint WHERE run_id = ?")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    fp.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return fp;
    }

    /**
     * The device in words: {@code gpu.name} where known, else {@code device.name}, else {@code device};
     * {@code unknown} when none is known.
     */
    static String device(Map<String, String> fp) {
        for (String key : List.of("gpu.name", "device.name", "device")) {
            String v = fp.get(key);
            if (v != null && !v.isBlank() && !v.equals(Fingerprint.UNKNOWN)) {
                return v.trim();
            }
        }
        return Fingerprint.UNKNOWN;
    }

    private static String fact(Map<String, String> fp, String key) {
        String v = fp.get(key);
        return v == null || v.isBlank() ? Fingerprint.UNKNOWN : v;
    }

    private static void text(PreparedStatement p, int i, String v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.VARCHAR);
        } else {
            p.setString(i, v);
        }
    }

    static void real(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, v);
        }
    }

    static double real(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static RunManifest.Status status(String text, String runId, String where) {
        try {
            return RunManifest.Status.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ScalebenchException.badInput(where + ": run " + runId + " has an unknown status '" + text + "'");
        }
    }

    private static Instant instant(String text, String runId, String where) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ScalebenchException.badInput(where + ": run " + runId + " has a time that is not ISO-8601: '"
                    + text + "'");
        }
    }
}
