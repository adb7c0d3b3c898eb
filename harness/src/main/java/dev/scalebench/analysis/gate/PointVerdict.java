package dev.scalebench.analysis.gate;

import java.util.List;

/**
 * The gate's verdict at one point: the worst of its metrics' verdicts (REGRESSION, then INCONCLUSIVE, then PASS,
 * then IMPROVED when every metric improved), over the metrics that are not report-only
 * ({@link MetricTest#reportOnly()}) when it has any. A report-only metric's regression is a warning.
 *
 * @param pointId the point id
 * @param blocking whether a regression here fails the gate (otherwise it is a warning)
 * @param baselineTrials OK trials of the baseline
 * @param candidateTrials OK trials of the candidate
 * @param candidateFailed failed trials of the candidate
 * @param tests one per gated metric that the point has ({@link GatePolicy#applies}); at a point that could not be tested, the medians the runs have, untested
 *     ({@link MetricTest#tested()})
 * @param verdict the point's verdict
 * @param reason why, in words
 */
public record PointVerdict(String pointId, boolean blocking, int baselineTrials, int candidateTrials,
        int candidateFailed, List<MetricTest> tests, Verdict verdict, String reason) {

    public PointVerdict {
        tests = List.copyOf(tests);
    }

    /** Whether this point fails the gate. */
    public boolean fails() {
        return blocking && verdict == Verdict.REGRESSION;
    }

    /**
     * Whether this point warns without failing the gate: a regression on a non-blocking point, or of a report-only
     * metric.
     */
    public boolean warns() {
        return !fails() && (verdict == Verdict.REGRESSION || tests.stream().anyMatch(MetricTest::warns));
    }
}
