package dev.scalebench.measure.linux;

import java.util.List;

/** The load average and the CPUs' current frequency: context for an interference reading, never a flag. */
public final class HostLoad {

    private HostLoad() {
    }

    /** This machine's one-minute load average; NaN when unreadable (not Linux). */
    public static double loadAverage1m() {
        return loadAverage1m(LinuxRoots.system());
    }

    /** The one-minute load average ({@code proc/loadavg}, first field); NaN when unreadable. */
    static double loadAverage1m(LinuxRoots roots) {
        String s = LinuxRoots.read(roots.proc().resolve("loadavg"));
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        return nonNegativeReal(s.trim().split("\\s+")[0]);
    }

    /**
     * The mean current frequency of {@code cpus}, MHz: from {@code cpufreq/scaling_cur_freq} (kHz) of the CPUs
     * that have it; where none has it (a virtual machine often has no cpufreq), from {@code proc/cpuinfo}'s
     * {@code cpu MHz} of those CPUs ({@code processor} numbers); NaN when neither is readable. {@code cpus} null:
     * every CPU {@code cpuinfo} lists.
     */
    static double cpuMHz(LinuxRoots roots, List<Integer> cpus) {
        if (cpus != null) {
            double sum = 0;
            int n = 0;
            for (int cpu : cpus) {
                long kHz = LinuxRoots.nonNegative(LinuxRoots.read(roots.cpu(cpu, "cpufreq/scaling_cur_freq")));
                if (kHz > 0) {
                    sum += kHz / 1000.0;
                    n++;
                }
            }
            if (n > 0) {
                return sum / n;
            }
        }
        return cpuinfoMHz(LinuxRoots.read(roots.proc().resolve("cpuinfo")), cpus);
    }

    /** The mean {@code cpu MHz} of the {@code processor} blocks of {@code cpuinfo} numbered in {@code cpus} (all when null). */
    static double cpuinfoMHz(String cpuinfo, List<Integer> cpus) {
        if (cpuinfo == null) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        long processor = -1;
        for (String line : cpuinfo.split("\n", -1)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("processor")) {
                processor = LinuxRoots.nonNegative(value);
            } else if (key.equals("cpu MHz") && (cpus == null || (processor >= 0 && cpus.contains((int) processor)))) {
                double mhz = nonNegativeReal(value);
                if (mhz > 0) {
                    sum += mhz;
                    n++;
                }
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }

    private static double nonNegativeReal(String s) {
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) && v >= 0 ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
