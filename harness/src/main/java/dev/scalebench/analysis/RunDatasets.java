package dev.scalebench.analysis;

import dev.scalebench.plan.Workload;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.PointRun;
import dev.scalebench.results.PointSummary;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunReader;
import dev.scalebench.results.TrialResult;
import dev.scalebench.results.TrialRun;
import dev.scalebench.results.TrialValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Dataset} of a scalebench run: one {@link Sample} per OK trial (its histogram's p50, p99 and mean, and
 * its device time per step where the backend measured one),
 * the analytic work of every synthetic-decoder point and the peak memory growth of every point whose trials measured
 * it ({@link PointWork}), and the device from the run's fingerprint.
 */
public final class RunDatasets {

    private RunDatasets() {
    }

    /**
     * The dataset of {@code run}. Samples come in plan order, then by replicate. Nothing here fails on a partial
     * run: points without an OK trial, trials of unplanned points and a specification the work cannot be computed
     * from become warnings; the repairs {@code sweep --resume} made on disk ({@link RunManifest#repairs()}) and the
     * reader's in-memory repairs ({@link RunReader#warnings()}) are the dataset's {@link Dataset#repairs()}.
     */
    public static Dataset from(RunReader run) {
        return from(Run.of(run));
    }

    /** The dataset of the run model {@code run} (see {@link #from(RunReader)}); reads nothing. */
    public static Dataset from(Run run) {
        RunManifest m = run.manifest();
        List<String> warnings = new ArrayList<>();
        Set<String> unplanned = new LinkedHashSet<>();
        run.unplanned().forEach(t -> unplanned.add(t.pointId()));
        for (String id : unplanned) {
            warnings.add("trials of point " + id + " are in the journal but the point is not in the plan; skipped");
        }
        energyUnavailable(run).ifPresent(warnings::add);
        String remeasured = run.remeasured().describe();
        if (!remeasured.isEmpty()) {
            warnings.add(remeasured + "; the records it replaces stay in the journal");
        }
        Map<String, PointEntry> entries = new LinkedHashMap<>();
        m.plan().points().forEach(e -> entries.put(e.id(), e));
        // the OK trials with a non-empty histogram, in plan order then by replicate
        List<Sample> samples = new ArrayList<>();
        for (TrialValues t : run.measured()) {
            samples.add(new Sample(key(entries.get(t.pointId())), Integer.toString(t.replicate()), t.p50Ns(),
                    t.p99Ns(), t.meanNs(), t.deviceNs(), t.flags(), t.generation(), t.energy()));
        }
        for (PointRun p : run.points()) {
            if (p.measured().isEmpty()) {
                warnings.add("point " + p.point().id() + " has no OK trial (" + why(p.failed()) + "); left out");
            }
        }
        List<String> repairs = new ArrayList<>(m.repairs());
        repairs.addAll(run.warnings());
        Map<String, PointWork> work = work(m, entries.values(), warnings);
        addMemory(run, work);
        return new Dataset(run.dir().toString(), device(m.fingerprint()), samples, work, warnings, repairs);
    }

    /**
     * Adds each point's measured peak memory growth to its work: the largest reading over its OK trials, the
     * reduction {@code summary.csv} uses ({@link PointSummary#memPeakBytes(List)}); points none of whose trials
     * measured memory keep {@code -1}.
     */
    private static void addMemory(Run run, Map<String, PointWork> work) {
        for (PointRun p : run.points()) {
            List<TrialResult> ok = p.trials().stream().filter(TrialRun::measured).map(TrialRun::record).toList();
            long peak = PointSummary.memPeakBytes(ok);
            if (peak >= 0) {
                work.merge(p.point().id(), PointWork.UNKNOWN.withMemPeak(peak), (w, m) -> w.withMemPeak(peak));
            }
        }
    }

    private static PointKey key(PointEntry e) {
        return new PointKey(e.model(), e.dtype(), e.phase(), e.params(), e.batch(), e.seq(), e.output());
    }

    private static String why(List<TrialResult> failed) {
        if (failed == null || failed.isEmpty()) {
            return "not run";
        }
        return failed.size() + " failed, e.g. " + TrialResult.describeFailure(failed.get(0));
    }

    /**
     * The device in words: the GPU name where the backend recorded one ({@code gpu.name}), else
     * {@code device.name}, prefixed {@code cpu: } (with {@code cpu.model}) on the CPU, else the backend's
     * {@code device} fact (the simulator puts its name there); {@code ""} when none is known.
     */
    static String device(Map<String, String> fp) {
        String deviceId = known(fp.get("device"));
        String gpu = known(fp.get("gpu.name"));
        if (gpu != null) {
            return gpu;
        }
        String name = known(fp.get("device.name"));
        if ("cpu".equals(deviceId)) {
            String cpu = known(fp.get("cpu.model"));
            return "cpu: " + (cpu != null ? cpu : name != null ? name : "unknown");
        }
        if (name != null) {
            return name;
        }
        return deviceId != null ? deviceId : "";
    }

    private static String known(String v) {
        return v == null || v.isBlank() || v.equals("unknown") ? null : v.trim();
    }

    /**
     * Work per point id, from the workloads {@code run.json} stores (computed at plan time; for a schema-1 run, from
     * its stored specification as it was read). Points whose model kind counts its parameters but whose workload is
     * unknown are named in one warning.
     */
    private static Map<String, PointWork> work(RunManifest m, Iterable<PointEntry> entries, List<String> warnings) {
        Map<String, PointWork> work = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (PointEntry e : entries) {
            Workload w = e.workload();
            if (w != null && w.knowsWork()) {
                work.put(e.id(), new PointWork(w.flopsPerStep(), w.bytesPerStep()));
            } else if (w == null && e.params() >= 0) {
                missing.add(e.model() + "/" + e.dtype() + "/" + e.phase());
            }
        }
        if (!missing.isEmpty()) {
            warnings.add("FLOPs and bytes per step are unknown (no roofline, no GFLOP/s) for " + String.join(", ", missing)
                    + ": " + (m.spec() == null ? "run.json has no sweep specification"
                            : "the stored specification does not describe these models as planned"));
        }
        return work;
    }

    /**
     * {@code energy: unavailable (<reason>)} when no trial of {@code run} read energy and its fingerprint says why:
     * {@code energy.cpu} (RAPL) on a CPU, {@code gpu.nvml} on a GPU. Said once, in the analysis's warnings (so in
     * report.md, report.html and fits.json), never as a zero.
     */
    static java.util.Optional<String> energyUnavailable(Run run) {
        boolean measured = run.measured().stream().anyMatch(t -> t.energy() != null);
        if (measured) {
            return java.util.Optional.empty();
        }
        return Fingerprint.energyUnavailable(run.manifest().fingerprint());
    }
}
