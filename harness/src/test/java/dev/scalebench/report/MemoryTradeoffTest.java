package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latency–memory section: one curve per series in batch order, unmeasured points left out, none without data. */
class MemoryTradeoffTest {

    private static PointStats row(String model, int batch, int seq, double p50Ns, long mem) {
        PointKey p = new PointKey(model, "fp32", "prefill", 1_000_000, batch, seq, 0);
        Interval ci = Double.isFinite(p50Ns) ? new Interval(p50Ns * 0.9, p50Ns * 1.1) : Interval.UNDEFINED;
        return new PointStats(p, 3, p50Ns, ci, Double.NaN, Interval.UNDEFINED, p50Ns, ci, Double.NaN, Double.NaN)
                .withMemPeak(mem);
    }

    @Test
    void oneCurvePerSeriesInBatchOrderWithoutUnmeasuredPoints() {
        List<PointStats> rows = new ArrayList<>(List.of(row("a", 4, 64, 4e6, 40_000_000),
                row("a", 1, 64, 1e6, 10_000_000), row("a", 2, 64, 2e6, -1), row("b", 1, 64, 3e6, 5_000_000),
                row("a", 1, 128, 2e6, 20_000_000)));
        var series = MemoryTradeoff.series(rows);
        assertThat(series.keySet()).containsExactly("a fp32 prefill · seq 64", "b fp32 prefill · seq 64",
                "a fp32 prefill · seq 128");
        assertThat(series.get("a fp32 prefill · seq 64")).extracting(r -> r.point().batch()).containsExactly(1, 4);

        StringBuilder sb = new StringBuilder();
        MemoryTradeoff.html(sb, rows);
        String html = sb.toString();
        assertThat(html).startsWith("<section id=\"memory\">").contains("<h2>Latency vs memory</h2>", "<svg",
                "a fp32 prefill · seq 64, batch 4: 4 ms at 40 MB").endsWith("</section>\n");
        assertThat(html).doesNotContain("batch 2:");
    }

    @Test
    void theMemoryFitsAreDrawnAndTabledAfterTheTradeOff() {
        List<PointStats> rows = new ArrayList<>();
        for (int b : new int[] {1, 2, 4, 8}) {
            rows.add(row("a", b, 64, 1e6 * b, 10_000_000L + 5_000_000L * b)); // batch 1..8 at seq 64: a line
        }
        rows.add(row("b", 1, 64, 1e6, 1_000_000)); // one level: drawn in the trade-off, too few to fit
        StringBuilder sb = new StringBuilder();
        MemoryTradeoff.html(sb, rows);
        String html = sb.toString();
        assertThat(html).contains("<h3>Memory vs batch and sequence length</h3>",
                "a/fp32/prefill/s64 · memory vs batch", "linear m = a + b·x", "batch 4: 30 MB measured, 30 MB fitted")
                .doesNotContain("b/fp32/prefill/s64 · memory").endsWith("</section>\n");
        assertThat(html.indexOf("<h3>Memory vs")).isGreaterThan(html.indexOf("p50 latency vs peak memory"));

        StringBuilder md = new StringBuilder();
        MemoryFitCharts.markdown(md, rows);
        assertThat(md.toString()).contains("### Memory vs batch and sequence length", "batch:a/fp32/prefill/s64",
                "| linear |", "5 MB/seq");
    }

    @Test
    void aRunWithoutMemoryReadingsHasNoSection() {
        StringBuilder sb = new StringBuilder();
        MemoryTradeoff.html(sb, List.of(row("a", 1, 64, 1e6, -1), row("a", 2, 64, Double.NaN, 1000)));
        assertThat(sb).isEmpty();
    }
}
