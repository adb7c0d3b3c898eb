package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.fit.Headline;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.pipeline.Analysis;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final Analysis A = ReportFixtures.standard();
    private static final String MD = MarkdownReport.render(A);

    @Test
    void headerNamesSourceDeviceMetricBootstrapAndProfile() {
        assertThat(MD).startsWith("# Scaling report: results/20250301-020000-nightly\n")
                .contains("- **Device:** NVIDIA H100 80GB HBM3\n")
                .contains("- **Metric:** p50 (each trial's median step latency)\n")
                .contains("- **Bootstrap:** 2000 cluster resamples over trials, seed 1, 95 % percentile intervals\n")
                .contains("- **Hardware profile:** NVIDIA H100 SXM5 80GB (h100-sxm, data sheet)\n")
                .contains("32 points, 14 series fitted, 32 on the roofline (8 disagreeing");
    }

    @Test
    void warningsAndEveryHeadlineAndNoteAppear() {
        for (String w : A.warnings()) {
            assertThat(MD).contains("- ⚠️ " + MarkdownReport.esc(w) + "\n");
        }
        assertThat(MD).contains("'not-run' \\| 'failed'");
        for (SeriesFit f : A.fits()) {
            assertThat(MD).contains("*" + MarkdownReport.esc(f.key().label()) + "*: "
                    + MarkdownReport.esc(Headlines.sentence(Headline.of(f).measured())) + " ");
            f.notes().forEach(n -> assertThat(MD).contains("  - " + MarkdownReport.esc(n) + "\n"));
        }
    }

    @Test
    void lawsTableHasOneRowPerSeriesWithIntervalsFlagsAndOtherForms() {
        List<String> rows = section("## Fitted laws").lines()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| series")).toList();
        assertThat(rows).hasSize(A.fits().size());
        assertThat(rows).allSatisfy(r -> assertThat(cells(r)).hasSize(8));
        String extrapolated = rows.stream().filter(r -> r.contains("gpt-125m bf16 decode at seq 128")).findFirst()
                .orElseThrow();
        assertThat(extrapolated).startsWith("| ⚠️ ").contains("b90 = 1.11k batch [1k, 1.25k] †")
                .contains("lies beyond 2× the largest measured batch").contains("1: 1.4 %; 2: 2.7 %")
                .contains("a = 203 µs [191, 217]").contains("roofline (w <0.001)");
        assertThat(rows).filteredOn(r -> r.contains("over model size"))
                .allSatisfy(r -> assertThat(r).contains("power-law (w <0.001, not converged)"));
        assertThat(MD).contains("† extrapolated: beyond 2× the measured range");
    }

    @Test
    void rooflineIsSummarizedWithTheDisagreementsListed() {
        String roof = section("## Roofline: NVIDIA H100 SXM5 80GB");
        assertThat(roof).contains("memory bandwidth 3.35 TB/s; bf16 989 TFLOP/s (ridge 295 FLOP/B)")
                .contains("| ⚠️ gpt-125m bf16 decode | 8 | 0 | 3 | 5 | 5.2 % | 70 % | 5 |")
                .contains("| gpt-350m bf16 decode | 8 | 0 | 8 | 0 | 6.8 % | 77 % | 0 |")
                .contains("**8 of 32 points are not bound where their arithmetic intensity predicts:**");
        List<String> listed = roof.lines().filter(l -> l.contains("| disagrees |")).toList();
        assertThat(listed).hasSize(8).allSatisfy(l -> assertThat(l).startsWith("| ⚠️ gpt-"));
        assertThat(listed.get(0)).isEqualTo("| ⚠️ gpt-125m/bf16/prefill/b1/s128 | 128 | 157 TFLOP/s | 1.23 TB/s "
                + "| 16 % | 37 % | overhead | memory | disagrees |");
    }

    @Test
    void pointsAreGroupedWithLatencyIntervalsAndThroughput() {
        String pts = section("## Points");
        assertThat(pts).contains("#### gpt-125m bf16 prefill\n").contains("#### gpt-350m bf16 decode\n")
                .contains("| 1 | 128 | 3 | 202 µs [197, 208] | 227 µs [223, 232] | 4.94k [4.81k, 5.08k] | 632k |  |")
                // the single-trial point has no interval, and its flag is shown
                .contains("| ⚠️ 64 | 512 | 1 | 1.52 ms | 1.91 ms | 42k | 42k | p99-low-confidence 1/1 |");
        assertThat(pts.lines().filter(l -> l.matches("\\| (⚠️ )?\\d+ \\| \\d+ \\| .*"))).hasSize(32);
    }

    @Test
    void containsNoHtml() {
        assertThat(Pattern.compile("(?<!\\\\)<[a-zA-Z/!?]").matcher(MD).find()).isFalse();
    }

    @Test
    void userTextCannotBreakTablesOrInjectMarkup() {
        String evil = "m|x*<b>hi</b>_[a](b)`c`\nnext";
        String md = MarkdownReport.render(ReportFixtures.renamed(evil));
        assertThat(Pattern.compile("(?<!\\\\)<b>").matcher(md).find()).as("an unescaped tag").isFalse();
        assertThat(md).doesNotContain("[a](b)").doesNotContain(evil);
        assertThat(md).contains("m\\|x\\*&lt;b&gt;hi&lt;/b&gt;\\_[a\\](b)\\`c\\` next");
        // every row of a table still has as many (unescaped) cell separators as its header
        String[] lines = md.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("|---") || lines[i].startsWith("|--")) {
                int columns = cells(lines[i - 1]).size();
                for (int j = i + 1; j < lines.length && lines[j].startsWith("|"); j++) {
                    assertThat(cells(lines[j])).as("line %d: %s", j + 1, lines[j]).hasSize(columns);
                }
            }
        }
    }

    @Test
    void escapingLeavesOrdinaryTextAlone() {
        assertThat(MarkdownReport.esc("T_max = 3.1k seq/s [2.9k, 3.3k] (w <0.001)"))
                .isEqualTo("T_max = 3.1k seq/s [2.9k, 3.3k] (w <0.001)");
        assertThat(MarkdownReport.esc("_a_ *b* <i> a|b & c")).isEqualTo("\\_a\\_ \\*b\\* &lt;i&gt; a\\|b &amp; c");
    }

    @Test
    void aHundredSeriesStayWithinAPullRequestComment() {
        Analysis big = ReportFixtures.large(25);
        assertThat(big.fits().size()).isGreaterThanOrEqualTo(150);
        String md = MarkdownReport.render(big);
        assertThat(md.length()).as("GitHub comments hold 65536 characters").isLessThan(65_536);
        assertThat(md).contains("more series not shown here: see report.html or fits.json")
                .contains("more points not shown here");
        long lawRows = section(md, "## Fitted laws").lines()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| series")).count();
        assertThat(lawRows).isEqualTo(MarkdownReport.MAX_SERIES);
    }

    private static String section(String heading) {
        return section(MD, heading);
    }

    private static String section(String md, String heading) {
        int start = md.indexOf(heading + "\n");
        assertThat(start).as("section %s", heading).isGreaterThanOrEqualTo(0);
        int end = md.indexOf("\n## ", start + 1);
        return md.substring(start, end < 0 ? md.length() : end);
    }

    /** The cells of a table line, split at unescaped pipes. */
    static List<String> cells(String line) {
        String[] parts = line.split("(?<!\\\\)\\|", -1);
        return Arrays.asList(parts).subList(1, parts.length - 1);
    }
}
