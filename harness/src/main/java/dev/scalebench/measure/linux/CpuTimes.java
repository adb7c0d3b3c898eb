package dev.scalebench.measure.linux;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time accounts of {@code proc/stat}'s {@code cpuN} lines at one moment, in USER_HZ ticks (1/100 s on
 * every Linux architecture scalebench runs on): per CPU the total (user, nice, system, idle, iowait, irq, softirq
 * and steal; guest time is already inside user and nice) and the steal time (time a hypervisor ran other guests
 * while this virtual CPU wanted to run).
 *
 * @param cpus per CPU number: {@code [totalTicks, stealTicks]}
 */
record CpuTimes(Map<Integer, long[]> cpus) {

    static final CpuTimes NONE = new CpuTimes(Map.of());

    /** The fields summed into a CPU's total: user … steal. */
    private static final int FIELDS = 8;
    private static final int STEAL = 7;

    static CpuTimes read(LinuxRoots roots) {
        return parse(LinuxRoots.read(roots.proc().resolve("stat")));
    }

    /** The {@code cpuN} lines of {@code stat}; a line with fewer than eight numbers, or a non-number, is left out. */
    static CpuTimes parse(String stat) {
        if (stat == null) {
            return NONE;
        }
        Map<Integer, long[]> cpus = new HashMap<>();
        for (String line : stat.split("\n", -1)) {
            if (!line.startsWith("cpu") || line.length() < 4 || !Character.isDigit(line.charAt(3))) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            long cpu = LinuxRoots.nonNegative(f[0].substring(3));
            if (cpu < 0 || cpu > CpuList.MAX_CPU || f.length < FIELDS + 1) {
                continue;
            }
            long total = 0;
            long steal = -1;
            for (int i = 0; i < FIELDS && total >= 0; i++) {
                long v = LinuxRoots.nonNegative(f[i + 1]);
                total = v < 0 ? -1 : total + v;
                if (i == STEAL) {
                    steal = v;
                }
            }
            if (total >= 0) {
                cpus.put((int) cpu, new long[] {total, steal});
            }
        }
        return new CpuTimes(Map.copyOf(cpus));
    }

    /**
     * Steal over total ticks that passed since {@code before}, summed over {@code only} (all CPUs when null) that
     * both readings hold; NaN when fewer than {@code minTicksPerCpu} ticks per counted CPU passed (the counters'
     * tick resolution would make the fraction coarse) or no CPU was read twice.
     */
    double stealFractionSince(CpuTimes before, List<Integer> only, long minTicksPerCpu) {
        long total = 0;
        long steal = 0;
        int counted = 0;
        for (Map.Entry<Integer, long[]> e : cpus.entrySet()) {
            long[] then = before.cpus.get(e.getKey());
            if (then == null || (only != null && !only.contains(e.getKey()))) {
                continue;
            }
            long dTotal = e.getValue()[0] - then[0];
            long dSteal = e.getValue()[1] - then[1];
            if (dTotal < 0 || dSteal < 0) {
                return Double.NaN; // a counter went backwards: not the same CPU's account (hot-plugged)
            }
            total += dTotal;
            steal += dSteal;
            counted++;
        }
        if (counted == 0 || total < minTicksPerCpu * counted) {
            return Double.NaN;
        }
        return (double) steal / total;
    }
}
