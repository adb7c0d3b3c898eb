package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.analysis.fit.MemoryFit;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.stats.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory against batch and seq, a line per series: an exact line is recovered with a tight interval, a noisy one
 * has its truth inside a wider one, series with fewer than three measured levels are not fitted, and fits.json
 * carries the fits ({@code memoryFits}) only when there are some, the same after a round trip.
 */
class MemoryFitTest {

    private static PointStats point(int batch, int seq, long mem) {
        PointKey k = new PointKey("gpt-1m", "fp32", "prefill", 1_000_000, batch, seq, 0);
        return new PointStats(k, 3, 1e6, Interval.UNDEFINED, Double.NaN, Interval.UNDEFINED, 1e6,
                Interval.UNDEFINED, Double.NaN, Double.NaN).withMemPeak(mem);
    }

    @Test
    void anExactLineIsRecovered() {
        List<PointStats> ps = List.of(point(4, 64, 4_000_000 + 4 * 250_000), point(1, 64, 4_000_000 + 250_000),
                point(2, 64, 4_000_000 + 2 * 250_000), point(8, 64, 4_000_000 + 8 * 250_000), point(8, 128, -1));
        List<MemoryFit> fits = MemoryFit.fit(ps);
        assertThat(fits).hasSize(1);
        MemoryFit f = fits.get(0);
        assertThat(f.series()).isEqualTo("batch:gpt-1m/fp32/prefill/s64");
        assertThat(f.x()).containsExactly(1, 2, 4, 8);
        assertThat(f.interceptBytes()).isCloseTo(4_000_000, within(1e-3));
        assertThat(f.slopeBytes()).isCloseTo(250_000, within(1e-6));
        assertThat(f.slopeCi().hi() - f.slopeCi().lo()).isLessThan(1e-3);
        assertThat(f.maxAbsRelResidual()).isLessThan(1e-9);
    }

    @Test
    void aNoisyLineHasItsTruthInsideItsInterval() {
        long[] noise = {30_000, -20_000, 10_000, -40_000, 25_000};
        int[] batches = {1, 2, 4, 8, 16};
        List<PointStats> ps = new java.util.ArrayList<>();
        for (int i = 0; i < batches.length; i++) {
            ps.add(point(batches[i], 64, 4_000_000 + 250_000L * batches[i] + noise[i]));
        }
        MemoryFit f = MemoryFit.fit(ps).get(0);
        assertThat(f.slopeCi().lo()).isLessThan(250_000).isPositive();
        assertThat(f.slopeCi().hi()).isGreaterThan(250_000);
        assertThat(f.interceptCi().lo()).isLessThan(4_000_000);
        assertThat(f.interceptCi().hi()).isGreaterThan(4_000_000);
        assertThat(f.maxAbsRelResidual()).isPositive();
    }

    @Test
    void fewerThanThreeMeasuredLevelsAreNotFittedAndFitsJsonHasNoSection() {
        assertThat(MemoryFit.fit(List.of(point(1, 64, 10), point(2, 64, 20), point(4, 64, -1)))).isEmpty();
        assertThat(FitsJson.toJson(ReportFixtures.standard())).doesNotContain("memoryFits");
    }

    @Test
    void aParabolaAlongSeqIsWrittenWithItsSquareCoefficient() {
        List<PointStats> ps = new java.util.ArrayList<>();
        for (int s : new int[] {16, 32, 64, 128, 256, 512, 1024}) {
            ps.add(point(4, s, 4_000_000L + 20_000L * s + 30L * s * s));
        }
        List<MemoryFit> fits = MemoryFit.fit(ps);
        assertThat(fits).hasSize(1);
        assertThat(fits.get(0).series()).isEqualTo("seq:gpt-1m/fp32/prefill/b4");
        String json = JsonText.print(FitsJsonMemory.write(fits));
        assertThat(json).contains("\"form\": \"quadratic\"", "\"quadraticBytes\": 30", "\"quadraticCi\"",
                "\"akaikeWeight\"").doesNotContain("\"note\"");
    }

    @Test
    void fitsJsonCarriesTheFitsAndRoundTrips() {
        Analysis a = ReportFixtures.standard();
        List<PointStats> measured = a.points().stream()
                .map(p -> p.withMemPeak(50_000_000L + 1_000_000L * p.point().batch())).toList();
        Analysis m = new Analysis(a.schema(), a.source(), a.device(), a.metric(), a.options(), measured, a.fits(),
                a.hardware(), a.roofline(), a.warnings(), a.spec(), a.repairs(), a.capacity(), a.shifts());
        String json = FitsJson.toJson(m);
        assertThat(json).contains("\"memoryFits\"", "\"slopeBytes\": 1000000", "\"interceptBytes\": 50000000");
        assertThat(json).contains("\"form\": \"linear\"", "\"note\": \"quadratic not tried")
                .doesNotContain("quadraticBytes");
        assertThat(FitsJson.toJson(FitsJson.fromJson(json, "fits.json"))).isEqualTo(json);
    }
}
