package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessMemory}: the status file's fields, the fallback when the high-water mark cannot be reset, and on
 * Linux a window that touches a known amount of native (direct) memory reads at least that growth.
 */
class ProcessMemoryTest {

    private static final long MIB = 1L << 20;

    @TempDir
    Path tmp;

    private static String status(long rssKb, long hwmKb) {
        return "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t " + hwmKb + " kB\nVmRSS:\t " + rssKb + " kB\nThreads:\t9\n";
    }

    @Test
    void fieldsAreReadInBytesAndOnlyAtTheStartOfALine() {
        String s = status(2000, 3000);
        assertThat(ProcessMemory.field(s, "VmRSS:")).hasValue(2000 * 1024L);
        assertThat(ProcessMemory.field(s, "VmHWM:")).hasValue(3000 * 1024L);
        assertThat(ProcessMemory.field(s, "VmSwap:")).isEmpty();
        assertThat(ProcessMemory.field("XVmRSS:\t 5 kB\n", "VmRSS:")).isEmpty();
    }

    @Test
    void withAResetThePeakIsTheHighWaterMarkLessTheStartingResidentSet() throws Exception {
        Path file = tmp.resolve("status");
        Path clear = tmp.resolve("clear_refs");
        Files.writeString(file, status(1000, 1000));
        ProcessMemory probe = new ProcessMemory(file, clear);
        MemoryProbe.Window w = probe.begin();
        assertThat(probe.resets()).isTrue();
        assertThat(Files.readString(clear)).isEqualTo("5");
        Files.writeString(file, status(1100, 1600)); // grew to 1600 kB, fell back to 1100 kB
        assertThat(w.peakBytes()).isEqualTo(600 * 1024L);
    }

    @Test
    void withoutAResetTheHighWaterMarkCountsOnlyWhenTheWindowRaisedIt() throws Exception {
        Path file = tmp.resolve("status");
        Path clear = tmp.resolve("no-such-dir").resolve("clear_refs"); // cannot be written
        Files.writeString(file, status(1000, 5000)); // an earlier, higher lifetime peak
        ProcessMemory probe = new ProcessMemory(file, clear);
        MemoryProbe.Window w = probe.begin();
        assertThat(probe.resets()).isFalse();
        Files.writeString(file, status(1300, 5000)); // the peak did not rise: only the RSS growth is known
        assertThat(w.peakBytes()).isEqualTo(300 * 1024L);
        MemoryProbe.Window v = probe.begin();
        Files.writeString(file, status(1300, 7000)); // the window set a new lifetime peak: it is the window's
        assertThat(v.peakBytes()).isEqualTo((7000 - 1300) * 1024L); // from the RSS at its start
    }

    @Test
    void anUnreadableStatusReadsUnknown() {
        MemoryProbe.Window w = new ProcessMemory(tmp.resolve("absent"), tmp.resolve("clear")).begin();
        assertThat(w.peakBytes()).isEqualTo(MemoryProbe.UNKNOWN);
    }

    @Test
    void touchingDirectMemoryInTheWindowReadsAtLeastThatGrowth() {
        assumeThat(Files.isReadable(Path.of("/proc/self/status"))).as("Linux /proc").isTrue();
        MemoryProbe probe = ProcessMemory.linux();
        MemoryProbe.Window w = probe.begin();
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) (64 * MIB));
        for (int i = 0; i < buffer.capacity(); i += 4096) {
            buffer.put(i, (byte) 1); // touch every page: resident memory counts touched pages
        }
        long peak = w.peakBytes();
        assertThat(buffer.get(4096)).isEqualTo((byte) 1);
        assertThat(peak).as("peak growth with 64 MiB of direct memory touched").isGreaterThanOrEqualTo(60 * MIB);
    }
}
