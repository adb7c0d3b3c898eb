package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial's peak memory ({@code memPeakBytes}) goes through the journal and into the point's summary: written when
 * known, absent when unknown, and a line without it (a journal written before the field) reads as {@code -1}; the
 * point's figure is the largest of its trials' readings, in the {@code mem_peak_bytes} column of summary.csv.
 */
class MemoryRecordTest {

    @TempDir
    Path tmp;

    private final SweepPoint a = Fixtures.point(Phase.PREFILL, 4, 64);

    private static TrialResult withMemory(TrialResult t, long bytes) {
        TrialResult.Measured m = t.measured();
        return new TrialResult(t.trialId(), t.pointId(), t.replicate(), t.sequence(), t.status(), t.failure(),
                t.started(), t.ended(), new TrialResult.Measured(m.warmup(), m.iterations(), m.nanos(),
                        m.deviceNanos(), m.gc(), m.stopReason(), bytes), t.flags());
    }

    @Test
    void aKnownReadingIsWrittenAndReadBack() throws Exception {
        TrialResult t = withMemory(Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 3), List.of()), 123_456_789L);
        String line = JournalCodec.encode(t);
        assertThat(line).contains("\"memPeakBytes\":123456789");
        TrialResult back = JournalCodec.decode(line);
        assertThat(back).isEqualTo(t);
        assertThat(back.measured().memoryKnown()).isTrue();
    }

    @Test
    void anUnknownReadingIsNotWrittenAndALineWithoutTheFieldReadsMinusOne() throws Exception {
        TrialResult t = Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 3), List.of());
        assertThat(t.measured().memPeakBytes()).isEqualTo(-1);
        String line = JournalCodec.encode(t);
        assertThat(line).doesNotContain("memPeakBytes");
        TrialResult back = JournalCodec.decode(line);
        assertThat(back.measured().memPeakBytes()).isEqualTo(-1);
        assertThat(back.measured().memoryKnown()).isFalse();
        assertThat(JournalCodec.encode(back)).isEqualTo(line);
        assertThat(JournalCodec.decode(line.replace("\"flags\"", "\"memPeakBytes\":null,\"flags\""))
                .measured().memPeakBytes()).isEqualTo(-1);
    }

    @Test
    void aNonIntegerReadingIsRefusedNamingTheField() {
        String line = JournalCodec.encode(withMemory(Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 3),
                List.of()), 5)).replace("\"memPeakBytes\":5", "\"memPeakBytes\":\"5 MB\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalCodec.decode(line))
                .hasMessageContaining("memPeakBytes");
    }

    @Test
    void thePointsFigureIsTheLargestReadingInSummaryCsv() throws Exception {
        SweepPoint b = Fixtures.point(Phase.DECODE, 2, 32);
        Path dir = tmp.resolve("run");
        Histogram h = Fixtures.constant(1500, 40);
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("run", List.of(a, b), 3))) {
            store.append(withMemory(Fixtures.ok(a.id(), 0, 0, h, List.of()), 3_000_000), h);
            store.append(withMemory(Fixtures.ok(a.id(), 1, 1, h, List.of()), 7_000_000), h);
            store.append(Fixtures.ok(a.id(), 2, 2, h, List.of()), h); // unknown: ignored
            store.append(Fixtures.ok(b.id(), 0, 3, h, List.of()), h);
        }
        List<PointSummary> rows = SummaryWriter.write(Run.read(dir));
        assertThat(rows.get(0).memPeakBytes()).isEqualTo(7_000_000);
        assertThat(rows.get(1).memPeakBytes()).isEqualTo(-1);
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        int col = header.indexOf("mem_peak_bytes");
        assertThat(col).isPositive();
        assertThat(lines.get(1).split(",", -1)[col]).isEqualTo("7000000");
        assertThat(lines.get(2).split(",", -1)[col]).isEmpty();
    }
}
