package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.compare.Comparison;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * {@code compare.md} and {@code compare.html}: a golden file for the Markdown (regenerate with
 * {@code -Dgolden.update=true}, as {@link ReportGoldenTest} says), the same bytes in other locales, well-formed and
 * self-contained HTML, and a Markdown that fits a pull-request comment however large the sweep.
 */
class CompareReportTest {

    private static final Comparison C = CompareReportFixtures.standard();
    private static final String MD = CompareMarkdown.render(C);
    private static final String HTML = CompareHtml.render(C);

    @Test
    void markdownMatchesTheGoldenFile() {
        assertThat(MD).isEqualTo(ReportChecks.golden("compare.md", MD));
    }

    @Test
    void markdownAndHtmlAreTheSameInGermanTurkishAndArabicLocales() {
        ReportChecks.inOtherLocales(l -> {
            Comparison again = CompareReportFixtures.standard();
            assertThat(CompareMarkdown.render(again)).as("compare.md under %s", l).isEqualTo(MD);
            assertThat(CompareHtml.render(again)).as("compare.html under %s", l).isEqualTo(HTML);
        });
    }

    @Test
    void markdownSaysWhatAReviewerNeeds() {
        assertThat(MD).startsWith("# Comparison: A vs B\n")
                .contains("- B vs A, throughput: 2.17× faster (geometric mean over 11 points; speedups 1.56× to "
                        + "3.16×); faster at 11, slower at 0, unclear at 0.")
                .contains("| gpt-125m/bf16/decode/b1/s512 | 5 / 5 | 204 µs → 130 µs; 1.56× faster [1.51, 1.61] |")
                .contains("only in A (1): gpt-125m/bf16/decode/b64/s512")
                .contains("only in B (1): gpt-125m/bf16/decode/b128/s512")
                .contains("| ⚠️ B | gpt-350m/bf16/prefill/b32/s512 | all 3 trials failed |")
                .contains("| gpu.name (machine/engine) | NVIDIA A100-SXM4-80GB | NVIDIA H100 80GB HBM3 |")
                .contains("| gpu.driver | 550.54 | 560.35 |")
                .contains("## Cost per million tokens").contains("- B vs A, cost per token: 0.693× of A's")
                .contains("## Roofline: each run against its own ceilings").contains("| point | A (a100-80gb-sxm) | B "
                        + "(h100-sxm) |")
                .contains("| gpt-125m bf16 decode at seq 512, over batch | form | linear | linear |")
                .contains("|  | T_max | 1.2k seq/s [1.08k, 1.32k] | 2.5k seq/s [2.25k, 2.75k] |")
                .doesNotContain("NaN").doesNotContain("n/a").doesNotContain("†");
    }

    @Test
    void htmlIsWellFormedAndSelfContained() throws Exception {
        Document d = HtmlReportTest.parse(HTML);
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(d.getElementsByTagName("svg").getLength()).isGreaterThanOrEqualTo(4 * 2 + 3);
        ReportChecks.assertSelfContained(HTML);
        // one colour per run, in the legend and in the overlaid curves
        assertThat(HTML).contains("A (20260301-020000-nightly-a100)").contains("B (20260301-060000-nightly-h100)")
                .contains("gpt-125m bf16 decode · seq 512").contains("speedup");
    }

    @Test
    void markdownFitsAPullRequestCommentHoweverLargeTheSweep() {
        Comparison big = CompareReportFixtures.large(3, 2000);
        String md = CompareMarkdown.render(big);
        assertThat(md.length()).isLessThanOrEqualTo(CompareMarkdown.MAX_CHARS);
        assertThat(md).contains("_1960 more points not shown here: see compare.html._")
                .contains("only in B (1)").contains("## Summary");
        Comparison many = CompareReportFixtures.large(30, 100);
        String cut = CompareMarkdown.render(many);
        assertThat(cut.length()).isLessThanOrEqualTo(CompareMarkdown.MAX_CHARS).isGreaterThan(60_000);
        assertThat(cut).containsPattern("_The comparison is longer than a comment allows; \\d+ more characters are "
                + "left out: see compare.html._\n$");
    }
}
