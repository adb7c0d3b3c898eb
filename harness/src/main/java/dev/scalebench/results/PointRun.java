package dev.scalebench.results;

import dev.scalebench.measure.Flag;
import dev.scalebench.plan.TrialId;
import dev.scalebench.results.RunManifest.PointEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One planned point of a {@link Run} and its trials, in journal order (like JMH's {@code BenchmarkResult} inside a
 * {@code RunResult}).
 *
 * <p>A trial measured more than once (re-measured after interference: {@link TrialId#remeasured}) appears in
 * {@link #trials()} once, as the record every figure uses: its last measurement not flagged
 * {@link Flag#INTERFERED} that measured something, else its last that measured something (a re-measurement that failed
 * does not replace an interfered measurement), else its last record; the records it replaces are in
 * {@link #superseded()}, kept and counted, never analysed.
 *
 * @param point the point as {@code run.json} plans it, with its workload
 * @param trials its journaled trials, OK and failed, in journal order, one record per trial
 * @param superseded the records of re-measured trials that {@link #trials()} does not use, in journal order
 */
public record PointRun(PointEntry point, List<TrialRun> trials, List<TrialRun> superseded) {

    public PointRun {
        trials = List.copyOf(trials);
        superseded = List.copyOf(superseded);
    }

    /** A point whose trials were each measured once. */
    public PointRun(PointEntry point, List<TrialRun> trials) {
        this(point, trials, List.of());
    }

    /**
     * The point with {@code records} (journal order) reduced to one record per trial, the rest superseded (see the
     * class comment).
     */
    public static PointRun of(PointEntry point, List<TrialRun> records) {
        Map<String, List<TrialRun>> byTrial = new LinkedHashMap<>();
        for (TrialRun r : records) {
            byTrial.computeIfAbsent(TrialId.baseOf(r.record().trialId()), k -> new ArrayList<>()).add(r);
        }
        if (byTrial.size() == records.size()) {
            return new PointRun(point, records);
        }
        List<TrialRun> used = new ArrayList<>();
        List<TrialRun> superseded = new ArrayList<>();
        for (TrialRun r : records) {
            List<TrialRun> all = byTrial.get(TrialId.baseOf(r.record().trialId()));
            if (r == chosen(all)) {
                used.add(r);
            } else {
                superseded.add(r);
            }
        }
        return new PointRun(point, used, superseded);
    }

    private static TrialRun chosen(List<TrialRun> records) {
        TrialRun lastMeasured = null;
        for (int i = records.size() - 1; i >= 0; i--) {
            TrialRun r = records.get(i);
            if (r.measured() && !r.record().flags().contains(Flag.INTERFERED)) {
                return r;
            }
            if (r.measured() && lastMeasured == null) {
                lastMeasured = r;
            }
        }
        return lastMeasured != null ? lastMeasured : records.get(records.size() - 1);
    }

    /** How many of the point's trials were measured more than once. */
    public int remeasuredTrials() {
        return (int) superseded.stream().map(r -> TrialId.baseOf(r.record().trialId())).distinct().count();
    }

    /** The statistics of the trials that measured something, in journal order. */
    public List<TrialValues> measured() {
        return trials.stream().filter(TrialRun::measured).map(TrialRun::stats).toList();
    }

    /** The trials the journal records as failed, in journal order. */
    public List<TrialResult> failed() {
        return trials.stream().filter(TrialRun::failed).map(TrialRun::record).toList();
    }
}
