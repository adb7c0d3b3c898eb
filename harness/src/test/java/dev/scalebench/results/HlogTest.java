package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.Phase;
import dev.scalebench.measure.StopReason;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlogTest {

    @TempDir
    Path tmp;

    @Test
    void plainHdrHistogramLogReaderReadsEveryTrialWithItsTag() throws Exception {
        SweepPoint a = Fixtures.point(Phase.PREFILL, 4, 64);
        SweepPoint b = Fixtures.point(Phase.DECODE, 1, 32);
        Path dir = tmp.resolve("run");
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("run", List.of(a, b), 2))) {
            store.append(Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 7), List.of()), Fixtures.constant(1000, 7));
            store.append(Fixtures.failed(b.id(), 0, 1, FailureKind.ENGINE_ERROR, "boom"), null);
            store.append(Fixtures.ok(b.id(), 1, 2, Fixtures.constant(2_000_000, 9), List.of()),
                    Fixtures.constant(2_000_000, 9));
            store.append(Fixtures.ok(a.id(), 1, 3, Fixtures.histogram(5, 6, 7), List.of()),
                    Fixtures.histogram(5, 6, 7));
        }
        assertThat(Files.readAllLines(dir.resolve("histograms.hlog")).get(0)).isEqualTo(HlogFormat.SCHEMA_MARKER);

        Map<String, Long> counts = new LinkedHashMap<>();
        HistogramLogReader reader = new HistogramLogReader(dir.resolve("histograms.hlog").toFile());
        try {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                counts.put(h.getTag(), ((org.HdrHistogram.Histogram) h).getTotalCount());
                assertThat(h.getStartTimeStamp()).isGreaterThanOrEqualTo(Fixtures.T0.toEpochMilli());
            }
        } finally {
            reader.close();
        }
        assertThat(counts).containsExactly(Map.entry(a.id() + "#r0", 7L), Map.entry(b.id() + "#r1", 9L),
                Map.entry(a.id() + "#r1", 3L));
    }

    @Test
    void awkwardTrialIdsAreEscapedReversibly() throws Exception {
        String id = "my model, v2/fp32/prefill/b4/s64#r0";
        String tag = HlogFormat.encodeTag(id);
        assertThat(tag).doesNotContain(",", " ").isEqualTo("my%20model%2C%20v2/fp32/prefill/b4/s64#r0");
        assertThat(HlogFormat.decodeTag(tag)).isEqualTo(id);
        assertThat(HlogFormat.decodeTag(HlogFormat.encodeTag("100%/ü"))).isEqualTo("100%/ü");
        assertThat(HlogFormat.encodeTag("gpt-1m/fp32/prefill/b4/s64#r0")).isEqualTo("gpt-1m/fp32/prefill/b4/s64#r0");

        // a store with such an id: our reader gives the id back, HdrHistogram's reader the escaped tag
        Path dir = tmp.resolve("odd");
        TrialResult t = new TrialResult(id, "my model, v2/fp32/prefill/b4/s64", 0, 0, TrialResult.Status.OK, null, Fixtures.T0, Fixtures.T0.plusSeconds(1), new TrialResult.Measured(new TrialResult.Warmup(1, 1, true), 2, 1, -1, new TrialResult.Gc(0, 0), StopReason.MIN_REACHED), List.of());
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("odd", List.of(), 1))) {
            store.append(t, Fixtures.histogram(10, 20));
        }
        assertThat(RunReader.read(dir).histograms()).containsOnlyKeys(id);
        HistogramLogReader reader = new HistogramLogReader(dir.resolve("histograms.hlog").toFile());
        assertThat(reader.nextIntervalHistogram().getTag()).isEqualTo(tag);
        reader.close();
    }
}
