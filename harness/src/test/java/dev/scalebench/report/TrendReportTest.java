package dev.scalebench.report;

import static dev.scalebench.analysis.trend.TrendFixtures.MACHINE_A;
import static dev.scalebench.analysis.trend.TrendFixtures.MACHINE_B;
import static dev.scalebench.analysis.trend.TrendFixtures.history;
import static dev.scalebench.analysis.trend.TrendFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.analysis.trend.TrendAnalysis;
import dev.scalebench.analysis.trend.TrendOptions;
import dev.scalebench.analysis.trend.Trends;
import dev.scalebench.results.RunMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class TrendReportTest {

    /**
     * Nightly runs: point 1 regresses by 10 % at run 31 of 50, point 2 improves by 20 % at run 21, point 3 is
     * flat; then 4 runs on machine B (too short); 3 metrics each.
     */
    static Trends trends(String sweep) {
        List<RunMetrics> runs = new ArrayList<>(history(sweep, MACHINE_A, 0, List.of(
                series(1, 50, 1e6, 0.02, 30, 0.10), series(2, 50, 4e6, 0.02, 20, -0.2),
                series(3, 50, 2e6, 0.02, 50, 0))));
        runs.addAll(history(sweep, MACHINE_B, 50, List.of(series(4, 4, 1e6, 0.02, 4, 0),
                series(5, 4, 4e6, 0.02, 4, 0), series(6, 4, 2e6, 0.02, 4, 0))));
        return TrendAnalysis.analyze(runs, sweep, TrendOptions.DEFAULTS);
    }

    private static final Trends T = trends("nightly");

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theFixtureHasWhatTheReportsShow() {
        assertThat(T.series()).hasSize(18);
        assertThat(T.flagged()).hasSize(6);
        assertThat(T.tooShort()).hasSize(9);
        assertThat(T.changeCount()).isEqualTo(6);
    }

    @Test
    void htmlIsWellFormedSelfContainedAndChartsOnlyFlaggedSeriesUnlessAll() throws Exception {
        String html = TrendHtml.render(T, false);
        Document d = HtmlReportTest.parse(html);
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(count(html, "<svg ")).isEqualTo(6);
        assertThat(d.getElementsByTagName("svg").getLength()).isEqualTo(6);
        ReportChecks.assertSelfContained(html);
        String all = TrendHtml.render(T, true);
        HtmlReportTest.parse(all);
        assertThat(count(all, "<svg ")).as("every series long enough").isEqualTo(9);
    }

    @Test
    void changePointsAreAnnotatedAndFlaggedSeriesComeFirst() {
        String html = TrendHtml.render(T, false);
        // one ring per change point in the charts plus one in each legend
        assertThat(count(html, "r=\"7\"")).isEqualTo(12);
        assertThat(html).containsPattern("\\+\\d+\\.\\d % at 2026-01-31 \\(run 31\\), p \\d\\.\\de-\\d\\d")
                .containsPattern("-\\d\\d\\.\\d % at 2026-01-21 \\(run 21\\)").contains("segment means")
                .contains("#D55E00").contains("#009E73");
        int start = html.indexOf("<section id=\"series\">");
        String table = html.substring(start, html.indexOf("</section>", start));
        List<String> rows = new ArrayList<>(List.of(table.split("<tr")));
        rows.subList(0, 2).clear(); // before the first row, and the header
        assertThat(rows).hasSize(18);
        assertThat(rows.subList(0, 3)).allMatch(r -> r.startsWith(" class=\"regression\""));
        assertThat(rows.subList(3, 6)).allMatch(r -> r.startsWith(" class=\"improvement\""));
        assertThat(rows.subList(6, 18)).allMatch(r -> r.startsWith(">"));
        assertThat(rows.get(17)).contains("too short: 4 runs, needs 6");
        assertThat(html).contains("cpu.model=Intel Xeon 8480").doesNotContain("git.commit");
    }

    @Test
    void textFromTheDataIsEscaped() throws Exception {
        Trends evil = trends("<script>alert('x')</script>&");
        String html = TrendHtml.render(evil, true);
        assertThat(html).doesNotContainIgnoringCase("<script").contains("&lt;script&gt;alert(&#39;x&#39;)");
        HtmlReportTest.parse(html);
        assertThat(TrendMarkdown.render(evil)).contains("&lt;script&gt;").doesNotContain("<script");
    }

    @Test
    void markdownSummarisesInAnyLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String md = TrendMarkdown.render(T);
            assertThat(md).startsWith("# Trends: sweep nightly\n")
                    .contains("- **Runs:** 54 (2026-01-01 to 2026-02-23), **environments:** 2")
                    .contains("- **Series:** 18 (6 with a change point, 9 too short)")
                    .containsPattern("\\| 🔴 regression \\| nightly · gpt-1m/fp32/prefill/b1/s32 · p50 \\| env 1 \\| "
                            + "2026-01-31 \\(20260030-020000-nightly\\) \\| \\+\\d\\.\\d % \\| \\d+ µs → 1\\.\\d+ ms \\| \\d\\.\\de-\\d\\d \\|")
                    .contains("🟢 improvement").contains("3 series without a change point.")
                    .contains("Too short to test (fewer than 6 runs): nightly · gpt-1m/fp32/prefill/b1/s32 · p50 (env 2, 4 runs)")
                    .doesNotContain(",0 %");
            assertThat(count(md, "\\| 🔴")).isEqualTo(3);
            assertThat(md.indexOf("🔴")).isLessThan(md.indexOf("🟢"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void jsonHoldsEverySeriesAndWriterWritesThreeFiles(@TempDir Path dir) throws Exception {
        String md = TrendWriter.write(dir.resolve("trend"), T, false);
        assertThat(md).isEqualTo(Files.readString(dir.resolve("trend/trend.md")));
        assertThat(dir.resolve("trend/trend.html")).exists();
        JsonNode j = new ObjectMapper().readTree(dir.resolve("trend/trend.json").toFile());
        assertThat(j.get("schema").asInt()).isEqualTo(1);
        assertThat(j.get("sweep").asText()).isEqualTo("nightly");
        assertThat(j.get("runs").asInt()).isEqualTo(54);
        assertThat(j.at("/options/maxP").asDouble()).isEqualTo(0.001);
        assertThat(j.at("/options/weakP").asDouble()).isEqualTo(0.01);
        assertThat(j.get("environments")).hasSize(2);
        assertThat(j.at("/environments/1/facts/cpu.model").asText()).isEqualTo("Intel Xeon 8480");
        assertThat(j.get("series")).hasSize(18);
        JsonNode first = j.at("/series/0");
        assertThat(first.get("point").asText()).isEqualTo("gpt-1m/fp32/prefill/b1/s32");
        assertThat(first.get("metric").asText()).isEqualTo("p50");
        assertThat(first.get("runs")).hasSize(50);
        assertThat(first.at("/changes/0/index").asInt()).isBetween(29, 31);
        assertThat(first.at("/changes/0/direction").asText()).isEqualTo("regression");
        assertThat(first.at("/changes/0/adjustedP").asDouble()).isLessThan(0.001);
        assertThat(first.at("/runs/0/started").asText()).isEqualTo("2026-01-01T02:00:00Z");
    }

    @Test
    void aQuietHistorySaysSo() throws Exception {
        Trends quiet = TrendAnalysis.analyze(history("smoke", MACHINE_A, 0, List.of(series(8, 12, 1e6, 0.02, 12, 0))),
                null, TrendOptions.DEFAULTS);
        String html = TrendHtml.render(quiet, false);
        HtmlReportTest.parse(html);
        assertThat(html).contains("No change point in any series.").contains("run with --all");
        assertThat(count(html, "<svg ")).isZero();
        assertThat(TrendMarkdown.render(quiet)).contains("# Trends: all sweeps").contains("No change point in any series.")
                .contains("3 series without a change point.");
    }
}
