package dev.scalebench.cli;

import dev.scalebench.measure.Interference;
import dev.scalebench.measure.linux.CpuTopology;
import dev.scalebench.measure.linux.HostLoad;
import dev.scalebench.measure.linux.Rapl;
import java.util.Locale;

/**
 * The doctor's "CPU fit to measure" check (docs/measurement.md, "Interference" and "Threads"): the physical cores a
 * sweep's {@code threads:} default would use, and whether the machine is busy now — a one-minute load average above
 * half the CPUs this process may use means other work is running, and trials measured now would likely be
 * flagged {@code interfered}. Also what CPU energy can be read (RAPL) and the OpenMP variable libtorch reads.
 */
final class DoctorCpu {
    static final String NAME = "CPU fit to measure";

    /** Load per allowed CPU above which the machine counts as busy: {@value}. */
    static final double BUSY_LOAD_PER_CPU = 0.5;

    private DoctorCpu() {
    }

    static DoctorCommand.Check check() {
        return check(CpuTopology.of(), HostLoad.loadAverage1m(), Rapl.probe().describe(),
                System.getenv("OMP_NUM_THREADS"));
    }

    static DoctorCommand.Check check(CpuTopology topology, double load1m, String energy, String omp) {
        int cpus = topology.cpus().isEmpty() ? topology.physicalCores() : topology.cpus().size();
        String detail = String.format(Locale.ROOT, "%d physical core%s (%s) of %d CPU%s allowed; load average %s;"
                        + " energy: %s; OMP_NUM_THREADS %s", topology.physicalCores(),
                topology.physicalCores() == 1 ? "" : "s", topology.basis().name().toLowerCase(Locale.ROOT), cpus,
                cpus == 1 ? "" : "s", Double.isNaN(load1m) ? "unknown" : String.format(Locale.ROOT, "%.2f", load1m),
                energy, omp == null ? "unset" : omp);
        boolean busy = load1m > BUSY_LOAD_PER_CPU * cpus;
        if (!busy) {
            return new DoctorCommand.Check(NAME, true, false, detail, null);
        }
        return DoctorCommand.Check.broken(NAME, "busy: " + detail + String.format(Locale.ROOT, " — above %.1f per"
                + " CPU, so trials measured now would likely wait for a CPU more than %.0f %% of their loop and be"
                + " flagged interfered", BUSY_LOAD_PER_CPU, 100 * Interference.RUN_QUEUE_WAIT_THRESHOLD),
                "measure when the machine is idle (see what runs: top -o %CPU), or give the sweep CPUs of its own"
                        + " (taskset -c <cpus> ./scalebench sweep ...) and set threads: to their number");
    }
}
