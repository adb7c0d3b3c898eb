package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.Phase;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.StopReason;
import dev.scalebench.plan.SweepPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's enum fields (failure kind, stop reason, flags) are written as the strings earlier versions wrote,
 * byte for byte, and a journal naming a value this version does not know (one from a newer scalebench) is refused
 * with file:line, the value and the known values.
 */
class JournalEnumsTest {

    @TempDir
    Path tmp;

    private final SweepPoint a = Fixtures.point(Phase.PREFILL, 4, 64);

    @Test
    void everyFailureKindIsWrittenAsItsIdAndReadBack() throws Exception {
        for (FailureKind k : FailureKind.values()) {
            TrialResult t = Fixtures.failed(a.id(), 0, 0, k, "why");
            String line = JournalCodec.encode(t);
            assertThat(line).contains("\"status\":\"FAILED\",\"failureKind\":\"" + k.id() + "\",");
            assertThat(JournalCodec.decode(line)).isEqualTo(t);
        }
        String ok = JournalCodec.encode(Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 3), List.of()));
        assertThat(ok).contains("\"failureKind\":null,");
    }

    @Test
    void referenceJournalLinesSurviveADecodeEncodeRoundTripByteForByte() throws Exception {
        Path root = Path.of("..", "results", "reference");
        List<Path> journals;
        try (var s = Files.walk(root)) {
            journals = s.filter(p -> p.getFileName().toString().equals("trials.jsonl")).toList();
        }
        assertThat(journals).isNotEmpty();
        for (Path j : journals) {
            for (String line : Files.readAllLines(j, StandardCharsets.UTF_8)) {
                assertThat(JournalCodec.encode(JournalCodec.decode(line))).as(j.toString()).isEqualTo(line);
            }
        }
    }

    @Test
    void anUnknownFailureKindIsRefusedNamingFileLineValueAndTheKnownKinds() throws Exception {
        Path dir = run();
        replaceInJournal(dir, "\"failureKind\":\"timeout\"", "\"failureKind\":\"meltdown\"");
        assertThatThrownBy(() -> RunReader.read(dir)).isInstanceOf(ScalebenchException.class)
                .hasMessageContainingAll("trials.jsonl:2", "failureKind", "'meltdown'",
                        "out-of-memory, engine-error, unsupported, timeout, infeasible", "newer scalebench");
    }

    @Test
    void everyStopReasonIsWrittenAsItsIdAndAnUnknownOneIsRefused() throws Exception {
        TrialResult ok = Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 3), List.of());
        for (StopReason r : StopReason.values()) {
            TrialResult t = withStopReason(ok, r);
            String line = JournalCodec.encode(t);
            assertThat(line).contains("\"stopReason\":\"" + r.id() + "\",");
            assertThat(JournalCodec.decode(line)).isEqualTo(t);
        }
        assertThat(Arrays.stream(StopReason.values()).map(StopReason::id))
                .containsExactly("target-ci", "min-reached", "max-time");
        Path dir = run();
        replaceInJournal(dir, "\"stopReason\":\"min-reached\"", "\"stopReason\":\"bored\"");
        assertThatThrownBy(() -> RunReader.read(dir)).isInstanceOf(ScalebenchException.class)
                .hasMessageContainingAll("trials.jsonl:1", "stopReason", "'bored'", "target-ci, min-reached, max-time");
    }

    @Test
    void flagsAreWrittenAsIdsInTheirOrderAndAnUnknownOneIsRefused() throws Exception {
        TrialResult t = Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 3),
                List.of(Flag.GC, Flag.NOT_STEADY, Flag.P99_LOW_CONFIDENCE, Flag.MAX_TIME));
        String line = JournalCodec.encode(t);
        assertThat(line).endsWith(",\"flags\":[\"gc\",\"not-steady\",\"p99-low-confidence\",\"max-time\"]}");
        assertThat(JournalCodec.decode(line)).isEqualTo(t);
        Path dir = run();
        replaceInJournal(dir, "\"flags\":[]", "\"flags\":[\"gc\",\"cosmic-ray\"]");
        assertThatThrownBy(() -> RunReader.read(dir)).isInstanceOf(ScalebenchException.class)
                .hasMessageContainingAll("trials.jsonl:1", "flags", "'cosmic-ray'",
                        "energy-short, gc, interfered, max-time, not-steady, p99-low-confidence, throttled",
                        "newer scalebench");
    }

    private static TrialResult withStopReason(TrialResult t, StopReason r) {
        TrialResult.Measured m = t.measured();
        return new TrialResult(t.trialId(), t.pointId(), t.replicate(), t.sequence(), t.status(), t.failure(),
                t.started(), t.ended(), new TrialResult.Measured(m.warmup(), m.iterations(), m.nanos(), m.deviceNanos(),
                        m.gc(), r), t.flags());
    }

    /** A run of one OK trial (line 1) and one timed-out trial (line 2). */
    private Path run() {
        Path dir = tmp.resolve("run");
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("run", List.of(a), 2))) {
            Histogram h = Fixtures.constant(1200, 20);
            store.append(Fixtures.ok(a.id(), 0, 0, h, List.of()), h);
            store.append(Fixtures.failed(a.id(), 1, 1, FailureKind.TIMEOUT, "too slow"), null);
        }
        return dir;
    }

    private static void replaceInJournal(Path dir, String from, String to) throws Exception {
        Path f = dir.resolve("trials.jsonl");
        String s = Files.readString(f);
        assertThat(s).contains(from);
        Files.writeString(f, s.replace(from, to));
    }
}
