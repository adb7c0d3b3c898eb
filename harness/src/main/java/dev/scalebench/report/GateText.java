package dev.scalebench.report;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import dev.scalebench.results.TrialMetric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Phrases and numbers shared by the gate's outputs (plain text, not escaped). */
final class GateText {

    /** Where a cell has no value. */
    static final String NONE = "—";

    private GateText() {
    }

    /** A metric's value: a latency (ns) as a duration, throughput in tokens/s; {@link #NONE} when there is none. */
    static String value(TrialMetric m, double v) {
        if (!Double.isFinite(v)) {
            return NONE;
        }
        return m.unit().equals("ns") ? Numbers.seconds(v * 1e-9) : Format.quantity(v, m.unit());
    }

    /** The change of the medians with its interval: {@code +12.3 % [+8.1 %, +16.0 %]}. */
    static String change(MetricTest t) {
        if (!Double.isFinite(t.ratio())) {
            return NONE;
        }
        String c = Numbers.signedPercent(t.ratio() - 1);
        if (t.interval() == null || !t.tested()) {
            return c;
        }
        String ci = Numbers.interval(t.interval().lo() - 1, t.interval().hi() - 1, Numbers::signedPercent);
        return ci.isEmpty() ? c : c + " " + ci;
    }

    /** A p-value with two significant digits; {@code <0.0001} below that; {@link #NONE} when not tested. */
    static String p(double p) {
        if (Double.isNaN(p)) {
            return NONE;
        }
        return Double.isFinite(p) && p < 1e-4 ? "<0.0001" : Numbers.sig(p, 2);
    }

    /** A metric's margin in the direction that is worse: {@code +5 %} for latency, {@code −5 %} for throughput. */
    static String margin(TrialMetric m, double margin) {
        return (m.higherIsBetter() ? "−" : "+") + Numbers.sig(margin * 100, 3) + " %";
    }

