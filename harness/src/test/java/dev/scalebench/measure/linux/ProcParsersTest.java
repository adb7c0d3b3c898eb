package dev.scalebench.measure.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsers of the interference sensor's files, on fixture text: well-formed, malformed and missing. */
class ProcParsersTest {

    @TempDir
    Path tmp;

    @Test
    void cpuListsReadRangesAndSinglesAndRefuseMalformedText() {
        assertThat(CpuList.parse("0-3,8,10-11\n")).hasValue(List.of(0, 1, 2, 3, 8, 10, 11));
        assertThat(CpuList.parse("5")).hasValue(List.of(5));
        assertThat(CpuList.parse("2,0-2")).hasValue(List.of(0, 1, 2));
        for (String bad : new String[] {null, "", "  ", "a", "3-1", "0-", "-1", "1,,2", "0x3", "99999999"}) {
            assertThat(CpuList.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void theAllowedCpusComeFromTheProcessStatus() {
        Fixture f = new Fixture(tmp).write("proc/self/status", "Name:\tjava\nCpus_allowed:\tf\nCpus_allowed_list:\t1-2\n");
        assertThat(CpuList.allowed(f.roots)).hasValue(List.of(1, 2));
        assertThat(CpuList.allowed(new Fixture(tmp.resolve("none")).roots)).isEmpty();
    }

    @Test
    void schedstatGivesTheRunAndWaitFields() {
        assertThat(TaskCounters.schedstat("4914583 846159 1\n")).containsExactly(4914583, 846159);
        for (String bad : new String[] {"4914583", "1 x 2", "1 -5 2", "", null}) {
            assertThat(TaskCounters.schedstat(bad)).as(bad).containsExactly(-1, -1);
        }
    }

    private static long wait(Map<Long, TaskCounters.Delta> d) {
        return TaskCounters.sum(d.values(), TaskCounters.Delta::waitNanos);
    }

    private static long switches(Map<Long, TaskCounters.Delta> d) {
        return TaskCounters.sum(d.values(), TaskCounters.Delta::involuntarySwitches);
    }

    @Test
    void threadsPresentAtBothEndsCountTheirDifferenceNewOnesFromZeroAndExitedOnesNot() {
        Fixture f = new Fixture(tmp).self(10).thread(10, 1_000, 5).thread(11, 2_000, 7).thread(12, 500, 1);
        TaskCounters before = TaskCounters.read(f.roots);
        assertThat(before.self()).isEqualTo(10);
        f.thread(10, 1_300, 6) // +300 ns, +1 switch
                .remove("proc/self/task/11") // exited: its 2 000 ns are not counted
                .thread(12, 600, 1) // +100 ns
                .thread(13, 40, 250, 2); // new: from zero
        Map<Long, TaskCounters.Delta> d = TaskCounters.read(f.roots).since(before);
        assertThat(d).containsOnlyKeys(10L, 12L, 13L);
        assertThat(d.get(13L)).isEqualTo(new TaskCounters.Delta(40, 250, 2));
        assertThat(d.get(13L).runnableNanos()).isEqualTo(290);
        assertThat(wait(d)).isEqualTo(300 + 100 + 250);
        assertThat(switches(d)).isEqualTo(1 + 0 + 2);
    }

    @Test
    void aThreadUnreadableAtTheStartIsNotCountedOverItsLifetimeAndAReusedIdCountsFromZero() {
        Fixture f = new Fixture(tmp).thread(10, 1_000, 5).thread(11, 9_000, 9)
                .write("proc/self/task/11/schedstat", "garbage\n");
        TaskCounters before = TaskCounters.read(f.roots);
        assertThat(before.self()).isEqualTo(-1);
        f.thread(10, 400, 1) // went backwards: a new thread with a reused id
                .thread(11, 9_500, 9);
        Map<Long, TaskCounters.Delta> d = TaskCounters.read(f.roots).since(before);
        assertThat(d.get(11L)).isEqualTo(new TaskCounters.Delta(-1, -1, 0));
        assertThat(d.get(11L).runnableNanos()).isEqualTo(-1);
        assertThat(wait(d)).isEqualTo(400);
        assertThat(switches(d)).isEqualTo(1);
    }

    @Test
    void noTaskFolderIsUnknownNotZero() {
        Fixture f = new Fixture(tmp);
        TaskCounters none = TaskCounters.read(f.roots);
        assertThat(none).isEqualTo(TaskCounters.NONE);
        assertThat(wait(none.since(none))).isEqualTo(-1);
        f.write("proc/self/task/7/comm", "java\n"); // a thread whose counters cannot be read
        assertThat(wait(TaskCounters.read(f.roots).since(none))).isEqualTo(-1);
        assertThat(switches(TaskCounters.read(f.roots).since(none))).isEqualTo(-1);
    }

    @Test
    void stealIsAFractionOfTheTicksOfTheCountedCpus() {
        CpuTimes before = CpuTimes.parse("cpu  0 0 0 0 0 0 0 0 0 0\n" + Fixture.cpuLine(0, 1_000, 0)
                + Fixture.cpuLine(1, 1_000, 0) + Fixture.cpuLine(2, 1_000, 0) + "intr 5 5\n");
        CpuTimes after = CpuTimes.parse(Fixture.cpuLine(0, 1_100, 10) + Fixture.cpuLine(1, 1_100, 0)
                + Fixture.cpuLine(2, 1_100, 90));
        assertThat(after.stealFractionSince(before, List.of(0, 1), 50)).isEqualTo(10 / 200.0);
        assertThat(after.stealFractionSince(before, null, 50)).isEqualTo(100 / 300.0);
        assertThat(after.stealFractionSince(before, List.of(2), 50)).isEqualTo(0.9);
        // fewer ticks than the minimum per CPU: unknown, not a fraction of a few ticks
        assertThat(after.stealFractionSince(before, List.of(0, 1), 101)).isNaN();
        // a CPU neither reading holds
        assertThat(after.stealFractionSince(before, List.of(7), 50)).isNaN();
        // a counter that went backwards
        assertThat(before.stealFractionSince(after, null, 0)).isNaN();
    }

    @Test
    void malformedCpuLinesAreLeftOut() {
        CpuTimes t = CpuTimes.parse("cpu0 1 2 3 4 5 6 7\n" // no steal column
                + "cpu1 1 2 3 x 5 6 7 8\n" + "cpuX 1 2 3 4 5 6 7 8\n" + "cpu2 1 2 3 4 5 6 7 8 9 10\n");
        assertThat(t.cpus()).containsOnlyKeys(2);
        assertThat(t.cpus().get(2)).containsExactly(36, 8);
        assertThat(CpuTimes.parse(null)).isEqualTo(CpuTimes.NONE);
        assertThat(CpuTimes.parse("")).isEqualTo(CpuTimes.NONE);
    }

    @Test
    void loadAverageIsTheFirstFieldAndUnknownWhenMalformed() {
        Fixture f = new Fixture(tmp);
        assertThat(HostLoad.loadAverage1m(f.roots)).isNaN();
        f.write("proc/loadavg", "5.25 1.15 1.71 1/96 23997\n");
        assertThat(HostLoad.loadAverage1m(f.roots)).isEqualTo(5.25);
        f.write("proc/loadavg", "high 1 1\n");
        assertThat(HostLoad.loadAverage1m(f.roots)).isNaN();
        f.write("proc/loadavg", "");
        assertThat(HostLoad.loadAverage1m(f.roots)).isNaN();
    }

    @Test
    void frequencyComesFromCpufreqOfTheAllowedCpusElseFromCpuinfo() {
        Fixture f = new Fixture(tmp).write("proc/cpuinfo", "processor\t: 0\ncpu MHz\t\t: 2000.000\n\n"
                + "processor\t: 1\ncpu MHz\t\t: 3000.000\n\nprocessor\t: 2\ncpu MHz\t\t: 9000\n");
        assertThat(HostLoad.cpuMHz(f.roots, List.of(0, 1))).isEqualTo(2500.0);
        assertThat(HostLoad.cpuMHz(f.roots, null)).isEqualTo(14000.0 / 3);
        f.write("sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "1200000\n")
                .write("sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "1800000\n")
                .write("sys/devices/system/cpu/cpu2/cpufreq/scaling_cur_freq", "junk\n");
        assertThat(HostLoad.cpuMHz(f.roots, List.of(0, 1, 2))).isEqualTo(1500.0);
        assertThat(HostLoad.cpuMHz(new Fixture(tmp.resolve("empty")).roots, List.of(0))).isNaN();
        assertThat(HostLoad.cpuinfoMHz("processor : 0\ncpu MHz : fast\n", null)).isNaN();
    }
}
