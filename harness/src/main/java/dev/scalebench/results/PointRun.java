package dev.scalebench.results;

import dev.scalebench.results.RunManifest.PointEntry;
import java.util.List;

/**
 * One planned point of a {@link Run} and its trials, in journal order (like JMH's {@code BenchmarkResult} inside a
 * {@code RunResult}).
 *
 * @param point the point as {@code run.json} plans it, with its workload
 * @param trials its journaled trials, OK and failed, in journal order
 */
public record PointRun(PointEntry point, List<TrialRun> trials) {

    public PointRun {
        trials = List.copyOf(trials);
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
