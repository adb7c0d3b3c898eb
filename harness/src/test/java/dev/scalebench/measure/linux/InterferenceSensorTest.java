package dev.scalebench.measure.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.measure.Flag;
import dev.scalebench.measure.Interference;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.TrialSensor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link InterferenceSensor} on fixture folders: the fractions, the context, and unknowns that never flag. */
class InterferenceSensorTest {

    private static final long MS = 1_000_000L;

    @TempDir
    Path tmp;

    private Fixture machine() {
        return new Fixture(tmp).write("proc/self/status", "Name:\tjava\nCpus_allowed_list:\t0-1\n")
                .write("proc/stat", "cpu  0 0 0 0 0 0 0 0 0 0\n" + Fixture.cpuLine(0, 10_000, 0)
                        + Fixture.cpuLine(1, 10_000, 0) + Fixture.cpuLine(2, 10_000, 0))
                .write("proc/loadavg", "6.50 5.00 4.00 9/300 4242\n")
                .write("proc/cpuinfo", "processor\t: 0\ncpu MHz\t\t: 2100.0\nprocessor\t: 1\ncpu MHz\t\t: 2100.0\n")
                .self(100).thread(100, 0, 0).thread(101, 0, 5 * MS, 3).thread(102, 0, 0, 0);
    }

    @Test
    void runQueueWaitIsTheWorkingThreadsSummedWaitOverTheLoop() {
        Fixture f = machine();
        TrialSensor.Window w = new InterferenceSensor(f.roots).begin();
        // in a 1 s loop the stepping thread (100, asleep most of the time) waited 30 ms and an intra-op thread (101,
        // runnable 950 ms) 50 ms; a housekeeping thread (102, runnable 25 ms) waited 20 ms, not counted. 100 ticks
        // passed per CPU, 1 of them stolen on CPU 0; CPU 2 (not allowed) lost 90
        f.thread(100, 10 * MS, 30 * MS, 4).thread(101, 900 * MS, 55 * MS, 5).thread(102, 5 * MS, 20 * MS, 0)
                .write("proc/stat", Fixture.cpuLine(0, 10_100, 1) + Fixture.cpuLine(1, 10_100, 0)
                        + Fixture.cpuLine(2, 10_100, 90));
        Interference i = w.end(1_000 * MS).interference();
        assertThat(i.runQueueWaitFraction()).isCloseTo(0.080, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(i.stealFraction()).isEqualTo(1 / 200.0);
        assertThat(i.involuntarySwitches()).isEqualTo(4 + 2);
        assertThat(i.loadAverage1m()).isEqualTo(6.5);
        assertThat(i.cpuMHz()).isEqualTo(2100.0);
        assertThat(i.interfered()).isTrue();
        assertThat(new MachineReading(i, null, null).flags()).containsExactly(Flag.INTERFERED);
    }

    @Test
    void theSteppingThreadAlwaysCountsOtherThreadsFromHalfTheLoopRunnable() {
        long loop = 1_000 * MS;
        var stepping = new TaskCounters.Delta(1 * MS, 10 * MS, 0); // asleep nearly all the loop
        var almost = new TaskCounters.Delta(399 * MS, 100 * MS, 0); // runnable 499 ms: housekeeping
        var worker = new TaskCounters.Delta(300 * MS, 200 * MS, 0); // runnable 500 ms: a worker
        var unread = new TaskCounters.Delta(-1, -1, 3);
        assertThat(InterferenceSensor.runQueueWaitFraction(Map.of(1L, stepping, 2L, almost, 3L, worker, 4L, unread),
                1, loop)).isEqualTo(0.21);
        assertThat(InterferenceSensor.runQueueWaitFraction(Map.of(1L, stepping, 2L, almost), -1, loop)).isZero();
        assertThat(InterferenceSensor.runQueueWaitFraction(Map.of(4L, unread), 4, loop)).isNaN();
        assertThat(InterferenceSensor.runQueueWaitFraction(Map.of(), 1, loop)).isNaN();
        assertThat(InterferenceSensor.runQueueWaitFraction(Map.of(1L, stepping), 1, 0)).isNaN();
    }

    @Test
    void stealAboveItsThresholdFlagsAQuietProcess() {
        Fixture f = machine();
        TrialSensor.Window w = new InterferenceSensor(f.roots).begin();
        f.write("proc/stat", Fixture.cpuLine(0, 10_100, 5) + Fixture.cpuLine(1, 10_100, 5));
        Interference i = w.end(1_000 * MS).interference();
        assertThat(i.runQueueWaitFraction()).isZero();
        assertThat(i.stealFraction()).isEqualTo(0.05);
        assertThat(i.interfered()).isTrue();
    }

    @Test
    void aQuietLoopIsNotFlagged() {
        Fixture f = machine();
        TrialSensor.Window w = new InterferenceSensor(f.roots).begin();
        f.thread(100, 900 * MS, MS, 1).write("proc/stat", Fixture.cpuLine(0, 10_100, 0) + Fixture.cpuLine(1, 10_100, 0));
        Interference i = w.end(1_000 * MS).interference();
        assertThat(i.runQueueWaitFraction()).isEqualTo(0.001);
        assertThat(i.stealFraction()).isZero();
        assertThat(i.interfered()).isFalse();
    }

    @Test
    void nothingReadableGivesUnknownsAndNoFlagNeverAnException() {
        Fixture f = new Fixture(tmp.resolve("empty"));
        MachineReading r = new InterferenceSensor(f.roots).begin().end(1_000 * MS);
        Interference i = r.interference();
        assertThat(i.runQueueWaitFraction()).isNaN();
        assertThat(i.stealFraction()).isNaN();
        assertThat(i.involuntarySwitches()).isEqualTo(-1);
        assertThat(i.loadAverage1m()).isNaN();
        assertThat(i.cpuMHz()).isNaN();
        assertThat(r.flags()).isEmpty();
    }

    @Test
    void filesThatVanishOrTurnToGarbageMidWindowGiveUnknownsNotFlags() {
        Fixture f = machine();
        TrialSensor.Window w = new InterferenceSensor(f.roots).begin();
        f.remove("proc/self/task").remove("proc/stat").write("proc/loadavg", "\0\0\0");
        Interference i = w.end(1_000 * MS).interference();
        assertThat(i.runQueueWaitFraction()).isNaN();
        assertThat(i.stealFraction()).isNaN();
        assertThat(i.involuntarySwitches()).isEqualTo(-1);
        assertThat(i.interfered()).isFalse();
    }

    @Test
    void aLoopOfNoMeasuredTimeHasNoFraction() {
        Fixture f = machine();
        TrialSensor.Window w = new InterferenceSensor(f.roots).begin();
        f.thread(100, MS, 0);
        assertThat(w.end(0).interference().runQueueWaitFraction()).isNaN();
    }
}
