package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.measure.linux.CpuTopology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** doctor's "CPU fit to measure": the cores, and whether the machine is busy now, with what to do when it is. */
class DoctorCpuTest {

    private static final CpuTopology TWO = new CpuTopology(List.of(0, 1), 2, CpuTopology.Basis.TOPOLOGY);

    @Test
    void anIdleMachineIsFitAndSaysWhatItSees() {
        DoctorCommand.Check c = DoctorCpu.check(TWO, 0.4, "unavailable (no RAPL)", null);
        assertThat(c.ok()).isTrue();
        assertThat(c.detail()).contains("2 physical cores (topology) of 2 CPUs allowed", "load average 0.40",
                "energy: unavailable (no RAPL)", "OMP_NUM_THREADS unset");
    }

    @Test
    void aBusyMachineIsAProblemWithItsFix() {
        DoctorCommand.Check c = DoctorCpu.check(TWO, 5.2, "rapl (package-0)", "2");
        assertThat(c.ok()).isFalse();
        assertThat(c.broken()).isTrue();
        assertThat(c.required()).isFalse();
        assertThat(c.detail()).contains("busy", "load average 5.20", "flagged interfered", "OMP_NUM_THREADS 2");
        assertThat(c.fix()).contains("taskset", "threads:");
        assertThat(DoctorCpu.check(TWO, 1.0, "x", null).ok()).as("exactly half per CPU is not busy").isTrue();
        assertThat(DoctorCpu.check(TWO, Double.NaN, "x", null).ok()).as("unknown load is not busy").isTrue();
    }
}
