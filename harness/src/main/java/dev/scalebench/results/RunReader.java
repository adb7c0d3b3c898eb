package dev.scalebench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Reads a finished or partial run for summary and analysis, without changing any file. A crash's leftovers
 * (incomplete last lines, orphan histograms, duplicates) are repaired in memory, exactly as {@link RunStore#open}
 * would, and reported in {@link #warnings()}; other damage is a
 * {@link dev.scalebench.ScalebenchException#badInput} naming the file and the line.
 *
 * @param dir the run folder
 * @param manifest the manifest
 * @param trials every journalled trial, OK and failed, in journal order
 * @param histograms latency histograms (ns per iteration) of the OK trials, by trial id; each carries the trial
 *     id as its tag and the trial's start/end as time stamps (ms since the epoch)
 * @param warnings the in-memory repairs, one sentence each
 * @param series further histograms of the OK trials that have them, by trial id, then series name: a generate
 *     trial's {@code ttft}, {@code tpot} and {@code itl} ({@link GenerationSeries})
 */
public record RunReader(Path dir, RunManifest manifest, List<TrialResult> trials, Map<String, Histogram> histograms,
        List<String> warnings, Map<String, Map<String, Histogram>> series) {

    public RunReader {
        series = series == null ? Map.of() : series;
    }

    /** A run whose trials have no further histograms. */
    public RunReader(Path dir, RunManifest manifest, List<TrialResult> trials, Map<String, Histogram> histograms,
            List<String> warnings) {
        this(dir, manifest, trials, histograms, warnings, Map.of());
    }

    /** Reads the run in {@code runDir}. */
    public static RunReader read(Path runDir) {
        RunFiles.Loaded l = RunFiles.load(runDir);
        return new RunReader(runDir, l.manifest(), l.trials(), l.histograms(), l.warnings(), l.series());
    }

    /**
     * How many times this process has read a run folder's files (here, in {@link RunStore#open} and in a merge's
     * reading of its shards): what tests count to hold a command to one read.
     */
    public static long folderReads() {
        return RunFiles.loads();
    }

    /** The histogram of an OK trial, or null. */
    public Histogram histogram(String trialId) {
        return histograms.get(trialId);
    }
}
