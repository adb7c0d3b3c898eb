package dev.scalebench.cli;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.backend.cuda.CalibrationResult;
import dev.scalebench.backend.cuda.CalibrationResult.Measurement;
import dev.scalebench.backend.cuda.CalibrationTarget;
import dev.scalebench.backend.cuda.CudaFacade;
import dev.scalebench.backend.cuda.CudaFacade.GpuInfo;
import dev.scalebench.config.Units;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code calibrate} stores and prints: the measured hardware profile of a {@link CalibrationResult} (ceilings
 * rounded to 4 significant digits, every number with a source saying how it was measured), and the table of
 * measured against data-sheet ceilings.
 */
final class CalibrationProfile {

    private static final MathContext DIGITS = new MathContext(4);

    private CalibrationProfile() {
    }

    /** A GPU's profile id (file name): {@code NVIDIA H100 80GB HBM3} → {@code nvidia-h100-80gb-hbm3}. */
    static String slug(String gpuName) {
        String s = gpuName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "gpu" : s;
    }

    /**
     * The measured profile.
     *
     * @param r the measurement
     * @param sheet the data-sheet profile matching the GPU, or null
     * @param id the profile's id (its file name)
     */
    static HardwareProfile of(CalibrationResult r, HardwareProfile sheet, String id) {
        GpuInfo g = CudaFacade.gpu(r);
        String where = "GPU " + g.index() + " (" + g.name() + (g.uuid().isEmpty() ? "" : ", " + g.uuid())
                + "), driver CUDA " + r.driverVersion() + ", JCuda " + r.jcudaVersion() + ", " + r.when();
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("sms", "CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, read by scalebench calibrate on " + where);
        sources.put("memory-bytes", "cuDeviceTotalMem, read by scalebench calibrate on " + where);
        Measurement bw = bestBandwidth(r).orElseThrow(() -> new IllegalArgumentException("no bandwidth measured"));
        sources.put("bandwidth-bytes-per-s", "measured by scalebench calibrate on " + where + ": " + protocol(r)
                + "; " + String.join("; ", r.measurements().stream().filter(m -> m.target().bandwidth())
                        .map(CalibrationProfile::describe).toList())
                + "; stored: the best repetition of " + bw.target().kernel() + ", bytes read + written (STREAM"
                + " convention, write-allocate not counted)");
        Map<String, Double> peaks = new LinkedHashMap<>();
        List<String> computed = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            if (!m.target().bandwidth()) {
                peaks.put(m.target().dtype(), round(m.bestRate()));
                computed.add(m.target().dtype() + " " + describe(m));
            }
        }
        if (!peaks.isEmpty()) {
            sources.put("peak-flops-per-s", "measured by scalebench calibrate on " + where + ": " + protocol(r) + "; "
                    + String.join("; ", computed) + "; stored: the best repetition per dtype; tensor-core rates are"
                    + " those mma.sync reaches (Hopper's wgmma reaches more)");
        }
        long l2 = Math.max(0, g.l2Bytes());
        if (l2 > 0) {
            sources.put("l2-bytes", "CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE, read by scalebench calibrate on " + where);
        }
        double price = Double.NaN;
        if (sheet != null && !Double.isNaN(sheet.pricePerHour())) {
            price = sheet.pricePerHour();
            sources.put("price-per-hour", "from the data-sheet profile " + sheet.id() + ": "
                    + sheet.sources().getOrDefault("price-per-hour", "no source"));
        }
        return new HardwareProfile(id, g.name() + " (measured by scalebench calibrate)", "gpu", List.of(g.name()),
                g.sms(), g.memoryBytes(), round(bw.bestRate()), peaks, l2, price, true, sources,
                sheet == null ? "" : sheet.id());
    }

    /** The bandwidth measurement with the higher best rate (copy or triad). */
    static Optional<Measurement> bestBandwidth(CalibrationResult r) {
        return r.measurements().stream().filter(m -> m.target().bandwidth())
                .max(Comparator.comparingDouble(Measurement::bestRate));
    }

    private static String protocol(CalibrationResult r) {
        return String.format(Locale.ROOT, "%d timed repetitions per probe, each at least %d ms of back-to-back"
                + " launches between two CUDA events, after %s of warm-up", r.settings().repetitions(),
                r.settings().repetitionTime().toMillis(), Units.formatDuration(r.settings().warmup()));
    }

    private static String describe(Measurement m) {
        return String.format(Locale.ROOT, "%s (%s; %d launches per repetition): best %s, median %s, worst %s %s",
                m.target().kernel(), m.setup(), m.launchesPerRepetition(), sig(m.bestRate()), sig(m.medianRate()),
                sig(m.worstRate()), m.target().unit());
    }

    /** {@code v} to 4 significant digits. */
    static double round(double v) {
        return new BigDecimal(v).round(DIGITS).doubleValue();
    }

    private static String sig(double v) {
        return new BigDecimal(v).round(DIGITS).toString().replace("E+", "e");
    }

    /**
     * The table {@code calibrate} prints: per probe the best and median rate, the data sheet's ceiling and the best
     * as a fraction of it.
     */
    static List<List<String>> table(CalibrationResult r, HardwareProfile sheet) {
        List<List<String>> rows = new ArrayList<>();
        for (Measurement m : r.measurements()) {
            CalibrationTarget t = m.target();
            double spec = sheet == null ? Double.NaN : t.bandwidth() ? sheet.bandwidthBytesPerS()
                    : sheet.peakFlops(t.dtype());
            rows.add(List.of(t.bandwidth() ? "bandwidth (" + t.id() + ")" : t.dtype() + " FLOP/s", t.kernel(),
                    Numbers.si(m.bestRate(), t.unit()), Numbers.si(m.medianRate(), t.unit()),
                    Double.isNaN(spec) ? "-" : Numbers.si(spec, t.unit()),
                    Double.isNaN(spec) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * m.bestRate() / spec)));
        }
        return rows;
    }

    /** The header of {@link #table}. */
    static List<String> header(HardwareProfile sheet) {
        return List.of("ceiling", "probe", "best", "median", sheet == null ? "data sheet" : "data sheet ("
                + sheet.id() + ")", "best / data sheet");
    }

    /** The comment lines at the top of the profile file. */
    static List<String> comments(CalibrationResult r, String command) {
        return List.of("scalebench hardware profile, measured: written by `" + command + "` at " + r.when() + ".",
                "Run calibrate again rather than editing it. Keys as in profiles/hardware/*.yaml; 'spec' names the",
                "data-sheet profile whose ceilings the reports show beside these. Each ceiling is the best of "
                        + r.settings().repetitions() + " timed",
                "repetitions (the most this GPU sustained); the sources give the median and the probe's sizes too.",
                "");
    }
}
