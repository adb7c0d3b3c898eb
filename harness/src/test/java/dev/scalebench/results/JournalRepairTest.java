package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            store.append(Fixtures.failed(a.id(), 1, 2, "timeout", "too slow"), null);
        }
        return dir;
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void killDuringAppendIsRepairedOnOpen() throws Exception {
        Path dir = runWithThreeTrials();
        Path journal = dir.resolve("trials.jsonl");
        Path hlog = dir.resolve("histograms.hlog");
        // kill -9 after the histogram of b#r1 was written, in the middle of its journal line
        TrialResult cut = Fixtures.ok(b.id(), 1, 3, Fixtures.constant(900, 5), List.of());
        append(hlog, new String(HlogFormat.line(cut.trialId(), Fixtures.constant(900, 5), cut.started(),
                cut.ended()), StandardCharsets.UTF_8));
        String line = JournalCodec.encode(cut);
        append(journal, line.substring(0, line.length() / 2));
        // and an earlier kill in the middle of a histogram line
        String orphan = new String(HlogFormat.line("x#r9", Fixtures.constant(5, 5), Fixtures.T0, Fixtures.T0),
                StandardCharsets.UTF_8);
        append(hlog, orphan.substring(0, orphan.length() - 20));

        List<String> warnings;
        try (RunStore store = RunStore.open(dir)) {
            warnings = store.warnings();
            assertThat(store.trials()).hasSize(3);
            assertThat(store.completedTrialIds()).doesNotContain(cut.trialId());
            Histogram h = Fixtures.constant(950, 6);
            store.append(cut, h); // the trial runs again
        }
        assertThat(warnings).hasSize(3);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("trials.jsonl:4", "incomplete last line"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("histograms.hlog", "incomplete last histogram"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains(cut.trialId(), "does not record"));

        RunReader run = RunReader.read(dir);
        assertThat(run.warnings()).isEmpty();
        assertThat(run.trials()).hasSize(4);
        assertThat(run.histogram(cut.trialId()).getTotalCount()).isEqualTo(6);
        assertThat(Files.readString(hlog)).doesNotContain("x#r9");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp"));
        }
    }

    @Test
    void readerRepairsInMemoryOnlyAndDuplicatesKeepTheLast() throws Exception {
        Path dir = runWithThreeTrials();
        Path journal = dir.resolve("trials.jsonl");
        List<String> lines = Files.readAllLines(journal);
        append(journal, lines.get(2) + "\n{\"schema\":1,\"trialId\":\"gpt");
        byte[] before = Files.readAllBytes(journal);
        RunReader run = RunReader.read(dir);
        assertThat(run.trials()).hasSize(3);
        assertThat(run.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("more than once"));
        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
    }

    @Test
    void damagedLineInTheMiddleNamesFileAndLine() throws Exception {
        Path dir = runWithThreeTrials();
        Path journal = dir.resolve("trials.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        lines.set(1, lines.get(1).substring(0, 40));
        Files.write(journal, lines);
        assertThatThrownBy(() -> RunStore.open(dir)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("trials.jsonl:2").hasMessageContaining("damaged line")
                .satisfies(e -> assertThat(((ScalebenchException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> RunReader.read(dir)).hasMessageContaining("trials.jsonl:2");
    }

    @Test
    void corruptHistogramInTheMiddleNamesFileAndLine() throws Exception {
        Path dir = runWithThreeTrials();
        Path hlog = dir.resolve("histograms.hlog");
        List<String> lines = new ArrayList<>(Files.readAllLines(hlog));
        int first = lines.size() - 2; // two histograms: the first of them
        String l = lines.get(first);
        lines.set(first, l.substring(0, l.lastIndexOf(',') + 1) + "bm90IGEgaGlzdG9ncmFt");
        Files.write(hlog, lines);
        assertThatThrownBy(() -> RunReader.read(dir)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("histograms.hlog:" + (first + 1)).hasMessageContaining("cannot be decoded");
    }

    @Test
    void foreignSchemasAreClearErrors() throws Exception {
        Path dir = runWithThreeTrials();
        Path journal = dir.resolve("trials.jsonl");
        String original = Files.readString(journal);
        Files.writeString(journal, original.replaceFirst("\"schema\":1", "\"schema\":2"));
        assertThatThrownBy(() -> RunStore.open(dir)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("trials.jsonl:1").hasMessageContaining("schema 2");
        Files.writeString(journal, original);

        Path hlog = dir.resolve("histograms.hlog");
        String h = Files.readString(hlog);
        Files.writeString(hlog, h.replace("scalebench-schema: 1", "scalebench-schema: 7"));
        assertThatThrownBy(() -> RunReader.read(dir)).hasMessageContaining("histograms.hlog:1")
                .hasMessageContaining("schema 7");
        Files.writeString(hlog, h.replace(HlogFormat.SCHEMA_MARKER + "\n", ""));
        assertThatThrownBy(() -> RunReader.read(dir)).hasMessageContaining("not a scalebench histogram log");
        Files.writeString(hlog, h);

        Path manifest = dir.resolve("run.json");
        String m = Files.readString(manifest);
        Files.writeString(manifest, m.replace("\"schema\" : 1", "\"schema\" : 3"));
        assertThatThrownBy(() -> RunReader.read(dir)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("run.json").hasMessageContaining("schema 3");
        Files.writeString(manifest, m.substring(0, m.length() / 2));
        assertThatThrownBy(() -> RunReader.read(dir)).hasMessageContaining("run.json:").hasMessageContaining("JSON");
        Files.writeString(manifest, m);
        assertThat(RunReader.read(dir).trials()).hasSize(3);
    }
}