    /** Every gated metric with its margin: {@code p99 +5 %, throughput −5 %}. */
    static String margins(GatePolicy p) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<TrialMetric, Double> e : p.margins().entrySet()) {
            out.add(e.getKey().id() + " " + margin(e.getKey(), e.getValue())
                    + (p.reportOnly(e.getKey()) ? " (report-only)" : ""));
        }
        return String.join(", ", out);
    }

    /** Which points block, in words: {@code every point}, or the selectors joined by {@code ; or }. */
    static String blocking(GatePolicy p) {
        if (p.blockAll()) {
            return "every point";
        }
        if (p.blocking().isEmpty()) {
            return "no point (every regression is a warning)";
        }
        List<String> out = new ArrayList<>();
        for (GatePolicy.Selector s : p.blocking()) {
            List<String> parts = new ArrayList<>();
            if (s.point() != null) {
                parts.add("point " + s.point());
            }
            if (s.model() != null) {
                parts.add("model " + s.model());
            }
            if (s.dtype() != null) {
                parts.add("dtype " + s.dtype());
            }
            if (s.phase() != null) {
                parts.add("phase " + s.phase());
            }
            if (!s.batch().isEmpty()) {
                parts.add("batch " + or(s.batch()));
            }
            if (!s.seq().isEmpty()) {
                parts.add("seq " + or(s.seq()));
            }
            out.add(String.join(", ", parts));
        }
        return "points with " + String.join("; or ", out);
    }

    private static String or(List<Integer> values) {
        return String.join(" or ", values.stream().map(String::valueOf).toList());
    }

    /** The policy in one sentence (without the final period). */
    static String policy(GatePolicy p) {
        return p.name() + ": margins " + margins(p) + "; family-wise α = " + Numbers.sig(p.alpha(), 3)
                + " over the blocking tests (Holm), warnings at false discovery rate " + Numbers.sig(p.warningFdr(), 3)
                + " (Benjamini–Hochberg); at least " + p.minTrials() + " OK trials per arm; " + p.resamples()
                + " bootstrap resamples; blocking: " + blocking(p);
    }

    /**
     * The gate's result in sentences: whose candidate, what regressed, what is inconclusive, what the deploy may
     * do. Text from the runs (run ids, point ids, the policy's name) goes through {@code esc}; at most
     * {@code maxNamed} point ids are named per sentence.
     */
    static List<String> summary(GateResult r, UnaryOperator<String> esc, int maxNamed) {
        List<PointVerdict> blocking = r.points().stream().filter(PointVerdict::blocking).toList();
        List<String> failing = pointIds(r.points().stream().filter(PointVerdict::fails).toList());
        List<String> inconclusive = pointIds(blocking.stream().filter(p -> p.verdict() == Verdict.INCONCLUSIVE)
                .toList());
        List<String> otherInconclusive = pointIds(r.points().stream()
                .filter(p -> !p.blocking() && p.verdict() == Verdict.INCONCLUSIVE).toList());
        List<String> warnings = pointIds(r.warnings().stream().filter(p -> !p.blocking()).toList());
        List<String> reportOnly = pointIds(r.warnings().stream().filter(PointVerdict::blocking).toList());
        List<String> improved = pointIds(r.points().stream().filter(p -> p.verdict() == Verdict.IMPROVED)
                .toList());
        List<String> s = new ArrayList<>();
        s.add("Candidate " + esc.apply(r.candidate().runId()) + " against baseline "
                + esc.apply(r.baseline().runId()) + " under policy " + esc.apply(r.policy().name()) + ".");
        if (blocking.isEmpty()) {
            s.add("No point blocks the deploy, so the gate cannot pass.");
        } else if (!failing.isEmpty()) {
            s.add(failing.size() + " of " + blocking.size() + " blocking points regressed: "
                    + esc.apply(ids(failing, maxNamed)) + ".");
        } else if (inconclusive.isEmpty()) {
            s.add("None of the " + count(blocking.size(), "blocking point", "blocking points")
                    + " regressed beyond its margin (" + esc.apply(margins(r.policy())) + ").");
        }
        if (!inconclusive.isEmpty()) {
            s.add(inconclusive.size() + " of " + blocking.size() + " blocking points "
                    + (inconclusive.size() == 1 ? "is" : "are") + " inconclusive: "
                    + esc.apply(ids(inconclusive, maxNamed)) + ".");
        }
        if (!warnings.isEmpty()) {
            s.add(count(warnings.size(), "non-blocking point", "non-blocking points")
                    + " regressed (" + (warnings.size() == 1 ? "a warning, which does" : "warnings, which do")
                    + " not block): " + esc.apply(ids(warnings, maxNamed)) + ".");
        }
        if (!reportOnly.isEmpty()) {
            s.add(count(reportOnly.size(), "point", "points") + " regressed in a report-only metric ("
                    + (reportOnly.size() == 1 ? "a warning, which does" : "warnings, which do") + " not block): "
                    + esc.apply(ids(reportOnly, maxNamed)) + ".");
        }
        if (!otherInconclusive.isEmpty()) {
            s.add(count(otherInconclusive.size(), "non-blocking point is", "non-blocking points are")
                    + " inconclusive: " + esc.apply(ids(otherInconclusive, maxNamed)) + ".");
        }
        if (!improved.isEmpty()) {
            s.add(count(improved.size(), "point", "points") + " improved: " + esc.apply(ids(improved, maxNamed))
                    + ".");
        }
        long pass = r.count(Verdict.PASS);
        if (pass > 0) {
            s.add(pass == r.points().size() ? "Every point passed."
                    : count(pass, "other point", "other points") + " passed.");
        }
        s.add(switch (r.verdict()) {
            case REGRESSION -> "The deploy is blocked.";
            case INCONCLUSIVE -> "The gate cannot vouch for the candidate: more trials, or the missing points, "
                    + "would settle it.";
            case PASS, IMPROVED -> "The deploy may go ahead.";
        });
        return s;
    }

    private static List<String> pointIds(List<PointVerdict> points) {
        return points.stream().map(PointVerdict::pointId).toList();
    }

    /** A run: {@code id (sweep s, from source)}. */
    static String run(GateResult.RunRef r) {
        return r.runId() + " (sweep " + r.sweep() + ", from " + r.source() + ")";
    }

    /**
     * A point's verdict as the reports label it: a regression on a non-blocking point is a {@code WARNING}, and so
     * is a passing point with a report-only metric's regression (an inconclusive one stays INCONCLUSIVE).
     */
    static String label(PointVerdict p) {
        return p.warns() && p.verdict() != Verdict.INCONCLUSIVE ? "WARNING" : p.verdict().name();
    }

    /**
     * A test's verdict as the reports label it (see {@link #label(PointVerdict)}; a report-only metric's regression
     * is a {@code WARNING} too).
     */
    static String label(PointVerdict p, MetricTest t) {
        return (!p.blocking() || t.reportOnly()) && t.verdict() == Verdict.REGRESSION ? "WARNING"
                : t.verdict().name();
    }

    /** The multiplicity correction of a point's tests. */
    static String correction(PointVerdict p) {
        return p.blocking() ? "Holm" : "Benjamini–Hochberg";
    }

    /** The multiplicity correction of one test: a report-only metric's is Benjamini–Hochberg at any point. */
    static String correction(PointVerdict p, MetricTest t) {
        return t.reportOnly() ? "Benjamini–Hochberg" : correction(p);
    }

    /** A test's metric as the tables name it: {@code tpot_p50 (report-only)}. */
    static String metric(MetricTest t) {
        return t.metric().id() + (t.reportOnly() ? " (report-only)" : "");
    }

    /**
     * Order of attention: blocking regressions, then inconclusive points (blocking or not), then warnings, then
     * improvements, then passes.
     */
    static int rank(PointVerdict p) {
        if (p.fails()) {
            return 0;
        }
        if (p.warns() && p.verdict() != Verdict.INCONCLUSIVE) {
            return 2;
        }
        return switch (p.verdict()) {
            case INCONCLUSIVE -> 1;
            case REGRESSION -> 2;
            case IMPROVED -> 3;
            case PASS -> 4;
        };
    }

    /** The points that are not PASS, most urgent first, plan order within a rank. */
    static List<PointVerdict> attention(GateResult r) {
        return r.points().stream().filter(p -> p.verdict() != Verdict.PASS || p.warns())
                .sorted(Comparator.comparingInt(GateText::rank)).toList();
    }

    /** A point's trials: {@code baseline 5 OK, candidate 3 OK (2 failed)}. */
    static String trials(PointVerdict p) {
        return "baseline " + p.baselineTrials() + " OK, candidate " + p.candidateTrials() + " OK"
                + (p.candidateFailed() > 0 ? " (" + p.candidateFailed() + " failed)" : "");
    }

    /**
     * One test in one line: {@code p99: 1.40 ms → 1.61 ms, +15.0 % [+13.2 %, +16.9 %] (margin +5 %), p = 0.0040
     * (Holm), REGRESSION}.
     */
    static String test(PointVerdict p, MetricTest t, double level) {
        if (!t.tested()) {
            return t.metric().id() + ": " + value(t.metric(), t.baselineMedian()) + " → "
                    + value(t.metric(), t.candidateMedian()) + ", " + change(t) + ", not tested, " + label(p, t);
        }
        String s = t.metric().id() + ": " + value(t.metric(), t.baselineMedian()) + " → "
                + value(t.metric(), t.candidateMedian()) + ", " + change(t) + " at " + Numbers.sig(level * 100, 3)
                + " % (margin " + margin(t.metric(), t.margin()) + "), p(regression) = " + p(t.pRegressionAdjusted())
                + " (" + correction(p, t) + "; raw " + p(t.pRegression()) + "), " + label(p, t);
        return t.trialsNeeded() > 0 && t.verdict() == Verdict.INCONCLUSIVE
                ? s + " (about " + t.trialsNeeded() + " trials per arm would settle it)" : s;
    }

    /** {@code n} ids joined by commas, at most {@code max}, then {@code and k more}. */
    static String ids(List<String> ids, int max) {
        if (ids.size() <= max) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, max)) + " and " + (ids.size() - max) + " more";
    }

    /** {@code 1 point}, {@code 2 points}. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
