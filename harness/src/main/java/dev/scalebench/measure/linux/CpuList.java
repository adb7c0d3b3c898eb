package dev.scalebench.measure.linux;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's CPU list format ({@code Cpus_allowed_list} in {@code /proc/self/status}, {@code online} in
 * {@code /sys/devices/system/cpu}): comma-separated CPU numbers and ranges, e.g. {@code 0-3,8,10-11}.
 */
public final class CpuList {

    /** Larger CPU numbers are refused as malformed (the kernel's own limit, {@code NR_CPUS}, is at most 8192). */
    static final int MAX_CPU = 1 << 16;

    private CpuList() {
    }

    /** The CPUs {@code text} lists, ascending without duplicates; empty when it is null, blank or malformed. */
    public static Optional<List<Integer>> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        BitSet cpus = new BitSet();
        for (String part : text.trim().split(",", -1)) {
            int dash = part.indexOf('-');
            int from = number(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : number(part.substring(dash + 1));
            if (from < 0 || to < from) {
                return Optional.empty();
            }
            cpus.set(from, to + 1);
        }
        List<Integer> list = new ArrayList<>(cpus.cardinality());
        cpus.stream().forEach(list::add);
        return Optional.of(List.copyOf(list));
    }

    /** The CPUs the process may run on ({@code Cpus_allowed_list} of {@code proc/self/status}); empty when unreadable. */
    public static Optional<List<Integer>> allowed(LinuxRoots roots) {
        return parse(LinuxRoots.field(LinuxRoots.read(roots.self("status")), "Cpus_allowed_list:"));
    }

    private static int number(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 6 || !t.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int v = Integer.parseInt(t);
        return v <= MAX_CPU ? v : -1;
    }
}
