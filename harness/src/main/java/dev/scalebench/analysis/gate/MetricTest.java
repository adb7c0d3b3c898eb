package dev.scalebench.analysis.gate;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;

/**
 * The test of one metric at one point.
 *
 * @param metric the metric
 * @param margin its margin δ
 * @param baselineMedian median of the baseline's per-trial values (ns, or tokens/s)
 * @param candidateMedian median of the candidate's
 * @param ratio candidate / baseline median
 * @param interval the bootstrap interval of the ratio at level {@code 1 − 2α}: each end is the one-sided bound
 *     at which verdicts are tested (as in two one-sided tests); undefined when not tested ({@link #tested()})
 * @param pRegression one-sided p-value against "no worse than the margin", before correction
 * @param pRegressionAdjusted after Holm (blocking) or Benjamini–Hochberg (warning)
 * @param pImprovementAdjusted one-sided p-value against "no better than the margin", adjusted likewise
 * @param pPass one-sided p-value against "worse than the margin" (small means PASS)
 * @param verdict the verdict
 * @param reason why, in words
 * @param trialsNeeded when inconclusive, about how many trials per arm would settle it (0 when not estimable)
 * @param reportOnly whether the policy only reports this metric ({@link GatePolicy#reportOnly()}): tested with the
 *     warnings (Benjamini–Hochberg), its regression is a warning and its verdict not the point's
 */
public record MetricTest(TrialMetric metric, double margin, double baselineMedian, double candidateMedian,
        double ratio, Interval interval, double pRegression, double pRegressionAdjusted, double pImprovementAdjusted,
        double pPass, Verdict verdict, String reason, int trialsNeeded, boolean reportOnly) {

    /** The test of a metric that can fail the gate (not {@link #reportOnly()}). */
    public MetricTest(TrialMetric metric, double margin, double baselineMedian, double candidateMedian,
            double ratio, Interval interval, double pRegression, double pRegressionAdjusted,
            double pImprovementAdjusted, double pPass, Verdict verdict, String reason, int trialsNeeded) {
        this(metric, margin, baselineMedian, candidateMedian, ratio, interval, pRegression, pRegressionAdjusted,
                pImprovementAdjusted, pPass, verdict, reason, trialsNeeded, false);
    }

    /**
     * Whether the metric was tested: false at a point with too few trials, whose candidate trials all failed, or
     * that the candidate lacks; such a test carries the medians the runs have (NaN for an arm without values) and
     * their ratio, with an undefined interval and NaN p-values.
     */
    public boolean tested() {
        return !Double.isNaN(pRegression);
    }

    /** Whether this test regressed but only warns: a report-only metric ({@link #reportOnly()}). */
    public boolean warns() {
        return reportOnly && verdict == Verdict.REGRESSION;
    }

    /** The change in percent, signed so that positive is worse (slower, or less throughput). */
    public double worsePercent() {
        return (metric.higherIsBetter() ? 1 / ratio - 1 : ratio - 1) * 100;
    }
}
