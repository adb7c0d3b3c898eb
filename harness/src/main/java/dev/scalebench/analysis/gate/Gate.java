package dev.scalebench.analysis.gate;

import dev.scalebench.measure.Flag;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.Numbers;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import dev.scalebench.stats.Interval;
import dev.scalebench.stats.Multiplicity;
import dev.scalebench.stats.RatioBootstrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Decides whether a candidate run regressed against a baseline, point by point (docs/gate.md, "The method").
 *
 * <p>The trial is the unit: at each point and metric the effect is the ratio of the medians of the per-trial
 * values, candidate / baseline, and its uncertainty a bootstrap over trials (each arm resampled on its own). Three
 * one-sided bootstrap p-values test it against the margin δ: worse than δ (regression), better than δ
 * (improvement), and no worse than δ (pass). No p-value is taken below {@code 1 / C(n_b + n_c, n_c)}, the
 * resolution of an exact permutation test on the same trials: with a handful of trials the bootstrap is otherwise
 * over-confident. Regressions and improvements are corrected for multiplicity: Holm over the blocking tests
 * (family-wise α), Benjamini–Hochberg over the others (warnings, false discovery rate q). A PASS needs every test
 * of the point to pass at α on its own, which needs no correction (an intersection–union test).
 *
 * <p>Immutable and deterministic: the same runs and policy give the same verdicts.
 */
public final class Gate {

    /** The largest estimate of trials needed that is reported as a number. */
    static final int MAX_TRIALS_NEEDED = 10_000;

    private final GatePolicy policy;

