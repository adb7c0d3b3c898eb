package dev.scalebench.measure.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CpuTopology} on fixture machines: hyperthreads, sockets, a restricted affinity, missing topology. */
class CpuTopologyTest {

    @TempDir
    Path tmp;

    /**
     * Two sockets of 4 cores with 2 hyperthreads each, numbered as Linux does on such a machine: CPUs 0–7 are the
     * first thread of each core (socket 0: 0–3, socket 1: 4–7, core ids 0–3 on both), CPUs 8–15 their siblings.
     */
    private Fixture twoSocketsHyperthreaded(String allowed) {
        Fixture f = new Fixture(tmp).write("proc/self/status", "Name:\tjava\nCpus_allowed_list:\t" + allowed + "\n");
        for (int cpu = 0; cpu < 16; cpu++) {
            int first = cpu % 8;
            f.write("sys/devices/system/cpu/cpu" + cpu + "/topology/physical_package_id", first / 4 + "\n")
                    .write("sys/devices/system/cpu/cpu" + cpu + "/topology/core_id", first % 4 + "\n");
        }
        return f;
    }

    @Test
    void hyperthreadsOfOneCoreCountOnceAndEqualCoreIdsOnTwoSocketsTwice() {
        CpuTopology t = CpuTopology.read(twoSocketsHyperthreaded("0-15").roots, 16);
        assertThat(t.cpus()).hasSize(16);
        assertThat(t.physicalCores()).isEqualTo(8);
        assertThat(t.basis()).isEqualTo(CpuTopology.Basis.TOPOLOGY);
    }

    @Test
    void aRestrictedAffinityCountsOnlyItsCores() {
        // CPUs 0, 8 (one core, both threads), 1 and 5 (core 1 of each socket): 3 cores
        CpuTopology t = CpuTopology.read(twoSocketsHyperthreaded("0-1,5,8").roots, 4);
        assertThat(t.cpus()).containsExactly(0, 1, 5, 8);
        assertThat(t.physicalCores()).isEqualTo(3);
        assertThat(t.basis()).isEqualTo(CpuTopology.Basis.TOPOLOGY);
    }

    @Test
    void theJvmsCountCapsIt() {
        // a container's CPU quota of 2 on the whole machine: availableProcessors() says 2
        assertThat(CpuTopology.read(twoSocketsHyperthreaded("0-15").roots, 2).physicalCores()).isEqualTo(2);
    }

    @Test
    void missingTopologyCountsLogicalCpusOfTheAffinity() {
        Fixture f = twoSocketsHyperthreaded("0-3,8").remove("sys/devices/system/cpu/cpu8/topology");
        CpuTopology t = CpuTopology.read(f.roots, 64);
        assertThat(t.physicalCores()).isEqualTo(5);
        assertThat(t.basis()).isEqualTo(CpuTopology.Basis.AFFINITY);
        f.write("sys/devices/system/cpu/cpu8/topology/physical_package_id", "-1\n")
                .write("sys/devices/system/cpu/cpu8/topology/core_id", "0\n");
        assertThat(CpuTopology.read(f.roots, 64).basis()).isEqualTo(CpuTopology.Basis.AFFINITY);
    }

    @Test
    void noAffinityListFallsBackToTheJvm() {
        Fixture f = new Fixture(tmp).write("proc/self/status", "Name:\tjava\nCpus_allowed_list:\tnonsense\n");
        assertThat(CpuTopology.read(f.roots, 6)).isEqualTo(new CpuTopology(List.of(), 6, CpuTopology.Basis.JVM));
        assertThat(CpuTopology.read(new Fixture(tmp.resolve("none")).roots, 3).physicalCores()).isEqualTo(3);
        assertThat(CpuTopology.read(new Fixture(tmp.resolve("none")).roots, 0).physicalCores()).isEqualTo(1);
    }

    @Test
    void thisMachineHasAtLeastOneCoreAndNoMoreThanItsProcessors() {
        CpuTopology t = CpuTopology.of();
        assertThat(t.physicalCores()).isBetween(1, Runtime.getRuntime().availableProcessors());
    }
}
