package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.GenerationSamples;
import dev.scalebench.analysis.capacity.Capacity;
import dev.scalebench.analysis.capacity.SloSet;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.results.TrialMetric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The generation parts of the reports and of {@code fits.json}: the capacity answers, the tokens/s per user against
 * total (chart and table), and their absence from a prefill/decode report (the golden files hold those).
 */
class GenerationReportTest {

    private static Analysis analysis;

    @BeforeAll
    static void analyse() {
        Dataset data = new Dataset("synthetic generate", "toy", GenerationSamples.of("llama-tiny",
                new int[] {1, 2, 4, 8, 16, 32}, new int[] {8, 64}, b -> 4e6 + 1e6 * b, b -> 2e6 + 0.5e6 * b, 3, 0.02,
                5), Map.of(), List.of());
        analysis = new Analyzer(FitOptions.DEFAULTS.withBootstrap(100), TrialMetric.P50,
                List.of(SloSet.parse("tpot-p99=9ms"), SloSet.parse("mlperf-interactive"))).analyze(data, null);
    }

    @Test
    void fitsJsonRoundTripsTheCapacityTheOutputsAndTheTokenFigures() {
        String json = FitsJson.toJson(analysis);
        assertThat(json).contains("\"capacity\"").contains("\"output\": 64").contains("\"metric\": \"tpot_p99\"")
                .contains("\"tpotP99Ns\"");
        Analysis back = FitsJson.fromJson(json, "fits.json");
        assertThat(FitsJson.toJson(back)).isEqualTo(json);
        assertThat(back.capacity()).hasSize(4);
        Capacity c = back.capacity().get(0);
        Capacity orig = analysis.capacity().get(0);
        assertThat(c.sentence()).isEqualTo(orig.sentence());
        assertThat(c.status()).isEqualTo(orig.status());
        assertThat(c.slo()).isEqualTo(orig.slo());
        assertThat(c.binding()).isEqualTo(orig.binding());
        assertThat(back.points().get(0).point()).isEqualTo(analysis.points().get(0).point());
        assertThat(back.fits().stream().map(f -> f.key().id()).toList())
                .isEqualTo(analysis.fits().stream().map(f -> f.key().id()).toList());
        assertThat(back.fits().stream().map(f -> f.key()).toList())
                .isEqualTo(analysis.fits().stream().map(f -> f.key()).toList());
    }

    @Test
    void markdownAnswersTheCapacityInWordsAndTabulatesTokensPerUser() {
        String md = MarkdownReport.render(analysis);
        assertThat(md).contains("## Capacity under SLOs")
                .contains("- llama-tiny fp32 generate at seq 64, output 8: the largest batch with p99 TPOT ≤ 9 ms is ")
                .contains("MLPerf Inference Llama 3.1 8B")
                .contains("## Tokens/s per user vs total")
                .contains("| llama-tiny fp32 · seq 64, output 8 | 1 |")
                .contains("| series | batch | output tokens/s [95 % CI] | per user [95 % CI] | frontier |");
        assertThat(md.indexOf("## Capacity")).isLessThan(md.indexOf("## Points"));
        // the points table of generate points names output, TTFT and TPOT
        assertThat(md).contains("| batch | seq | output | trials | e2e p50");
    }

    @Test
    void htmlHasTheCapacitySectionAndTheParetoChart() throws Exception {
        String html = HtmlReport.render(analysis);
        Document doc = HtmlReportTest.parse(html);
        assertThat(doc.getElementsByTagName("svg").getLength()).isPositive();
        ReportChecks.assertSelfContained(html);
        assertThat(html).contains("<section id=\"capacity\">").contains("<section id=\"pareto\">")
                .contains("<a href=\"#capacity\">Capacity</a>").contains("<a href=\"#pareto\">")
                .contains("Tokens/s per user vs total, over batch").contains(">b32</text>")
                .contains("llama-tiny fp32 · seq 64, output 64").contains("frontier");
        assertThat(html.indexOf("id=\"capacity\"")).isLessThan(html.indexOf("id=\"points\""));
    }

    @Test
    void aPrefillAndDecodeReportHasNoneOfIt() {
        Analysis a = ReportFixtures.standard();
        assertThat(MarkdownReport.render(a)).doesNotContain("Capacity").doesNotContain("Tokens/s per user");
        assertThat(HtmlReport.render(a)).doesNotContain("id=\"capacity\"").doesNotContain("id=\"pareto\"")
                .doesNotContain("#pareto");
        assertThat(FitsJson.toJson(a)).doesNotContain("\"capacity\"").doesNotContain("\"output\"");
    }
}
