package dev.scalebench.report;

import dev.scalebench.analysis.GenerationStats;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.compare.Arm;
import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.Effect;
import dev.scalebench.analysis.compare.PointRow;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.results.AtomicFiles;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.nio.file.Path;

/**
 * Bencher Metric Format (BMF) JSON of an analysis, a comparison or a gate ({@code --bmf FILE} of {@code analyze},
 * {@code compare} and {@code gate}), so that Bencher ({@code bencher run --adapter json --file FILE}) can track
 * scalebench's runs. The format, as Bencher documents it (https://bencher.dev/docs/reference/bencher-metric-format):
 *
 * <pre>{ "&lt;benchmark&gt;": { "&lt;measure&gt;": { "value": v, "lower_value": lo, "upper_value": hi } } }</pre>
 *
 * <p>A benchmark is a point, named by its id ({@code gpt-125m/bf16/decode/b8/s512}). Its measures
 * ({@link BmfDocument#slug}) are in the units Bencher's built-in measures use: latencies in nanoseconds (as
 * Bencher's {@code latency}), throughput in tokens per second (Bencher's {@code throughput}, operations per
 * second, an operation being a token), energy in joules per token. Bounds are intervals over trials, and are
 * omitted where unknown (fewer than two trials; a bound that does not hold the value). What each command writes:
 * <ul>
 *   <li><b>analyze</b>: per point its figures ({@link PointStatistic}: the median over trials with the 95 %
 *       bootstrap interval): {@code latency-p50}, {@code latency-p99} (of a generate point, its requests'
 *       end-to-end {@code e2e-p50}, {@code e2e-p99}, and {@code ttft-p50}, {@code ttft-p99}, {@code tpot-p50},
 *       {@code tpot-p99}), {@code throughput}, and {@code joules-per-token} where the trials read energy;</li>
 *   <li><b>compare</b>: the other run's side: per matched point and compared metric, its median (with the 95 %
 *       interval for throughput, the one interval a comparison computes for one run), and the ratio other /
 *       baseline as {@code <measure>-ratio} with its 95 % bootstrap interval. With more than two runs, each other
 *       run's benchmarks are named {@code <point id> [<run label>]} (B, C...);</li>
 *   <li><b>gate</b>: the candidate's side of every tested metric of every gated point: its median (no interval: a
 *       gate estimates the ratio, not one run's value) and the ratio candidate / baseline as
 *       {@code <measure>-ratio} with the gate's 1 − 2α interval (90 % by default), the interval its tests use.</li>
 * </ul>
 * Deterministic: the same result gives the same bytes on every machine and in every locale.
 */
public final class BmfWriter {

    private BmfWriter() {
    }

    /** The analysis's point figures as BMF JSON. */
    public static String render(Analysis a) {
        BmfDocument d = new BmfDocument();
        for (PointStats p : a.points()) {
            String name = newName(d, p.point().id());
            boolean generate = p.generation() != null || p.point().output() > 0;
            add(d, name, generate ? TrialMetric.E2E_P50 : TrialMetric.P50, p.p50Ns(), p.p50Ci());
            add(d, name, generate ? TrialMetric.E2E_P99 : TrialMetric.P99, p.p99Ns(), p.p99Ci());
            if (p.generation() != null) {
                GenerationStats g = p.generation();
                add(d, name, TrialMetric.TTFT_P50, g.ttftP50());
                add(d, name, TrialMetric.TTFT_P99, g.ttftP99());
                add(d, name, TrialMetric.TPOT_P50, g.tpotP50());
                add(d, name, TrialMetric.TPOT_P99, g.tpotP99());
            }
            add(d, name, TrialMetric.THROUGHPUT, p.tokensPerS(), p.tokensPerSCi());
            if (p.energy() != null) {
                add(d, name, TrialMetric.JOULES_PER_TOKEN, p.energy().joulesPerToken());
            }
        }
        return d.render();
    }

    /** The other runs' side of the comparison, values and ratios to the baseline, as BMF JSON. */
    public static String render(Comparison c) {
        BmfDocument d = new BmfDocument();
        boolean several = c.runs().size() > 2;
        for (int run = 1; run < c.runs().size(); run++) {
            for (PointRow row : c.matched(run)) {
                Arm arm = row.arm(run);
                String name = newName(d, arm.point().id() + (several ? " [" + CompareRun.label(run) + "]" : ""));
                for (TrialMetric m : c.metrics()) {
                    Effect e = row.effect(run, m);
                    double v = arm.median(m);
                    add(d, name, m, v, m == TrialMetric.THROUGHPUT ? arm.throughputCi() : null);
                    if (e != null) {
                        d.add(name, BmfDocument.ratioSlug(m), e.ratio(), e.ci());
                    }
                }
            }
        }
        return d.render();
    }

    /** The candidate's side of the gate, medians and ratios to the baseline, as BMF JSON. */
    public static String render(GateResult r) {
        BmfDocument d = new BmfDocument();
        for (PointVerdict p : r.points()) {
            String name = newName(d, p.pointId());
            for (MetricTest t : p.tests()) {
                add(d, name, t.metric(), t.candidateMedian(), null);
                if (t.tested()) {
                    d.add(name, BmfDocument.ratioSlug(t.metric()), t.ratio(), t.interval());
                }
            }
        }
        return d.render();
    }

    /**
     * Writes {@code json} (one of the renderings) to {@code file} atomically, creating its folder.
     *
     * @throws dev.scalebench.ScalebenchException (exit 4) when it cannot be written
     */
    public static void write(Path file, String json) {
        AtomicFiles.write(file, json);
    }

    private static void add(BmfDocument d, String name, TrialMetric m, PointStatistic s) {
        add(d, name, m, s.value(), s.ci95());
    }

    private static void add(BmfDocument d, String name, TrialMetric m, double value, Interval ci) {
        d.add(name, BmfDocument.slug(m), value, ci);
    }

    /** {@code name}, checked not to be a benchmark of {@code d} already (two points of one id). */
    private static String newName(BmfDocument d, String name) {
        if (d.has(name)) {
            throw new IllegalArgumentException("BMF: two points named '" + name + "'");
        }
        return name;
    }
}
