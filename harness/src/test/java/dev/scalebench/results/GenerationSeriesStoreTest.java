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
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generate trial's further histograms (ttft, tpot, itl) are written with its own, in one write forced before the
 * journal line: they round-trip, a crash anywhere in them leaves a trial that runs again, and what no crash leaves is
 * refused.
 */
class GenerationSeriesStoreTest {

    @TempDir
    Path tmp;

    private final SweepPoint prefill = Fixtures.point(Phase.PREFILL, 4, 64);

    private static Map<String, Histogram> series(long ttft, long tpot, long itl) {
        return GenerationSeries.byName(Fixtures.constant(ttft, 10), Fixtures.constant(tpot, 10),
                Fixtures.constant(itl, 70));
    }

    private Path run(String trialId) {
        Path dir = tmp.resolve("run");
        try (RunStore store = RunStore.create(dir, Fixtures.manifest("run", List.of(prefill), 2))) {
            Histogram h = Fixtures.constant(8000, 10);
            store.append(Fixtures.ok(prefill.id(), 0, 0, h, List.of()), h);
            store.append(Fixtures.ok(trialId.substring(0, trialId.indexOf('#')), 1, 1, h, List.of()), h,
                    series(1000, 100, 95));
        }
        return dir;
    }

    @Test
    void theSeriesRoundTripBesideTheTrialsOwnHistogram() {
        String id = prefill.id() + "#r1";
        RunReader r = RunReader.read(run(id));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.histograms()).containsOnlyKeys(prefill.id() + "#r0", id);
        assertThat(r.series()).containsOnlyKeys(id);
        assertThat(r.series().get(id)).containsOnlyKeys("ttft", "tpot", "itl");
        assertThat(r.series().get(id).get("itl").getTotalCount()).isEqualTo(70);
        assertThat(r.series().get(id).get("ttft").getValueAtPercentile(50)).isBetween(999L, 1001L);
        GenerationValues g = GenerationSeries.values(8, r.series().get(id));
        assertThat(g.ttftP50Ns()).isBetween(999.0, 1001.0);
        assertThat(g.tpotP99Ns()).isBetween(99.0, 101.0);
        assertThat(g.itlP50Ns()).isBetween(94.0, 96.0);
        assertThat(GenerationSeries.values(0, r.series().get(id))).as("not a generate point").isNull();
    }

    @Test
    void aCrashInsideTheSeriesDropsTheWholeTrialWhichRunsAgain() throws Exception {
        Path dir = run(prefill.id() + "#r1");
        Path hlog = dir.resolve("histograms.hlog");
        Path journal = dir.resolve("trials.jsonl");
        String fullHlog = Files.readString(hlog);
        String fullJournal = Files.readString(journal);
        // the state before the last trial's journal line: its four histogram lines forced, no journal line
        String journalBefore = fullJournal.substring(0, fullJournal.indexOf('\n') + 1);
        int lastTrialStart = fullHlog.indexOf("Tag=" + HlogFormat.encodeTag(prefill.id() + "#r1") + ",");
        String tail = fullHlog.substring(lastTrialStart);
        for (int cut : new int[] {tail.indexOf('\n') + 1, tail.indexOf("/ttft") + 20, tail.lastIndexOf('\n'),
                tail.length()}) {
            Files.writeString(journal, journalBefore);
            Files.writeString(hlog, fullHlog.substring(0, lastTrialStart) + tail.substring(0, cut));
            RunReader r = RunReader.read(dir);
            assertThat(r.histograms()).as("cut at " + cut).containsOnlyKeys(prefill.id() + "#r0");
            assertThat(r.series()).as("cut at " + cut).isEmpty();
            assertThat(r.warnings()).as("cut at " + cut)
                    .anySatisfy(w -> assertThat(w).contains("journal line was never written"));
        }
        // resume: the trial is recorded again, with its series, and reads back whole
        try (RunStore store = RunStore.open(dir)) {
            assertThat(store.completedTrialIds()).containsExactly(prefill.id() + "#r0");
            Histogram h = Fixtures.constant(7000, 10);
            store.append(Fixtures.ok(prefill.id(), 1, 1, h, List.of()), h, series(900, 90, 85));
        }
        RunReader again = RunReader.read(dir);
        assertThat(again.warnings()).isEmpty();
        assertThat(again.series().get(prefill.id() + "#r1").get("tpot").getValueAtPercentile(50)).isBetween(89L, 91L);
    }

    @Test
    void aSeriesThatDoesNotFollowItsTrialIsRefused() throws Exception {
        Path dir = run(prefill.id() + "#r1");
        Path hlog = dir.resolve("histograms.hlog");
        String stray = new String(HlogFormat.line(HlogFormat.seriesTag(prefill.id() + "#r0", "ttft"),
                Fixtures.constant(5, 5), Fixtures.T0, Fixtures.T0.plusSeconds(1)), StandardCharsets.UTF_8);
        Files.writeString(hlog, stray, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> RunReader.read(dir)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("histograms.hlog:").hasMessageContaining("'ttft' histogram of trial "
                        + prefill.id() + "#r0").hasMessageContaining("does not follow");
    }
}
