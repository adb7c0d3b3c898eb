package dev.scalebench.analysis.gate;

import java.util.List;
import java.util.Map;

/**
 * Everything a gate decided and why.
 *
 * @param policy the policy applied
 * @param baseline the baseline run
 * @param candidate the candidate run
 * @param envMismatches fingerprint facts (of the policy's) that differ, as {@code key: baseline → candidate};
 *     non-empty only when allowed
 * @param points one verdict per point of the candidate that the baseline also measured, in plan order
 * @param onlyInBaseline points the baseline has and the candidate's plan lacks
 * @param onlyInCandidate points the candidate has and the baseline's plan lacks
 * @param notes what the reader should know (resolution limits, missing points), one sentence each
 * @param verdict the gate's verdict: REGRESSION if any blocking point regressed, else INCONCLUSIVE if any blocking
 *     point (or a blocking point missing from the candidate) is inconclusive, else PASS
 * @param repairs what reading the run folders repaired in memory (a crash's leftovers, so trials the gate did not
 *     see), each as {@code baseline: <repair>} or {@code candidate: <repair>}
 */
public record GateResult(GatePolicy policy, RunRef baseline, RunRef candidate, List<String> envMismatches,
        List<PointVerdict> points, List<String> onlyInBaseline, List<String> onlyInCandidate, List<String> notes,
        Verdict verdict, List<String> repairs) {

    public GateResult {
        envMismatches = List.copyOf(envMismatches);
        points = List.copyOf(points);
        onlyInBaseline = List.copyOf(onlyInBaseline);
        onlyInCandidate = List.copyOf(onlyInCandidate);
        notes = List.copyOf(notes);
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
    }

    /** A result of runs read without repairs. */
    public GateResult(GatePolicy policy, RunRef baseline, RunRef candidate, List<String> envMismatches,
            List<PointVerdict> points, List<String> onlyInBaseline, List<String> onlyInCandidate, List<String> notes,
            Verdict verdict) {
        this(policy, baseline, candidate, envMismatches, points, onlyInBaseline, onlyInCandidate, notes, verdict,
                List.of());
    }

    /** A copy listing {@code newRepairs} as the repairs made while reading the runs. */
    public GateResult withRepairs(List<String> newRepairs) {
        return new GateResult(policy, baseline, candidate, envMismatches, points, onlyInBaseline, onlyInCandidate,
                notes, verdict, newRepairs);
    }

    /** The process exit code: 0 pass, 1 regression, 3 inconclusive. */
    public int exitCode() {
        return verdict.exitCode();
    }

    /** Count of points per verdict, blocking and not. */
    public long count(Verdict v) {
        return points.stream().filter(p -> p.verdict() == v).count();
    }

    /** Points that warn: non-blocking points that regressed, and regressions of report-only metrics. */
    public List<PointVerdict> warnings() {
        return points.stream().filter(PointVerdict::warns).toList();
    }

    /**
     * Whether these trials could have shown a regression at all: a blocking point failed outright, or some tested
     * blocking point's smallest possible p-value (the larger of the permutation floor {@code 1 / C(n_b + n_c, n_c)}
     * and the bootstrap's {@code 1 / (resamples + 1)}) clears Holm's first threshold {@code α / m} over the
     * {@code m} tested blocking tests. When false, no REGRESSION was possible, whatever the data (the notes say
     * so): an A/A comparison of such results measures nothing.
     */
    public boolean regressionPossible() {
        if (points.stream().anyMatch(PointVerdict::fails)) {
            return true;
        }
        java.util.function.Predicate<MetricTest> counts = t -> t.tested() && !t.reportOnly();
        List<PointVerdict> tested = points.stream()
                .filter(p -> p.blocking() && p.tests().stream().anyMatch(counts)).toList();
        long m = tested.stream().mapToLong(p -> p.tests().stream().filter(counts).count()).sum();
        if (m == 0) {
            return false;
        }
        double threshold = policy.alpha() / m;
        double mcFloor = 1.0 / (policy.resamples() + 1);
        return tested.stream().anyMatch(p -> Math.max(mcFloor,
                1 / Gate.binomial(p.baselineTrials() + p.candidateTrials(), p.candidateTrials())) <= threshold);
    }

    /**
     * A run as the gate names it.
     *
     * @param runId the run id
     * @param sweep the sweep's name
     * @param source where it was read: a folder, or the history database
     * @param fingerprint its environment fingerprint
     */
    public record RunRef(String runId, String sweep, String source, Map<String, String> fingerprint) {
        public RunRef {
            fingerprint = Map.copyOf(fingerprint);
        }
    }
}
