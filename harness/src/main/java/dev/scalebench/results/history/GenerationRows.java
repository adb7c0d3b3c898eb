package dev.scalebench.results.history;

import dev.scalebench.results.GenerationValues;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The rows of a run's generate points, in two tables added beside the others (results/README.md, "History
 * database": a new table needs no new schema version): {@code sb_point_outputs}, the output tokens per request of
 * each generate point ({@link PointEntry#output()}, keyed by the point's plan order), and {@code sb_generation}, the
 * split by token of each trial of a generate point ({@link GenerationValues}, keyed by the trial's order in
 * {@code sb_trials}). Prefill and decode points and their trials have no rows there; nor has a run indexed before
 * these tables existed, whose generate trials then read back without generation values (their generation metrics
 * are NaN, and the gate skips them).
 */
final class GenerationRows {

    private GenerationRows() {
    }

    /** Inserts the generate points' output lengths and their trials' generation values. */
    static void insert(Connection c, RunMetrics run) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_point_outputs (run_id, ord, output)"
                + " VALUES (?, ?, ?)")) {
            int ord = 0;
            for (PointEntry e : run.points()) {
                if (e.output() > 0) {
                    p.setString(1, run.runId());
                    p.setInt(2, ord);
                    p.setInt(3, e.output());
                    p.addBatch();
                }
                ord++;
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sb_generation (run_id, ord, output_tokens,"
                + " ttft_p50_ns, ttft_p99_ns, tpot_p50_ns, tpot_p99_ns, itl_p50_ns, itl_p99_ns)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (TrialValues t : run.trials()) {
                GenerationValues g = t.generation();
                if (g != null) {
                    p.setString(1, run.runId());
                    p.setInt(2, ord);
                    p.setInt(3, g.outputTokens());
                    RunRows.real(p, 4, g.ttftP50Ns());
                    RunRows.real(p, 5, g.ttftP99Ns());
                    RunRows.real(p, 6, g.tpotP50Ns());
                    RunRows.real(p, 7, g.tpotP99Ns());
                    RunRows.real(p, 8, g.itlP50Ns());
                    RunRows.real(p, 9, g.itlP99Ns());
                    p.addBatch();
                }
                ord++;
            }
            p.executeBatch();
        }
    }

    /**
     * Puts the stored output lengths into {@code points} and the stored generation values into {@code trials}
     * (both in their stored order, as {@link RunRows#load} read them), in place.
     */
    static void load(Connection c, String runId, List<PointEntry> points, List<TrialValues> trials)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT ord, output FROM sb_point_outputs WHERE run_id = ?")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int ord = rs.getInt(1);
                    if (ord >= 0 && ord < points.size()) {
                        PointEntry e = points.get(ord);
                        points.set(ord, new PointEntry(e.id(), e.backend(), e.device(), e.model(), e.params(),
                                e.dtype(), e.phase(), e.batch(), e.seq(), e.workload(), rs.getInt(2)));
                    }
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT ord, output_tokens, ttft_p50_ns, ttft_p99_ns,"
                + " tpot_p50_ns, tpot_p99_ns, itl_p50_ns, itl_p99_ns FROM sb_generation WHERE run_id = ?")) {
            p.setString(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int ord = rs.getInt(1);
                    if (ord >= 0 && ord < trials.size()) {
                        GenerationValues g = new GenerationValues(rs.getInt(2), RunRows.real(rs, 3),
                                RunRows.real(rs, 4), RunRows.real(rs, 5), RunRows.real(rs, 6), RunRows.real(rs, 7),
                                RunRows.real(rs, 8));
                        trials.set(ord, with(trials.get(ord), g));
                    }
                }
            }
        }
    }

    private static TrialValues with(TrialValues t, GenerationValues g) {
        return new TrialValues(t.pointId(), t.replicate(), t.p50Ns(), t.p90Ns(), t.p99Ns(), t.p999Ns(), t.meanNs(),
                t.maxNs(), t.tokensPerStep(), t.iterations(), t.flags(), t.deviceNs(), g);
    }
}