    public Gate(GatePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public GatePolicy policy() {
        return policy;
    }

    /**
     * The fingerprint facts named by the policy that differ, as {@code key: baseline → candidate}.
     */
    public List<String> envMismatches(RunMetrics baseline, RunMetrics candidate) {
        Map<String, String> b = Fingerprint.select(baseline.fingerprint(), policy.fingerprint());
        Map<String, String> c = Fingerprint.select(candidate.fingerprint(), policy.fingerprint());
        List<String> out = new ArrayList<>();
        b.forEach((k, v) -> {
            if (!v.equals(c.get(k))) {
                out.add(k + ": " + v + " → " + c.get(k));
            }
        });
        return out;
    }

    /**
     * Gates {@code candidate} against {@code baseline}.
     *
     * @param allowEnvMismatch compare even when the fingerprints differ on the policy's facts
     * @throws ScalebenchException bad input when the fingerprints differ and that is not allowed
     */
    public GateResult evaluate(RunMetrics baseline, RunMetrics candidate, String baselineSource,
            String candidateSource, boolean allowEnvMismatch) {
        List<String> mismatches = envMismatches(baseline, candidate);
        if (!mismatches.isEmpty() && !allowEnvMismatch) {
            throw ScalebenchException.badInput("refusing to gate runs from different environments ("
                    + baseline.runId() + " vs " + candidate.runId() + "): " + String.join("; ", mismatches)
                    + ". Compare runs from the same machine and engine, or pass --allow-env-mismatch to gate anyway.");
        }
        Map<String, List<TrialValues>> b = baseline.trialsByPoint();
        Map<String, List<TrialValues>> c = candidate.trialsByPoint();
        List<String> onlyInBaseline = new ArrayList<>();
        List<String> onlyInCandidate = new ArrayList<>();
        for (PointEntry p : baseline.points()) {
            if (candidate.point(p.id()) == null) {
                onlyInBaseline.add(p.id());
            }
        }
        List<Pending> pending = new ArrayList<>();
        List<String> ungated = new ArrayList<>();
        for (PointEntry p : candidate.points()) {
            if (baseline.point(p.id()) == null) {
                onlyInCandidate.add(p.id());
                continue;
            }
            if (policy.marginsFor(p.phase()).isEmpty()) {
                ungated.add(p.id());
                continue;
            }
            pending.add(prepare(p, b.get(p.id()), c.get(p.id()), candidate.failedTrials().getOrDefault(p.id(), 0)));
        }
        adjust(pending);
        List<PointVerdict> points = new ArrayList<>(pending.stream().map(this::decide).toList());

        List<String> notes = new ArrayList<>();
        if (!ungated.isEmpty()) {
            notes.add(ungated.size() + " point(s) not gated: the policy gates none of their metrics ("
                    + (ungated.size() <= 5 ? String.join(", ", ungated) : String.join(", ", ungated.subList(0, 5))
                    + " and " + (ungated.size() - 5) + " more") + "; a generate point has ttft_*, tpot_*, itl_*, e2e_*, throughput and"
                    + " tokens_per_s_per_user, a prefill or decode point p50 ... max and throughput)");
        }
        List<PointEntry> blockingMissing = onlyInBaseline.stream().map(baseline::point).filter(this::blocks)
                .toList();
        for (PointEntry p : blockingMissing) {
            List<TrialValues> bt = b.getOrDefault(p.id(), List.of());
            String why = "a blocking point of the baseline that the candidate's plan does not have";
            points.add(new PointVerdict(p.id(), true, bt.size(), 0, 0,
                    untested(p, bt, List.of(), Verdict.INCONCLUSIVE, why), Verdict.INCONCLUSIVE, why));
        }
        if (!blockingMissing.isEmpty()) {
            notes.add(blockingMissing.size() + " blocking point(s) of the baseline are not in the candidate's plan:"
                    + " the gate cannot vouch for them");
        }
        resolutionNote(pending).ifPresent(notes::add);
        interferenceNote(baseline, candidate).ifPresent(notes::add);
        Verdict overall = overall(points);
        return new GateResult(policy, ref(baseline, baselineSource), ref(candidate, candidateSource), mismatches,
                points, onlyInBaseline, onlyInCandidate, notes, overall);
    }

    /**
     * How many trials of each run were re-measured after interference (the gate used the clean measurement) and how
     * many it still tests are flagged interfered; empty when neither run has any.
     */
    static java.util.Optional<String> interferenceNote(RunMetrics baseline, RunMetrics candidate) {
        long bFlagged = baseline.trials().stream().filter(t -> t.flags().contains(Flag.INTERFERED)).count();
        long cFlagged = candidate.trials().stream().filter(t -> t.flags().contains(Flag.INTERFERED)).count();
        if (baseline.remeasuredTrials() + candidate.remeasuredTrials() + bFlagged + cFlagged == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("interference: " + candidate.remeasuredTrials() + " of the candidate's and "
                + baseline.remeasuredTrials() + " of the baseline's trials were re-measured after other work held"
                + " the CPU (the gate used the clean measurement); " + cFlagged + " and " + bFlagged + " of the trials"
                + " tested are still flagged interfered");
    }

    private static GateResult.RunRef ref(RunMetrics r, String source) {
        return new GateResult.RunRef(r.runId(), r.sweep(), source, r.fingerprint());
    }

    private static Verdict overall(List<PointVerdict> points) {
        if (points.stream().anyMatch(PointVerdict::fails)) {
            return Verdict.REGRESSION;
        }
        boolean inconclusive = points.stream()
                .anyMatch(p -> p.blocking() && p.verdict() == Verdict.INCONCLUSIVE);
        if (inconclusive || points.stream().noneMatch(PointVerdict::blocking)) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.PASS;
    }

    /** One point on its way to a verdict: its raw tests, before the multiplicity correction. */
    private static final class Pending {
        final PointEntry point;
        final boolean blocking;
        final int nb;
        final int nc;
        final int failed;
        String untestable;
        final List<TrialValues> base;
        final List<TrialValues> cand;
        final List<Raw> raw = new ArrayList<>();

        Pending(PointEntry point, boolean blocking, List<TrialValues> base, List<TrialValues> cand, int failed,
                String untestable) {
            this.point = point;
            this.blocking = blocking;
            this.base = base;
            this.cand = cand;
            this.nb = base.size();
            this.nc = cand.size();
            this.failed = failed;
            this.untestable = untestable;
        }
    }

    /** One metric's bootstrap at a point; adjusted p-values are filled in by {@link #adjust}. */
    private static final class Raw {
        TrialMetric metric;
        double margin;
        double medB;
        double medC;
        RatioBootstrap boot;
        double pReg;
        double pImp;
        double pPass;
        double adjReg = Double.NaN;
        double adjImp = Double.NaN;
        int family;
        boolean reportOnly;
        /** In the blocking family: the point blocks and the metric is not report-only. */
        boolean blocking;
    }

    private Pending prepare(PointEntry p, List<TrialValues> base, List<TrialValues> cand, int candFailed) {
        base = base == null ? List.of() : base;
        cand = cand == null ? List.of() : cand;
        boolean blocking = blocks(p);
        int nb = base.size();
        int nc = cand.size();
        String untestable = null;
        if (nc == 0 && candFailed > 0 && nb > 0) {
            untestable = "failed";
        } else if (nb < policy.minTrials() || nc < policy.minTrials()) {
            untestable = "few";
        }
        Pending pd = new Pending(p, blocking, base, cand, candFailed, untestable);
        if (untestable != null) {
            return pd;
        }
        double floor = 1 / binomial(nb + nc, nc);
        for (Map.Entry<TrialMetric, Double> e : policy.marginsFor(p.phase()).entrySet()) {
            TrialMetric m = e.getKey();
            double d = e.getValue();
            double[] xb = values(base, m);
            double[] xc = values(cand, m);
            if (xb.length == 0 || xc.length == 0) {
                continue; // the point lacks this metric (e.g. a baseline stored without generation values)
            }
            Raw r = new Raw();
            r.metric = m;
            r.margin = d;
            r.reportOnly = policy.reportOnly(m);
            r.blocking = blocking && !r.reportOnly;
            r.medB = PointStatistic.median(base, m);
            r.medC = PointStatistic.median(cand, m);
            r.boot = RatioBootstrap.of(xb, xc, policy.resamples(), seed(p.id(), m), true);
            double worse = m.higherIsBetter() ? 1 - d : 1 + d;
            double better = m.higherIsBetter() ? 1 + d : 1 - d;
            if (m.higherIsBetter()) {
                r.pReg = Math.max(floor, r.boot.pAtLeast(worse));
                r.pImp = Math.max(floor, r.boot.pAtMost(better));
                r.pPass = Math.max(floor, r.boot.pAtMost(worse));
            } else {
                r.pReg = Math.max(floor, r.boot.pAtMost(worse));
                r.pImp = Math.max(floor, r.boot.pAtLeast(better));
                r.pPass = Math.max(floor, r.boot.pAtLeast(worse));
            }
            pd.raw.add(r);
        }
        if (pd.raw.isEmpty() || blocking && pd.raw.stream().noneMatch(r -> r.blocking)) {
            pd.untestable = "none"; // no value, or none of a metric that blocks: the gate cannot vouch for it
            pd.raw.clear();
        }
        return pd;
    }

    /**
     * Whether a regression at {@code p} can fail the gate: the policy marks it blocking and gates one of its metrics
     * that is not report-only. A point whose gated metrics are all report-only is tested with the warnings.
     */
    private boolean blocks(PointEntry p) {
        return policy.blocks(p) && policy.marginsFor(p.phase()).keySet().stream().anyMatch(m -> !policy.reportOnly(m));
    }

    private long seed(String pointId, TrialMetric m) {
        long h = policy.seed() * 0x9E3779B97F4A7C15L + pointId.hashCode();
        return h * 31 + m.ordinal();
    }

    private static double[] values(List<TrialValues> trials, TrialMetric m) {
        return trials.stream().mapToDouble(t -> t.value(m)).filter(v -> v > 0 && Double.isFinite(v)).toArray();
    }

    /**
     * Holm over the blocking tests (blocking points, metrics not report-only), Benjamini–Hochberg over the rest, for
     * regressions and improvements; only the tests made count.
     */
    private static void adjust(List<Pending> pending) {
        for (boolean blocking : new boolean[] {true, false}) {
            List<Raw> family = new ArrayList<>();
            pending.forEach(p -> p.raw.stream().filter(r -> r.blocking == blocking).forEach(family::add));
            double[] reg = family.stream().mapToDouble(r -> r.pReg).toArray();
            double[] imp = family.stream().mapToDouble(r -> r.pImp).toArray();
            double[] adjReg = blocking ? Multiplicity.holm(reg) : Multiplicity.benjaminiHochberg(reg);
            double[] adjImp = blocking ? Multiplicity.holm(imp) : Multiplicity.benjaminiHochberg(imp);
            for (int i = 0; i < family.size(); i++) {
                family.get(i).adjReg = adjReg[i];
                family.get(i).adjImp = adjImp[i];
                family.get(i).family = family.size();
            }
        }
    }

    private PointVerdict decide(Pending p) {
        if ("failed".equals(p.untestable)) {
            String why = "every candidate trial failed (" + p.failed + "), while the baseline measured " + p.nb;
            return new PointVerdict(p.point.id(), p.blocking, p.nb, p.nc, p.failed,
                    untested(p.point, p.base, p.cand, Verdict.REGRESSION, why), Verdict.REGRESSION, why);
        }
        if ("few".equals(p.untestable)) {
            String why = p.nb == 0 ? "the baseline has no OK trial here"
                    : "too few OK trials (baseline " + p.nb + ", candidate " + p.nc + "; the policy needs "
                    + policy.minTrials() + " per arm)";
            return new PointVerdict(p.point.id(), p.blocking, p.nb, p.nc, p.failed,
                    untested(p.point, p.base, p.cand, Verdict.INCONCLUSIVE, why), Verdict.INCONCLUSIVE, why);
        }
        if ("none".equals(p.untestable)) {
            String why = "no gated metric" + (p.blocking ? " that blocks" : "") + " has values in both runs here"
                    + " (the policy gates "
                    + String.join(", ", policy.marginsFor(p.point.phase()).keySet().stream().map(TrialMetric::id)
                    .toList()) + " at a " + p.point.phase() + " point)";
            // e.g. a baseline from a history indexed before it stored generation values
            return new PointVerdict(p.point.id(), p.blocking, p.nb, p.nc, p.failed,
                    untested(p.point, p.base, p.cand, Verdict.INCONCLUSIVE, why), Verdict.INCONCLUSIVE, why);
        }
        List<MetricTest> tests = new ArrayList<>();
        for (Raw r : p.raw) {
            double level = r.blocking ? policy.alpha() : policy.warningFdr();
            tests.add(test(r, level, r.blocking, Math.max(p.nb, p.nc)));
        }
        List<MetricTest> gating = tests.stream().filter(t -> !t.reportOnly()).toList();
        List<MetricTest> decisive = gating.isEmpty() ? tests : gating;
        Verdict v = worst(decisive);
        String reason = decisive.stream().filter(t -> t.verdict() == v).map(MetricTest::reason).findFirst()
                .orElse("");
        if (!gating.isEmpty() && v != Verdict.REGRESSION) {
            for (MetricTest t : tests) {
                if (t.warns()) {
                    reason += "; warning (report-only): " + t.reason();
                }
            }
        }
        return new PointVerdict(p.point.id(), p.blocking, p.nb, p.nc, p.failed, tests, v, reason);
    }

    /**
     * What the runs have at a point that could not be tested: per gated metric the medians of each arm's per-trial
     * values (NaN for an arm without values) and their ratio, with no interval and no p-values
     * ({@link MetricTest#tested()} is false), so that the reports show the values the runs have.
     */
    private List<MetricTest> untested(PointEntry p, List<TrialValues> base, List<TrialValues> cand, Verdict v,
            String why) {
        List<MetricTest> out = new ArrayList<>();
        for (Map.Entry<TrialMetric, Double> e : policy.marginsFor(p.phase()).entrySet()) {
            TrialMetric m = e.getKey();
            double mb = PointStatistic.median(base, m);
            double mc = PointStatistic.median(cand, m);
            out.add(new MetricTest(m, e.getValue(), mb, mc, mc / mb, Interval.UNDEFINED, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, v, m + " not tested: " + why, 0, policy.reportOnly(m)));
        }
        return out;
    }

    private MetricTest test(Raw r, double level, boolean blocking, int n) {
        Interval ci = r.boot.interval(1 - 2 * policy.alpha());
        String change = Numbers.signedPercent(r.boot.ratio() - 1) + " "
                + Numbers.interval(ci.lo() - 1, ci.hi() - 1, Numbers::signedPercent);
        String correction = r.family <= 1 ? "" : blocking ? "Holm" : "BH";
        Verdict v;
        String reason;
        int needed = 0;
        if (r.adjReg <= level) {
            v = Verdict.REGRESSION;
            reason = r.metric + " " + change + " is worse than the " + margin(r) + " margin (p = "
                    + Numbers.sig(r.adjReg, 2) + (correction.isEmpty() ? "" : ", " + correction) + ")";
        } else if (r.adjImp <= level) {
            v = Verdict.IMPROVED;
            reason = r.metric + " " + change + " is better by more than the margin";
        } else if (r.pPass <= policy.alpha()) {
            v = Verdict.PASS;
            reason = r.metric + " " + change + " is within the " + margin(r) + " margin";
        } else {
            v = Verdict.INCONCLUSIVE;
            needed = trialsNeeded(r, n, level);
            reason = r.metric + " " + change + " cannot be told from the " + margin(r) + " margin"
                    + (needed >= MAX_TRIALS_NEEDED ? "; more than " + MAX_TRIALS_NEEDED + " trials per arm would be"
                    + " needed" : needed > n ? "; about " + needed + " trials per arm would settle it" : "");
        }
        return new MetricTest(r.metric, r.margin, r.medB, r.medC, r.boot.ratio(), ci, r.pReg, r.adjReg, r.adjImp,
                r.pPass, v, reason, needed, r.reportOnly);
    }

    private static String margin(Raw r) {
        return (r.metric.higherIsBetter() ? "−" : "+") + Numbers.sig(r.margin * 100, 3) + " %";
    }

    /**
     * Trials per arm for the interval's one-sided bound, shrinking as {@code 1/√n}, to clear the regression
     * threshold at the corrected level; 0 when the estimate sits on the threshold.
     */
    private int trialsNeeded(Raw r, int n, double level) {
        double worse = r.metric.higherIsBetter() ? 1 - r.margin : 1 + r.margin;
        double d = Math.abs(Math.log(r.boot.ratio()) - Math.log(worse));
        Interval ci = r.boot.interval(1 - 2 * policy.alpha());
        double h = (Math.log(ci.hi()) - Math.log(ci.lo())) / 2;
        if (!(d > 1e-6) || !(h > 0)) {
            return 0;
        }
        NormalDistribution z = new NormalDistribution();
        double zFactor = z.inverseCumulativeProbability(1 - Math.min(level / Math.max(1, r.family), 0.5))
                / z.inverseCumulativeProbability(1 - policy.alpha());
        double need = n * Math.pow(h * Math.max(1, zFactor) / d, 2);
        return (int) Math.min(MAX_TRIALS_NEEDED, Math.ceil(need));
    }

    private static Verdict worst(List<MetricTest> tests) {
        if (tests.stream().anyMatch(t -> t.verdict() == Verdict.REGRESSION)) {
            return Verdict.REGRESSION;
        }
        if (tests.stream().anyMatch(t -> t.verdict() == Verdict.INCONCLUSIVE)) {
            return Verdict.INCONCLUSIVE;
        }
        if (!tests.isEmpty() && tests.stream().allMatch(t -> t.verdict() == Verdict.IMPROVED)) {
            return Verdict.IMPROVED;
        }
        return Verdict.PASS;
    }

    /** A note when the smallest possible p-value cannot clear Holm's first step. */
    private java.util.Optional<String> resolutionNote(List<Pending> pending) {
        List<Pending> tested = pending.stream().filter(p -> p.raw.stream().anyMatch(r -> r.blocking)).toList();
        int m = tested.stream().mapToInt(p -> (int) p.raw.stream().filter(r -> r.blocking).count()).sum();
        if (m == 0) {
            return java.util.Optional.empty();
        }
        Pending typical = tested.get(0);
        double threshold = policy.alpha() / m;
        double floor = 1 / binomial(typical.nb + typical.nc, typical.nc);
        double mcFloor = 1.0 / (policy.resamples() + 1);
        if (Math.max(floor, mcFloor) <= threshold) {
            return java.util.Optional.empty();
        }
        if (floor <= threshold) {
            return java.util.Optional.of("with " + policy.resamples() + " resamples the smallest p-value is "
                    + Numbers.sig(mcFloor, 2) + ", above Holm's first threshold α/m = " + Numbers.sig(threshold, 2)
                    + " for " + m + " blocking tests: no regression can be declared. Set resamples to at least "
                    + (long) Math.ceil(2 / threshold) + ", or gate fewer metrics or points.");
        }
        int n = typical.nc;
        while (1 / binomial(2 * n, n) > threshold && n < 1000) {
            n++;
        }
        return java.util.Optional.of("with " + typical.nb + " + " + typical.nc + " trials the smallest p-value any "
                + "test on them can give is " + Numbers.sig(floor, 2) + ", above Holm's first threshold α/m = "
                + Numbers.sig(threshold, 2) + " for " + m + " blocking tests: no regression can be "
                + "declared. Run at least " + n + " trials per arm, or gate fewer metrics or points.");
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
