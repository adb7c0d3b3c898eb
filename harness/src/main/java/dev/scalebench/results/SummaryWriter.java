package dev.scalebench.results;

import dev.scalebench.measure.Flag;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes {@code summary.csv} (atomically): a header line, then one row per planned point. Every row starts
 * with the column {@code schema} = {@value #SCHEMA} (a comment line would break CSV readers). Schema 2: the
 * point's p50, p99 and throughputs are {@link PointStatistic}s (median over trials, bootstrap interval); the
 * distribution of the pooled iterations is in the {@code pooled_*} columns. Schema 1 (before) had the pooled
 * percentiles as {@code p50_ns}... and geometric means over trials. Numbers use
 * {@link java.util.Locale#ROOT} conventions: {@code .} as decimal separator, no grouping, no exponent, at
 * most 7 significant digits; a value that does not exist is an empty field. Text fields are quoted (RFC 4180)
 * when they hold a comma, quote or line break.
 */
public final class SummaryWriter {

    /** The summary schema this version writes. */
    public static final int SCHEMA = 2;
    /** File name inside a run folder. */
    public static final String FILE = "summary.csv";
    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("schema", "point_id", "backend", "device", "model", "params",
            "dtype", "phase", "batch", "seq", "trials_ok", "trials_failed", "iterations",
            "p50_ns", "p50_ci_lo_ns", "p50_ci_hi_ns", "p99_ns", "p99_ci_lo_ns", "p99_ci_hi_ns",
            "seq_per_s", "seq_per_s_ci_lo", "seq_per_s_ci_hi", "tokens_per_s", "tokens_per_s_ci_lo",
            "tokens_per_s_ci_hi", "gflop_per_s", "gflop_per_s_ci_lo", "gflop_per_s_ci_hi", "gbyte_per_s",
            "gbyte_per_s_ci_lo", "gbyte_per_s_ci_hi",
            "pooled_p50_ns", "pooled_p90_ns", "pooled_p95_ns", "pooled_p99_ns", "pooled_p999_ns", "max_ns",
            "pooled_mean_ns", "pooled_stdev_ns", "device_mean_ns", "device_gap_ns", "gc_trials", "flags", "status",
            "reason", "mem_peak_bytes");
    /**
     * The columns added after {@link #COLUMNS} (after {@code mem_peak_bytes}) when the run has generate points (blank on its prefill and decode
     * rows): output tokens per request, then TTFT, TPOT, ITL and tokens/s per user, each the median over the point's
     * trials (with its 95 % interval). On a generate row the columns above are per request: {@code p50_ns} is the
     * median end-to-end latency and {@code tokens_per_s} the output tokens per second of all sequences.
     */
    public static final List<String> GENERATION_COLUMNS = List.of("output", "ttft_p50_ns", "ttft_p50_ci_lo_ns",
            "ttft_p50_ci_hi_ns", "ttft_p99_ns", "ttft_p99_ci_lo_ns", "ttft_p99_ci_hi_ns", "tpot_p50_ns",
            "tpot_p50_ci_lo_ns", "tpot_p50_ci_hi_ns", "tpot_p99_ns", "tpot_p99_ci_lo_ns", "tpot_p99_ci_hi_ns",
            "itl_p99_ns", "itl_p99_ci_lo_ns", "itl_p99_ci_hi_ns", "tokens_per_s_per_user", "tokens_per_s_per_user_ci_lo",
            "tokens_per_s_per_user_ci_hi");

    /**
     * The columns added last (after the generation columns, if any) when some trial of the run has an energy reading
     * (blank on the rows of points without one): the energy sources, then joules per step (per request at a generate
     * point), joules per token, tokens per joule and mean power, each the median over the point's trials with a
     * reading (with its 95 % interval). A run without energy readings has none of them, as before.
     */
    public static final List<String> ENERGY_COLUMNS = List.of("energy_source", "joules_per_step",
            "joules_per_step_ci_lo", "joules_per_step_ci_hi", "joules_per_token", "joules_per_token_ci_lo",
            "joules_per_token_ci_hi", "tokens_per_joule", "tokens_per_joule_ci_lo", "tokens_per_joule_ci_hi",
            "power_w", "power_w_ci_lo", "power_w_ci_hi");

    private static final MathContext DIGITS = new MathContext(7);

    private SummaryWriter() {
    }

    /** Summarizes {@code run} (already read) and writes its {@code summary.csv}; returns the rows. */
    public static List<PointSummary> write(Run run) {
        List<PointSummary> rows = Summary.of(run);
        writeFile(run.dir().resolve(FILE), rows);
        return rows;
    }

    /** Writes {@code rows} to {@code file} atomically. */
    public static void writeFile(Path file, List<PointSummary> rows) {
        AtomicFiles.write(file, toCsv(rows).getBytes(StandardCharsets.UTF_8));
    }

    /** The CSV text: header plus one line per row, {@code \n} line ends. */
    public static String toCsv(List<PointSummary> rows) {
        StringBuilder sb = new StringBuilder();
        boolean generates = rows.stream().anyMatch(r -> r.generation() != null);
        boolean energy = rows.stream().anyMatch(r -> r.energy() != null);
        sb.append(String.join(",", COLUMNS));
        if (generates) {
            sb.append(',').append(String.join(",", GENERATION_COLUMNS));
        }
        if (energy) {
            sb.append(',').append(String.join(",", ENERGY_COLUMNS));
        }
        sb.append('\n');
        for (PointSummary r : rows) {
            List<String> f = new ArrayList<>(COLUMNS.size());
            RunManifest.PointEntry p = r.point();
            f.add(Integer.toString(SCHEMA));
            f.add(text(p.id()));
            f.add(text(p.backend()));
            f.add(text(p.device()));
            f.add(text(p.model()));
            f.add(p.params() < 0 ? "" : Long.toString(p.params()));
            f.add(text(p.dtype()));
            f.add(text(p.phase()));
            f.add(Integer.toString(p.batch()));
            f.add(Integer.toString(p.seq()));
            f.add(Integer.toString(r.trials().ok()));
            f.add(Integer.toString(r.trials().failed()));
            f.add(Long.toString(r.trials().iterations()));
            PointSummary.Figures x = r.figures();
            for (PointStatistic s : List.of(x.p50Ns(), x.p99Ns(), x.seqPerS(), x.tokensPerS(), x.gflopPerS(),
                    x.gbytePerS())) {
                withCi(f, s);
            }
            PointSummary.Pooled o = r.pooled();
            for (double v : new double[] {o.p50Ns(), o.p90Ns(), o.p95Ns(), o.p99Ns(), o.p999Ns(), o.maxNs(),
                    o.meanNs(), o.stdevNs()}) {
                f.add(num(v));
            }
            f.add(num(r.device().meanNs()));
            f.add(num(r.device().gapNs()));
            f.add(Integer.toString(r.trials().withGc()));
            f.add(text(r.flags().stream().map(Flag::id).collect(Collectors.joining(";"))));
            f.add(text(r.status().id()));
            f.add(text(r.reason()));
            f.add(r.memoryKnown() ? Long.toString(r.memPeakBytes()) : "");
            if (generates) {
                generation(f, r.generation());
            }
            if (energy) {
                energy(f, r.energy());
            }
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    private static void generation(List<String> f, PointSummary.Generation g) {
        if (g == null) {
            for (int i = 0; i < GENERATION_COLUMNS.size(); i++) {
                f.add("");
            }
            return;
        }
        f.add(Integer.toString(g.output()));
        for (PointStatistic s : List.of(g.ttftP50Ns(), g.ttftP99Ns(), g.tpotP50Ns(), g.tpotP99Ns(), g.itlP99Ns(),
                g.tokensPerSPerUser())) {
            withCi(f, s);
        }
    }

    private static void energy(List<String> f, PointSummary.Energy e) {
        if (e == null) {
            for (int i = 0; i < ENERGY_COLUMNS.size(); i++) {
                f.add("");
            }
            return;
        }
        f.add(text(e.sources()));
        for (PointStatistic s : List.of(e.joulesPerStep(), e.joulesPerToken(), e.tokensPerJoule(), e.powerW())) {
            withCi(f, s);
        }
    }

    private static void withCi(List<String> f, PointStatistic s) {
        f.add(num(s.value()));
        f.add(num(s.ci95().lo()));
        f.add(num(s.ci95().hi()));
    }

    /** A number as the summary writes it: up to 7 significant digits, plain notation; blank when not finite. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    /** RFC 4180 quoting when needed; null is an empty field. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
