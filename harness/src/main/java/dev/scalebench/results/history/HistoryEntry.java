package dev.scalebench.results.history;

import dev.scalebench.results.RunManifest;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run as the history lists it: its identity and counts, without its trials ({@link History#load} has those).
 *
 * @param runId the run id
 * @param sweep the sweep's name
 * @param status how the run ended
 * @param started when it started
 * @param ended when it ended; null when it did not
 * @param specHash SHA-256 (hex) of the resolved specification; {@code ""} when none
 * @param device the device in words: {@code gpu.name}, else {@code device.name}, else {@code device} of the
 *     fingerprint; {@code unknown} when none is known
 * @param gitCommit the {@code git.commit} of the fingerprint ({@code unknown} when not known)
 * @param dir the run folder as indexed (absolute); null when not given
 * @param points planned points
 * @param trials OK trials with a histogram
 * @param failedTrials failed trials
 * @param fingerprint the environment fingerprint, sorted by key
 */
public record HistoryEntry(String runId, String sweep, RunManifest.Status status, Instant started, Instant ended,
        String specHash, String device, String gitCommit, String dir, int points, int trials, int failedTrials,
        Map<String, String> fingerprint) {

    public HistoryEntry {
        fingerprint = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fingerprint));
    }

    /** Whether the run finished ({@code COMPLETE}) with no failed trial, as {@link dev.scalebench.results.RunMetrics#good()}. */
    public boolean good() {
        return status == RunManifest.Status.COMPLETE && failedTrials == 0;
    }
}
