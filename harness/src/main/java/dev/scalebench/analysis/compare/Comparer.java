package dev.scalebench.analysis.compare;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.roofline.Roofline;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import dev.scalebench.stats.Interval;
import dev.scalebench.stats.RatioBootstrap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares runs with the first (the baseline). Points are matched on model, dtype, phase, batch, seq and output (less
 * the ignored factors); per matched point and metric the effect is the ratio of the medians of the per-trial values,
 * other / baseline, with a percentile bootstrap interval over trials whose seed is derived from the point and the
 * metric, so that the same runs always give the same numbers. Points are compared in parallel; the result does not
 * depend on the number of threads.
 */
public final class Comparer {

    private Comparer() {
    }

    /**
     * Compares {@code runs} (the first is the baseline).
     *
     * @throws ScalebenchException bad input with fewer than two runs, or when ignoring factors makes two points of
     *     one run the same (naming them)
     */
    public static Comparison compare(List<CompareRun> runs, CompareOptions o) {
        if (runs.size() < 2) {
            throw ScalebenchException.badInput("compare needs at least two runs, got " + runs.size());
        }
        List<Map<MatchKey, PointEntry>> keyed = new ArrayList<>();
        List<String> collisions = new ArrayList<>();
        for (CompareRun r : runs) {
            keyed.add(keyed(r, o.ignore(), collisions));
        }
        if (!collisions.isEmpty()) {
            throw ScalebenchException.badInput("--ignore " + o.ignore().stream().map(Factor::id).sorted()
                    .collect(Collectors.joining(",")) + " makes points of one run the same, so they cannot be "
                    + "matched: " + String.join("; ", collisions));
        }
        Map<MatchKey, Long> order = new LinkedHashMap<>();
        for (Map<MatchKey, PointEntry> k : keyed) {
            k.forEach((key, p) -> order.putIfAbsent(key, p.params()));
        }
        List<MatchKey> keys = new ArrayList<>(order.keySet());
        keys.sort(Comparator.<MatchKey>comparingLong(k -> order.get(k) < 0 ? Long.MAX_VALUE : order.get(k))
                .thenComparing(MatchKey::model).thenComparing(MatchKey::dtype).thenComparing(MatchKey::phase)
                .thenComparingInt(MatchKey::seq).thenComparingInt(MatchKey::output).thenComparingInt(MatchKey::batch));
        List<Map<String, List<TrialValues>>> trials = runs.stream().map(r -> r.metrics().trialsByPoint()).toList();
        List<PointRow> rows = keys.parallelStream().map(k -> row(k, runs, keyed, trials, o)).toList();
        List<String> notes = new ArrayList<>(Notes.of(runs, rows, o));
        List<FitRow> fits = FitRow.match(runs, o.ignore(), notes);
        return new Comparison(o, runs, rows, fits, Notes.fingerprintDiffs(runs), notes);
    }

    private static Map<MatchKey, PointEntry> keyed(CompareRun r, Set<Factor> ignore, List<String> collisions) {
        Map<MatchKey, PointEntry> m = new LinkedHashMap<>();
        Map<MatchKey, List<String>> clash = new TreeMap<>(Comparator.comparing(MatchKey::id));
        for (PointEntry p : r.metrics().points()) {
            MatchKey k = MatchKey.of(p, ignore);
            PointEntry prev = m.putIfAbsent(k, p);
            if (prev != null) {
                clash.computeIfAbsent(k, x -> new ArrayList<>(List.of(prev.id()))).add(p.id());
            }
        }
        clash.forEach((k, ids) -> collisions.add("run " + r.title() + ": " + String.join(" and ", ids)
                + " both match " + k.id()));
        return m;
    }

