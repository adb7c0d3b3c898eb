package dev.scalebench.measure.linux;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The physical cores available to the process: the CPUs of its affinity mask ({@code Cpus_allowed_list} of
 * {@code /proc/self/status}) counted once per core, two hyperthreads of one core being one core
 * ({@code /sys/devices/system/cpu/cpuN/topology/physical_package_id} and {@code core_id}; a core id repeats across
 * sockets, so the pair identifies a core). It is what a compute-bound engine's thread pool should be sized to:
 * more threads than cores share cores, and libtorch's OpenMP threads spin while they wait.
 *
 * <p>The count is capped at the JVM's {@link Runtime#availableProcessors()}, which also honours a container's CPU
 * quota (a cgroup limit of 2 CPUs on a 64-core host: 2), which the affinity mask does not show. Where the
 * topology of an allowed CPU cannot be read, each allowed CPU counts as a core ({@link Basis#AFFINITY}); where the
 * affinity mask cannot be read either, the count is {@code availableProcessors()} ({@link Basis#JVM}).
 *
 * @param cpus the CPUs the process may run on, ascending; empty when unreadable
 * @param physicalCores the physical cores among them, capped at {@code availableProcessors()} (≥ 1)
 * @param basis what the count rests on
 */
public record CpuTopology(List<Integer> cpus, int physicalCores, Basis basis) {

    /** What a {@link CpuTopology}'s count rests on. */
    public enum Basis {
        /** The affinity mask deduplicated by package and core id. */
        TOPOLOGY,
        /** The affinity mask alone (no readable topology): logical CPUs. */
        AFFINITY,
        /** The JVM's {@code availableProcessors()} (no readable affinity mask). */
        JVM
    }

    public CpuTopology {
        cpus = List.copyOf(cpus);
        if (physicalCores < 1) {
            throw new IllegalArgumentException("physical cores " + physicalCores + " < 1");
        }
    }

    /** This process on this machine. */
    public static CpuTopology of() {
        return read(LinuxRoots.system(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The topology under {@code roots}, capped at {@code availableProcessors}.
     *
     * @param availableProcessors the JVM's count ({@link Runtime#availableProcessors()}), the cap and the fallback
     */
    public static CpuTopology read(LinuxRoots roots, int availableProcessors) {
        int cap = Math.max(1, availableProcessors);
        Optional<List<Integer>> allowed = CpuList.allowed(roots);
        if (allowed.isEmpty() || allowed.get().isEmpty()) {
            return new CpuTopology(List.of(), cap, Basis.JVM);
        }
        List<Integer> cpus = allowed.get();
        Set<String> cores = new HashSet<>();
        for (int cpu : cpus) {
            long pkg = LinuxRoots.nonNegative(LinuxRoots.read(roots.cpu(cpu, "topology/physical_package_id")));
            long core = LinuxRoots.nonNegative(LinuxRoots.read(roots.cpu(cpu, "topology/core_id")));
            if (pkg < 0 || core < 0) {
                return new CpuTopology(cpus, Math.min(cpus.size(), cap), Basis.AFFINITY);
            }
            cores.add(pkg + ":" + core);
        }
        return new CpuTopology(cpus, Math.min(cores.size(), cap), Basis.TOPOLOGY);
    }
}
