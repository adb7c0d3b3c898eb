package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.RunDatasets;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.report.FitsJson;
import dev.scalebench.report.HtmlReport;
import dev.scalebench.report.MarkdownReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measured memory of a run reaches the analysis, fits.json and the reports: each point's peak is the largest
 * reading over its OK trials (as in summary.csv), unmeasured points stay {@code -1}, and the reports have the
 * latency–memory section only when some point was measured.
 */
class MemoryIntoAnalysisTest {

    @TempDir
    Path tmp;

    private static TrialResult withMemory(TrialResult t, long bytes) {
        TrialResult.Measured m = t.measured();
        return new TrialResult(t.trialId(), t.pointId(), t.replicate(), t.sequence(), t.status(), t.failure(),
                t.started(), t.ended(), new TrialResult.Measured(m.warmup(), m.iterations(), m.nanos(),
                        m.deviceNanos(), m.gc(), m.stopReason(), bytes), t.flags());
    }

    /** Prefill at batch 1, 2, 4 (seq 64), two trials each; memory read on batch 1 and 4 only when {@code memory}. */
    private Analysis analyse(String name, boolean memory) throws Exception {
        List<SweepPoint> points = List.of(Fixtures.point(Phase.PREFILL, 1, 64), Fixtures.point(Phase.PREFILL, 2, 64),
                Fixtures.point(Phase.PREFILL, 4, 64));
        Path dir = tmp.resolve(name);
        int seq = 0;
        try (RunStore store = RunStore.create(dir, Fixtures.manifest(name, points, 2))) {
            for (int r = 0; r < 2; r++) {
                for (SweepPoint p : points) {
                    Histogram h = Fixtures.constant(1000L * p.batch() + 10L * r, 50);
                    TrialResult t = Fixtures.ok(p.id(), r, seq++, h, List.of());
                    if (memory && p.batch() != 2) {
                        t = withMemory(t, p.batch() * 1_000_000L + r * 500_000L);
                    }
                    store.append(t, h);
                }
            }
        }
        Dataset data = RunDatasets.from(Run.read(dir));
        return new Analyzer(FitOptions.DEFAULTS.withBootstrap(0), TrialMetric.P50).analyze(data, null);
    }

    private static Map<Integer, Long> memory(Analysis a) {
        return a.points().stream().collect(Collectors.toMap(p -> p.point().batch(), PointStats::memPeakBytes));
    }

    @Test
    void eachPointCarriesTheLargestReadingOfItsTrials() throws Exception {
        Analysis a = analyse("with", true);
        assertThat(memory(a)).containsExactlyInAnyOrderEntriesOf(Map.of(1, 1_500_000L, 2, -1L, 4, 4_500_000L));
        Analysis back = FitsJson.fromJson(FitsJson.toJson(a), "fits.json");
        assertThat(memory(back)).isEqualTo(memory(a));
        assertThat(FitsJson.toJson(a)).contains("\"memPeakBytes\": 1500000").contains("\"memPeakBytes\": 4500000");
        assertThat(HtmlReport.render(a)).contains("<section id=\"memory\">", "<a href=\"#memory\">Memory</a>",
                "batch 4: ", " at 4.5 MB");
        assertThat(MarkdownReport.render(a)).contains("## Latency vs memory", "| 4.5 MB |");
    }

    @Test
    void aRunWithoutReadingsHasNoMemoryAnywhere() throws Exception {
        Analysis a = analyse("without", false);
        assertThat(memory(a).values()).containsOnly(-1L);
        assertThat(FitsJson.toJson(a)).doesNotContain("memPeakBytes");
        assertThat(HtmlReport.render(a)).doesNotContain("id=\"memory\"", "#memory");
        assertThat(MarkdownReport.render(a)).doesNotContain("Latency vs memory");
    }
}
