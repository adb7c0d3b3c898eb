package dev.scalebench.analysis.gate;

import java.util.List;

/**
 * The gate's verdict at one point: the worst of its metrics' verdicts (REGRESSION, then INCONCLUSIVE, then PASS,
 * then IMPROVED when every metric improved).
 *
 * @param pointId the point id
 * @param blocking whether a regression here fails the gate (otherwise it is a warning)
 * @param baselineTrials OK trials of the baseline
 * @param candidateTrials OK trials of the candidate
 * @param candidateFailed failed trials of the candidate
 * @param tests one per gated metric; at a point that could not be tested, the medians the runs have, untested
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

    /** Whether this is a regression on a non-blocking point. */
    public boolean warns() {
        return !blocking && verdict == Verdict.REGRESSION;
    }
}
