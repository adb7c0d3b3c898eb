package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can leave is repaired (and reported); every other damage is refused with exit 2, naming file and
 * line, and leaves the run's files byte-identical.
 */
class JournalRepairTest {

    @TempDir
    Path tmp;

    private final SweepPoint a = Fixtures.point(Phase.PREFILL, 4, 64);
    private final SweepPoint b = Fixtures.point(Phase.DECODE, 8, 128);

    private Path runWithThreeTrials() {
        Path dir = tmp.resolve("run");
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("run", List.of(a, b), 2))) {
            Histogram h = Fixtures.constant(1200, 20);
            store.append(Fixtures.ok(a.id(), 0, 0, h, List.of()), h);
            store.append(Fixtures.ok(b.id(), 0, 1, h, List.of()), h);
            store.append(Fixtures.failed(a.id(), 1, 2, FailureKind.TIMEOUT, "too slow"), null);
        }
        return dir;
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String hlogLine(String trialId, Histogram h) {
        return new String(HlogFormat.line(trialId, h, Fixtures.T0, Fixtures.T0.plusSeconds(1)), StandardCharsets.UTF_8);
    }

    /** SHA-256 of run.json, trials.jsonl and histograms.hlog (absent: "-"). */
    static Map<String, String> checksums(Path dir) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String f : List.of("run.json", "trials.jsonl", "histograms.hlog")) {
            Path p = dir.resolve(f);
            sums.put(f, Files.exists(p) ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(p))) : "-");
        }
        return sums;
    }

    @Test
    void killDuringAppendIsRepairedOnOpen() throws Exception {
        Path dir = runWithThreeTrials();
        Path journal = dir.resolve("trials.jsonl");
        Path hlog = dir.resolve("histograms.hlog");
        // kill -9 after the histogram of b#r1 was forced, in the middle of its journal line
        TrialResult cut = Fixtures.ok(b.id(), 1, 3, Fixtures.constant(900, 5), List.of());
        append(hlog, hlogLine(cut.trialId(), Fixtures.constant(900, 5)));
        String line = JournalCodec.encode(cut);
        append(journal, line.substring(0, line.length() / 2));

        List<String> warnings;
        try (RunStore store = RunStore.open(dir)) {
            warnings = store.warnings();
            assertThat(store.trials()).hasSize(3);
            assertThat(store.completedTrialIds()).doesNotContain(cut.trialId());
            Histogram h = Fixtures.constant(950, 6);
            store.append(cut, h); // the trial runs again
        }
        assertThat(warnings).hasSize(2);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("trials.jsonl:4", "incomplete last line"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("histograms.hlog:7", cut.trialId(),
                "journal line was never written"));

        RunReader run = RunReader.read(dir);
        assertThat(run.warnings()).isEmpty();
        assertThat(run.manifest().repairs()).as("kept in run.json for the reports").hasSize(2)
                .allSatisfy(r -> assertThat(r).startsWith("resume at 20"))
                .anySatisfy(r -> assertThat(r).contains("trials.jsonl:4", "incomplete last line"));
        assertThat(run.trials()).hasSize(4);
        assertThat(run.histogram(cut.trialId()).getTotalCount()).isEqualTo(6);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp"));
        }
    }

    @Test
    void killDuringAHistogramWriteIsRepaired() throws Exception {
        Path dir = runWithThreeTrials();
        Path hlog = dir.resolve("histograms.hlog");
        String h = hlogLine(b.id() + "#r1", Fixtures.constant(5, 5));
        for (int cut : new int[] {1, 4, 10, h.indexOf(',', 10) + 3, h.length() - 20, h.length() - 1}) {
            // cut anywhere: dropped as incomplete; cut just before its newline: a whole histogram without journal line
            String expected = cut == h.length() - 1 ? "journal line was never written" : "incomplete last histogram";
            String before = Files.readString(hlog);
            append(hlog, h.substring(0, cut));
            RunReader r = RunReader.read(dir);
            assertThat(r.warnings()).as("cut at " + cut).singleElement().asString()
                    .contains("histograms.hlog:7", expected);
            assertThat(r.histograms()).hasSize(2);
            Files.writeString(hlog, before);
        }
    }

    @Test
    void aCompleteLastLineWithoutItsNewlineIsKeptAndTerminated() throws Exception {
        Path dir = runWithThreeTrials();
        Path journal = dir.resolve("trials.jsonl");
        Path hlog = dir.resolve("histograms.hlog");
        TrialResult t = Fixtures.ok(b.id(), 1, 3, Fixtures.constant(900, 5), List.of());
        append(hlog, hlogLine(t.trialId(), Fixtures.constant(900, 5)));
        append(journal, JournalCodec.encode(t));
        try (RunStore store = RunStore.open(dir)) {
            assertThat(store.completedTrialIds()).contains(t.trialId());
            assertThat(store.warnings()).singleElement().asString().contains("trials.jsonl:4", "lacked its newline");
        }
        assertThat(Files.readString(journal)).endsWith("}\n");
        assertThat(RunReader.read(dir).warnings()).isEmpty();
    }

    @Test
    void aMissingHistogramLogGetsAHeaderOnlyWhenNoTrialIsOk() throws Exception {
        Path dir = tmp.resolve("failed-only");
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("failed-only", List.of(a), 1))) {
            store.append(Fixtures.failed(a.id(), 0, 0, FailureKind.OUT_OF_MEMORY, "no"), null);
        }
        Files.delete(dir.resolve("histograms.hlog"));
        try (RunStore store = RunStore.open(dir)) {
            assertThat(store.warnings()).singleElement().asString().contains("missing", "no OK trial");
        }
        assertThat(Files.readString(dir.resolve("histograms.hlog"))).startsWith(HlogFormat.SCHEMA_MARKER);
    }

    @Test
    void readerRepairsInMemoryOnly() throws Exception {
        Path dir = runWithThreeTrials();
        Path journal = dir.resolve("trials.jsonl");
        append(journal, "{\"schema\":1,\"trialId\":\"gpt");
        Map<String, String> before = checksums(dir);
        RunReader run = RunReader.read(dir);
        assertThat(run.trials()).hasSize(3);
        assertThat(run.warnings()).singleElement().asString().contains("incomplete last line");
        assertThat(checksums(dir)).isEqualTo(before);
    }

    /** Damage that no crash leaves: refused by open (nothing written) and by the reader, naming file and line. */
    private void assertRefused(Consumer<Path> damage, String... messageParts) throws Exception {
        Path dir = runWithThreeTrials();
        damage.accept(dir);
        Map<String, String> before = checksums(dir);
        assertThatThrownBy(() -> RunStore.open(dir)).isInstanceOf(ScalebenchException.class)
                .satisfies(e -> assertThat(((ScalebenchException) e).exitCode()).isEqualTo(2))
                .hasMessageContainingAll(messageParts);
        assertThatThrownBy(() -> RunReader.read(dir)).hasMessageContainingAll(messageParts);
        assertThat(checksums(dir)).isEqualTo(before);
        RunLock.acquire(dir, "test").close(); // a refused open released the lock
        RunFolders.deleteQuietly(dir);
    }

    private static void io(Path file, IoAction action) {
        try {
            action.run(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run(Path file) throws Exception;
    }

    @Test
    void aCompleteButUndecodableLastLineIsRefusedInEitherFile() throws Exception {
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> append(f, "{\"schema\":1,\"trialId\":\"gpt\n")),
                "trials.jsonl:4", "damaged line");
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> {
            List<String> lines = new ArrayList<>(Files.readAllLines(f));
            String last = lines.get(lines.size() - 1);
            lines.set(lines.size() - 1, last.substring(0, last.lastIndexOf(',') + 1) + "bm90IGEgaGlzdG9ncmFt");
            Files.write(f, lines);
        }), "histograms.hlog:6", "cannot be decoded");
    }

    @Test
    void garbageAppendedIsNotMistakenForACutWrite() throws Exception {
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> append(f, "hello, this is not JSON")),
                "trials.jsonl:4", "not the beginning of a journal line");
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> append(f, "garbage\n")), "trials.jsonl:4");
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> append(f, "some text")), "histograms.hlog:7");
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> {
            // text glued to a complete line: not a record
            String s = Files.readString(f);
            Files.writeString(f, s.substring(0, s.length() - 1) + " trailing\n");
        }), "trials.jsonl:3");
    }

    @Test
    void nulAndBlankTailsAreRefusedWithTheFix() throws Exception {
        long[] size = new long[1];
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> {
            size[0] = Files.size(f);
            append(f, "\0\0\0\0\0\0\0\0");
        }), "trials.jsonl:4", "NUL", "truncate -s ");
        Path dir = runWithThreeTrials();
        Path journal = dir.resolve("trials.jsonl");
        append(journal, "\0\0\0\0");
        assertThatThrownBy(() -> RunReader.read(dir)).hasMessageContaining("truncate -s " + size[0] + " " + journal);
        RunFolders.deleteQuietly(dir);
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> append(f, "\0\0\0\0")), "histograms.hlog:7", "NUL");
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> append(f, "\n")), "trials.jsonl:4", "blank line");
    }

    @Test
    void lostHistogramsAreRefused() throws Exception {
        assertRefused(d -> io(d.resolve("histograms.hlog"), Files::delete), "histograms.hlog", "missing",
                "trials.jsonl:1");
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> Files.write(f, new byte[0])), "histograms.hlog",
                "empty");
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> {
            List<String> lines = new ArrayList<>(Files.readAllLines(f));
            lines.remove(lines.size() - 1); // b#r0's histogram: its journal line stays
            Files.write(f, lines);
        }), "trials.jsonl:2", "no histogram");
    }

    @Test
    void histogramsThatNoCrashLeavesAreRefused() throws Exception {
        // an orphan histogram that is not the last one
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> {
            List<String> lines = new ArrayList<>(Files.readAllLines(f));
            lines.add(4, hlogLine("nowhere#r0", Fixtures.constant(5, 5)).strip());
            Files.write(f, lines);
        }), "histograms.hlog:5", "nowhere#r0", "not the last");
        // a histogram for a failed trial
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> append(f, hlogLine(a.id() + "#r1",
                Fixtures.constant(5, 5)))), "histograms.hlog:7", "records as failed");
        // a second histogram for one trial
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> append(f, hlogLine(a.id() + "#r0",
                Fixtures.constant(5, 5)))), "histograms.hlog:7", "second histogram", "line 5");
    }

    @Test
    void aTrialRecordedTwiceIsRefused() throws Exception {
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> append(f, Files.readAllLines(f).get(0) + "\n")),
                "trials.jsonl:4", "recorded again", "line 1");
    }

    @Test
    void damagedLineInTheMiddleNamesFileAndLine() throws Exception {
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> {
            List<String> lines = new ArrayList<>(Files.readAllLines(f));
            lines.set(1, lines.get(1).substring(0, 40));
            Files.write(f, lines);
        }), "trials.jsonl:2", "damaged line");
    }

    @Test
    void foreignSchemasAreClearErrors() throws Exception {
        assertRefused(d -> io(d.resolve("trials.jsonl"), f -> Files.writeString(f,
                Files.readString(f).replaceFirst("\"schema\":1", "\"schema\":2"))), "trials.jsonl:1", "schema 2");
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> Files.writeString(f,
                Files.readString(f).replace("scalebench-schema: 1", "scalebench-schema: 7"))),
                "histograms.hlog:1", "schema 7");
        assertRefused(d -> io(d.resolve("histograms.hlog"), f -> Files.writeString(f,
                Files.readString(f).replace(HlogFormat.SCHEMA_MARKER + "\n", ""))), "not a scalebench histogram log");
        assertRefused(d -> io(d.resolve("run.json"), f -> Files.writeString(f,
                Files.readString(f).replace("\"schema\" : 2", "\"schema\" : 3"))), "run.json", "schema 3");
        assertRefused(d -> io(d.resolve("run.json"), f -> {
            String m = Files.readString(f);
            Files.writeString(f, m.substring(0, m.length() / 2));
        }), "run.json:", "JSON");
    }
}
