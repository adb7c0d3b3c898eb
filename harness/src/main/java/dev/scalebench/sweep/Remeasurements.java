package dev.scalebench.sweep;

import dev.scalebench.config.Remeasure;
import dev.scalebench.measure.Flag;
import dev.scalebench.plan.Trial;
import dev.scalebench.plan.TrialId;
import dev.scalebench.results.TrialResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which trials a sweep measures again at its end (the sweep file's {@code remeasure:}; docs/measurement.md,
 * "Interference"): a planned trial whose latest record is OK, flagged {@link Flag#INTERFERED}, and a re-measurement
 * number below the policy's count. Computed from the journal alone, so a sweep killed during its re-measurements
 * resumes them: the journal says which were done.
 */
final class Remeasurements {

    private Remeasurements() {
    }

    /**
     * The re-measurements due, in the plan's order, numbered from {@code nextSequence}.
     *
     * @param all the run's planned trials (first measurements)
     * @param journal every record, in journal order
     */
    static List<Trial> due(List<Trial> all, List<TrialResult> journal, Remeasure policy, int nextSequence) {
        if (policy.times() == 0) {
            return List.of();
        }
        Map<String, TrialResult> latest = new HashMap<>();
        for (TrialResult r : journal) {
            String base = TrialId.baseOf(r.trialId());
            TrialResult earlier = latest.get(base);
            if (earlier == null || TrialId.remeasureOf(r.trialId()) >= TrialId.remeasureOf(earlier.trialId())) {
                latest.put(base, r);
            }
        }
        List<Trial> due = new ArrayList<>();
        for (Trial t : all) {
            TrialResult last = latest.get(t.id());
            if (last == null || !last.ok() || !last.flags().contains(Flag.INTERFERED)) {
                continue;
            }
            int k = TrialId.remeasureOf(last.trialId());
            if (k < policy.times()) {
                due.add(t.remeasured(k + 1, nextSequence + due.size()));
            }
        }
        return due;
    }

    /** The next free position in the run order: one past the largest the journal holds. */
    static int nextSequence(List<TrialResult> journal, int planned) {
        int next = planned;
        for (TrialResult r : journal) {
            next = Math.max(next, r.sequence() + 1);
        }
        return next;
    }
}
