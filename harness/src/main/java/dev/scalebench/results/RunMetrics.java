package dev.scalebench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebench.results.RunManifest.PointEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A run reduced to what comparisons, gates, history and trends need: its identity, fingerprint, points, and the
 * statistics of every OK trial ({@link TrialValues}). Read from a run folder ({@link #of(RunReader)}) or from the
 * history database, which stores exactly this.
 *
 * @param runId the run id
 * @param sweep the sweep's name
 * @param status how the run ended
 * @param started when it started
 * @param ended when it ended; null when it did not
 * @param fingerprint the environment fingerprint, sorted by key
 * @param specHash SHA-256 (hex) of the resolved sweep specification as stored; {@code ""} when there is none
 * @param points the planned points, in plan order
 * @param trials the OK trials with a non-empty histogram, in plan order then by replicate
 * @param failedTrials failed trials per point id (points without failures are absent)
 * @param remeasuredTrials trials measured again after interference ({@link Run#remeasured()}); {@code trials} holds
 *     the measurement the run model chose for each (0 when unknown, e.g. read from a history)
 */
public record RunMetrics(String runId, String sweep, RunManifest.Status status, Instant started, Instant ended,
        Map<String, String> fingerprint, String specHash, List<PointEntry> points, List<TrialValues> trials,
        Map<String, Integer> failedTrials, int remeasuredTrials) {

    /** Metrics whose re-measurements are unknown (or none). */
    public RunMetrics(String runId, String sweep, RunManifest.Status status, Instant started, Instant ended,
            Map<String, String> fingerprint, String specHash, List<PointEntry> points, List<TrialValues> trials,
            Map<String, Integer> failedTrials) {
        this(runId, sweep, status, started, ended, fingerprint, specHash, points, trials, failedTrials, 0);
    }

    public RunMetrics {
        fingerprint = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fingerprint));
        points = List.copyOf(points);
        trials = List.copyOf(trials);
        failedTrials = Map.copyOf(failedTrials);
    }

    /** The metrics of the run {@code r} has read. */
    public static RunMetrics of(RunReader r) {
        return of(Run.of(r));
    }

    /** The metrics of {@code run}: its trials' statistics as the run model reduced them. */
    public static RunMetrics of(Run run) {
        RunManifest m = run.manifest();
        Map<String, Integer> failed = new TreeMap<>();
        for (PointRun p : run.points()) {
            int n = p.failed().size();
            if (n > 0) {
                failed.put(p.point().id(), n);
            }
        }
        return new RunMetrics(m.runId(), sweepName(m), m.status(), m.started(), m.ended(), m.fingerprint(),
                specHash(m.spec()), m.plan().points(), run.measured(), failed, run.remeasured().trials());
    }

    /** The sweep's name from the stored specification, else the run id without its time stamp. */
    static String sweepName(RunManifest m) {
        JsonNode name = m.spec() == null ? null : m.spec().get("name");
        if (name != null && name.isTextual() && !name.asText().isBlank()) {
            return name.asText();
        }
        String id = m.runId();
        return id.matches("\\d{8}-\\d{6}-.+") ? id.substring(16) : id;
    }

    /** SHA-256 (hex) of the specification's compact JSON; {@code ""} when null. */
    public static String specHash(JsonNode spec) {
        if (spec == null) {
            return "";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(spec.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether the run finished ({@code COMPLETE}) with no failed trial. */
    public boolean good() {
        return status == RunManifest.Status.COMPLETE && failedTrials.isEmpty();
    }

    /** The OK trials grouped by point id, in plan order. */
    public Map<String, List<TrialValues>> trialsByPoint() {
        Map<String, List<TrialValues>> m = new LinkedHashMap<>();
        points.forEach(p -> m.put(p.id(), new ArrayList<>()));
        trials.forEach(t -> m.computeIfAbsent(t.pointId(), k -> new ArrayList<>()).add(t));
        return m;
    }

    /** The point with id {@code id}, or null. */
    public PointEntry point(String id) {
        for (PointEntry p : points) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }
}
