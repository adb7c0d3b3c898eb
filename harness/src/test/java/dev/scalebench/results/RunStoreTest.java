package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.Phase;
import dev.scalebench.measure.Flag;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir
    Path tmp;

    private final SweepPoint a = Fixtures.point(Phase.PREFILL, 4, 64);
    private final SweepPoint b = Fixtures.point(Phase.DECODE, 8, 128);

    @Test
    void journalAndHistogramsRoundTrip() throws Exception {
        Path dir = tmp.resolve("20250301-020000-unit");
        Histogram ha = Fixtures.histogram(100, 200, 300, 400);
        Histogram hb = Fixtures.constant(1500, 50);
        TrialResult ta = Fixtures.ok(a.id(), 0, 0, ha, List.of());
        TrialResult tb = Fixtures.ok(b.id(), 0, 1, hb, List.of(Flag.GC, Flag.NOT_STEADY));
        TrialResult tf = Fixtures.failed(a.id(), 1, 2, FailureKind.OUT_OF_MEMORY,
                "CUDA out of memory, \"big\"\nline two");
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("20250301-020000-unit", List.of(a, b), 2))) {
            store.append(ta, ha);
            store.append(tb, hb);
            store.append(tf, null);
            assertThat(store.completedTrialIds()).containsExactly(ta.trialId(), tb.trialId(), tf.trialId());
            assertThatThrownBy(() -> store.append(ta, ha)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ha.getTag()).isNull(); // the caller's histogram is not modified

        try (RunStore again = RunStore.open(dir)) {
            assertThat(again.warnings()).isEmpty();
            assertThat(again.trials()).containsExactly(ta, tb, tf);
            assertThat(again.manifest()).isEqualTo(Fixtures.manifest("20250301-020000-unit", List.of(a, b), 2));
        }
        RunReader run = RunReader.read(dir);
        assertThat(run.warnings()).isEmpty();
        assertThat(run.trials()).containsExactly(ta, tb, tf);
        assertThat(run.histograms()).containsOnlyKeys(ta.trialId(), tb.trialId());
        assertThat(run.histogram(ta.trialId()).getTotalCount()).isEqualTo(4);
        assertThat(run.histogram(ta.trialId())).isEqualTo(ha);
        assertThat(run.histogram(tb.trialId()).getTotalCount()).isEqualTo(50);
        assertThat(run.histogram(tb.trialId()).getValueAtPercentile(50)).isEqualTo(1500);
        assertThat(run.histogram(ta.trialId()).getStartTimeStamp()).isEqualTo(ta.started().toEpochMilli());
        assertThat(Files.readAllLines(dir.resolve("trials.jsonl"))).hasSize(3)
                .allSatisfy(l -> assertThat(l).startsWith("{\"schema\":1,"));
    }

    @Test
    void appendingAfterResumeContinuesTheRun() {
        Path dir = tmp.resolve("run");
        Histogram h = Fixtures.constant(1000, 10);
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("run", List.of(a, b), 1))) {
            store.append(Fixtures.ok(a.id(), 0, 0, h, List.of()), h);
        }
        try (RunStore store = RunStore.open(dir)) {
            assertThat(store.completedTrialIds()).containsExactly(a.id() + "#r0");
            store.append(Fixtures.ok(b.id(), 0, 1, h, List.of()), h);
            store.updateManifest(store.manifest().withStatus(RunManifest.Status.COMPLETE, Fixtures.T0.plusSeconds(60)));
        }
        RunReader run = RunReader.read(dir);
        assertThat(run.trials()).hasSize(2);
        assertThat(run.histograms()).hasSize(2);
        assertThat(run.manifest().status()).isEqualTo(RunManifest.Status.COMPLETE);
    }

    @Test
    void createRefusesANonEmptyFolderAndOkTrialsWithoutHistogram() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("something"), "x");
        assertThatThrownBy(() -> RunStore.create(dir, Fixtures.manifest("busy", List.of(a), 1)))
                .isInstanceOf(ScalebenchException.class).hasMessageContaining("not empty");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (RunStore store = RunStore.create(empty, Fixtures.manifest("empty", List.of(a), 1))) {
            assertThatThrownBy(() -> store.append(Fixtures.ok(a.id(), 0, 0, Fixtures.constant(5, 1), List.of()), null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RunStore.open(empty)).isInstanceOf(ScalebenchException.class)
                    .hasMessageContaining("the run is open in this process")
                    .satisfies(e -> assertThat(((ScalebenchException) e).exitCode()).isEqualTo(2));
        }
    }

    @Test
    void manifestIsWrittenAtomicallyAndReadBack() throws Exception {
        Path dir = tmp.resolve("m");
        RunManifest m = Fixtures.manifest("m", List.of(a, b), 3);
        try (RunStore store = RunStore.create(dir, m)) {
            for (int i = 0; i < 5; i++) {
                store.updateManifest(m.withStatus(RunManifest.Status.INTERRUPTED, Fixtures.T0.plusSeconds(i)));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("run.json", "trials.jsonl", "histograms.hlog", "run.lock");
        }
        RunManifest back = RunManifest.read(dir.resolve("run.json"));
        assertThat(back).isEqualTo(m.withStatus(RunManifest.Status.INTERRUPTED, Fixtures.T0.plusSeconds(4)));
        assertThat(back.plan().points()).extracting(RunManifest.PointEntry::params)
                .containsOnly(Fixtures.TINY.parameterCount());
        assertThat(back.plan().trialOrder()).hasSize(6);
        assertThat(back.spec().get("replicates").intValue()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"schema\" : 2", "\"ended\" : \"2025");
    }

    @Test
    void runIdsAreUtcStampsPlusSweepNameAndNeverCollide() {
        java.time.Instant now = java.time.Instant.parse("2025-03-01T02:03:04Z");
        assertThat(RunIds.newRunId("nightly", now)).isEqualTo("20250301-020304-nightly");
        assertThat(RunIds.newRunId("my sweep/x", "2of8", now)).isEqualTo("20250301-020304-my-sweep-x-2of8");
        Path first = RunIds.createRunDir(tmp, "20250301-020304-nightly");
        Path second = RunIds.createRunDir(tmp, "20250301-020304-nightly");
        Path third = RunIds.createRunDir(tmp, "20250301-020304-nightly");
        assertThat(first.getFileName().toString()).isEqualTo("20250301-020304-nightly");
        assertThat(second.getFileName().toString()).isEqualTo("20250301-020304-nightly-2");
        assertThat(third.getFileName().toString()).isEqualTo("20250301-020304-nightly-3");
        RunStore.create(second, Fixtures.manifest("x", List.of(a), 1)).close(); // an allocated folder is empty
    }

    @Test
    void createInPicksTheNextFreeNameAndLeavesNoTemporaryFolder() throws Exception {
        List<Path> dirs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (RunStore store = RunStore.createIn(tmp, "20250301-020304-nightly",
                    id -> Fixtures.manifest(id, List.of(a), 1))) {
                dirs.add(store.dir());
                assertThat(store.manifest().runId()).isEqualTo(store.dir().getFileName().toString());
                assertThat(RunManifest.read(store.dir().resolve("run.json")).runId())
                        .isEqualTo(store.dir().getFileName().toString());
            }
        }
        assertThat(dirs).extracting(p -> p.getFileName().toString()).containsExactly("20250301-020304-nightly",
                "20250301-020304-nightly-2", "20250301-020304-nightly-3");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void theStoreHoldsTheRunsLockUntilClosed() throws Exception {
        Path dir;
        try (RunStore store = RunStore.createIn(tmp, "locked", id -> Fixtures.manifest(id, List.of(a), 1))) {
            dir = store.dir();
            assertThat(RunLock.heldHere(dir)).isTrue();
            assertThat(RunLock.tryAcquire(dir, "test")).isEmpty();
            String holder = Files.readString(dir.resolve(RunLock.FILE));
            assertThat(holder).contains("\"pid\":" + ProcessHandle.current().pid(), "\"command\":\"sweep\"");
            assertThatThrownBy(() -> RunStore.open(dir)).hasMessageContaining(dir + ": the run is open in this process");
        }
        assertThat(RunLock.heldHere(dir)).isFalse();
        assertThat(Files.readString(dir.resolve(RunLock.FILE))).isEmpty();
        try (RunStore again = RunStore.open(dir, "sweep --resume")) {
            assertThat(again.dir()).isEqualTo(dir);
            assertThat(Files.readString(dir.resolve(RunLock.FILE))).contains("sweep --resume");
        }
    }

    @Test
    void aRunThatIsNotThereIsNotLocked() {
        Path none = tmp.resolve("none");
        assertThatThrownBy(() -> RunStore.open(none)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("not a run folder");
        assertThat(none).doesNotExist();
    }
}