    private static PointRow row(MatchKey key, List<CompareRun> runs, List<Map<MatchKey, PointEntry>> keyed,
            List<Map<String, List<TrialValues>>> trials, CompareOptions o) {
        List<Arm> arms = new ArrayList<>();
        List<List<TrialValues>> values = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            PointEntry p = keyed.get(i).get(key);
            List<TrialValues> t = p == null ? List.of() : trials.get(i).getOrDefault(p.id(), List.of());
            values.add(t);
            arms.add(p == null ? null : arm(runs.get(i), key, p, t, o));
        }
        List<Effect> effects = new ArrayList<>();
        List<PointRow.CostRatio> costs = new ArrayList<>();
        Arm base = arms.get(0);
        for (int i = 1; i < runs.size(); i++) {
            Arm other = arms.get(i);
            if (base == null || other == null || !base.ok() || !other.ok()) {
                continue;
            }
            RatioBootstrap tput = null;
            for (TrialMetric m : o.metrics()) {
                if (!applies(m, key.phase())) {
                    continue;
                }
                RatioBootstrap b = bootstrap(values.get(0), values.get(i), m, o, seed(key.id(), m.id()));
                if (b != null) {
                    effects.add(new Effect(i, m, base.median(m), other.median(m), b.ratio(), b.interval(o.level()),
                            base.trials(), other.trials()));
                    tput = m == TrialMetric.THROUGHPUT ? b : tput;
                }
            }
            double p0 = runs.get(0).pricePerHour();
            double pi = runs.get(i).pricePerHour();
            if (Double.isFinite(p0) && Double.isFinite(pi)) {
                if (tput == null) {
                    tput = bootstrap(values.get(0), values.get(i), TrialMetric.THROUGHPUT, o,
                            seed(key.id(), TrialMetric.THROUGHPUT.id()));
                }
                if (tput != null) {
                    Interval ci = tput.interval(o.level());
                    double prices = pi / p0;
                    costs.add(new PointRow.CostRatio(i, prices / tput.ratio(),
                            new Interval(prices / ci.hi(), prices / ci.lo())));
                }
            }
        }
        return new PointRow(key, arms, effects, costs);
    }

    private static Arm arm(CompareRun run, MatchKey key, PointEntry p, List<TrialValues> t, CompareOptions o) {
        int failed = run.metrics().failedTrials().getOrDefault(p.id(), 0);
        Map<TrialMetric, Double> medians = new EnumMap<>(TrialMetric.class);
        if (t.isEmpty()) {
            return new Arm(p, 0, failed, medians, Interval.UNDEFINED, null, null);
        }
        for (TrialMetric m : TrialMetric.values()) {
            double v = PointStatistic.median(t, m);
            if (!Double.isNaN(v)) {
                medians.put(m, v);
            }
        }
        // the point's throughput and its interval as every output has them
        Interval tputCi = PointStatistic.of(p.id(), t, TrialMetric.THROUGHPUT).ci95();
        double median = medians.getOrDefault(TrialMetric.THROUGHPUT, Double.NaN);
        Arm.Cost cost = Double.isFinite(run.pricePerHour()) && median > 0
                ? Arm.Cost.of(run.pricePerHour(), median, tputCi) : null;
        return new Arm(p, t.size(), failed, medians, tputCi, cost,
                roofline(run, p, PointStatistic.throughput(p.id(), t, 1).value()));
    }

    /**
     * The point on the run's roofline at its throughput ({@link PointStatistic}: the median over trials of steps
     * per second, one over the trial's mean step time), so achieved FLOP/s and B/s are work per step times it.
     */
    private static RooflinePoint roofline(CompareRun run, PointEntry p, double stepsPerS) {
        PointWork w = run.work().getOrDefault(p.id(), PointWork.UNKNOWN);
        if (run.hardware() == null || !(stepsPerS > 0) || !Roofline.canPlace(w)) {
            return null;
        }
        PointKey k = new PointKey(p.model(), p.dtype(), p.phase(), p.params(), p.batch(), p.seq(), p.output());
        return Roofline.place(run.hardware(), k, w, 1 / stepsPerS);
    }

    /**
     * Whether {@code m} is compared at a point of {@code phase}: a generation metric only at a generate point, which
     * alone has it; a per-step latency (p50 ... max) only at prefill and decode points (a generate point's "step" is
     * a request, whose latencies are compared as {@code e2e_*}); throughput everywhere. The gate's rule
     * ({@code GatePolicy.applies}).
     */
    static boolean applies(TrialMetric m, String phase) {
        return m.appliesTo(phase);
    }

    private static RatioBootstrap bootstrap(List<TrialValues> base, List<TrialValues> other, TrialMetric m,
            CompareOptions o, long seed) {
        double[] b = values(base, m);
        double[] c = values(other, m);
        return b.length == 0 || c.length == 0 ? null : RatioBootstrap.of(b, c, o.resamples(), seed);
    }

    /** The positive, finite per-trial values of {@code m}. */
    private static double[] values(List<TrialValues> t, TrialMetric m) {
        return t.stream().mapToDouble(v -> v.value(m)).filter(v -> v > 0 && Double.isFinite(v)).toArray();
    }

    /** A seed from the point and what is resampled: 64-bit FNV-1a of the UTF-8 bytes, the same on every JVM. */
    static long seed(String pointId, String what) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (pointId + "|" + what).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
