package dev.scalebench.analysis.compare;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.RunDatasets;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.Run;
import dev.scalebench.results.RunReader;
import java.util.List;
import java.util.Map;

/**
 * One run as a comparison reads it.
 *
 * @param label short name in reports: {@code A} for the baseline, then {@code B}, {@code C}...
 * @param metrics the run's per-trial statistics
 * @param device the device in words ({@link Dataset#device()}), {@code ""} when unknown
 * @param work FLOPs and bytes per step by point id, where known ({@link Dataset#work()})
 * @param hardware the run's hardware profile (matched to its device, or forced), or null
 * @param hardwareForced whether the profile was named by the user rather than matched
 * @param fits the run's {@code fits.json}, or null when it has none
 * @param fitsNote why the fits are missing (e.g. an unreadable {@code fits.json}), or null
 * @param repairs what reading the run's files repaired in memory ({@link RunReader#warnings()}), one sentence each
 */
public record CompareRun(String label, RunMetrics metrics, String device, Map<String, PointWork> work,
        HardwareProfile hardware, boolean hardwareForced, Analysis fits, String fitsNote, List<String> repairs) {

    public CompareRun {
        work = Map.copyOf(work);
        device = device == null ? "" : device;
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
    }

    /** The run {@code r} has read, without hardware profile or fits. */
    public static CompareRun read(String label, RunReader r) {
        return of(label, Run.of(r));
    }

    /** The run model {@code run}, without hardware profile or fits. */
    public static CompareRun of(String label, Run run) {
        Dataset d = RunDatasets.from(run);
        return new CompareRun(label, RunMetrics.of(run), d.device(), d.work(), null, false, null, null, d.repairs());
    }

    /** A copy with {@code profile} (null for none), {@code forced} when the user named it. */
    public CompareRun withHardware(HardwareProfile profile, boolean forced) {
        return new CompareRun(label, metrics, device, work, profile, forced, fits, fitsNote, repairs);
    }

    /** A copy with {@code analysis} as its fits (null for none) and {@code note} saying why they are missing. */
    public CompareRun withFits(Analysis analysis, String note) {
        return new CompareRun(label, metrics, device, work, hardware, hardwareForced, analysis, note, repairs);
    }

    /** The run id. */
    public String runId() {
        return metrics.runId();
    }

    /** {@code A (20261122-093628-cpu-scaling)}. */
    public String title() {
        return label + " (" + metrics.runId() + ")";
    }

    /** The hardware profile's price in USD per hour, NaN without one. */
    public double pricePerHour() {
        return hardware == null ? Double.NaN : hardware.pricePerHour();
    }

    /** The label of the {@code index}-th run: A ... Z, then R27, R28... */
    public static String label(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "R" + (index + 1);
    }
}
