package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code gate.html}'s structure: well-formed and self-contained, the verdict first, then the points that need
 * attention with their intervals drawn against the margin, then every point; the values the runs have even where a
 * point could not be tested; text from the runs escaped. (The bytes are pinned by {@link GateGoldenTest}.)
 */
class GateHtmlTest {

    private static final GateResult R = GateFixtures.standard();
    private static final String HTML = GateHtml.render(R);

    @Test
    void isWellFormedAndSelfContained() throws Exception {
        Document d = HtmlReportTest.parse(HTML);
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("html");
        ReportChecks.assertSelfContained(HTML);
    }

    @Test
    void theVerdictComesFirstThenThePointsThatNeedAttentionThenEveryPoint() {
        int verdict = HTML.indexOf("<h1>scalebench gate: <span class=\"verdict v-REGRESSION\">REGRESSION</span>");
        int summary = HTML.indexOf("1 of 4 blocking points regressed: m/fp32/decode/b2/s64.");
        int attention = HTML.indexOf("<section id=\"attention\">");
        int every = HTML.indexOf("<section id=\"points\">");
        assertThat(List.of(verdict, summary, attention, every)).doesNotContain(-1).isSorted();
        assertThat(HTML).contains("The deploy is blocked.").contains("engine.version: 2.7.1 → 2.8.0")
                .contains("Only in the baseline: m/fp32/prefill/b1/s256");
    }

    @Test
    void theAttentionPlotDrawsEachTestOfThosePointsWithItsMarginAndNoPass() throws Exception {
        Document d = HtmlReportTest.parse(HTML);
        Element attention = section(d, "attention");
        NodeList svgs = attention.getElementsByTagName("svg");
        assertThat(svgs.getLength()).isEqualTo(1);
        Element svg = (Element) svgs.item(0);
        // one <g> per row: 5 points that need attention × 2 metrics
        NodeList rows = svg.getElementsByTagName("g");
        assertThat(rows.getLength()).isEqualTo(10);
        List<String> tips = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            tips.add(((Element) rows.item(i)).getElementsByTagName("title").item(0).getTextContent());
        }
        assertThat(tips.get(0)).isEqualTo("m/fp32/decode/b2/s64 · p99: 1.83 ms → 2.1 ms, +15.2 % [+13.0 %, +17.4 %]"
                + " (margin +5 %), REGRESSION");
        assertThat(tips).noneMatch(t -> t.contains("decode/b1/s64")).anyMatch(t -> t.endsWith("WARNING"))
                .anyMatch(t -> t.endsWith("IMPROVED"));
        assertThat(tips).filteredOn(t -> t.startsWith("m/fp32/decode/b8/s64"))
                .allMatch(t -> t.endsWith("INCONCLUSIVE (not tested)")).allMatch(t -> !t.contains("[")).hasSize(2);
        // every row has its margin, dashed, and the regression zone beyond it
        String svgText = HTML.substring(HTML.indexOf("<svg", HTML.indexOf("<section id=\"attention\">")));
        svgText = svgText.substring(0, svgText.indexOf("</svg>"));
        assertThat(svgText.split("stroke-dasharray=\"3,2\"/>", -1)).hasSize(10 + 1 + 1);
        assertThat(svgText).contains("beyond the margin").contains("not tested (too few trials)");
    }

    @Test
    void aPointWithTooFewTrialsShowsTheValuesTheRunsHave() {
        String row = HTML.substring(HTML.indexOf("<tr class=\"first\"><td>m/fp32/decode/b8/s64</td>"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).doesNotContain("<td class=\"num\">—</td><td class=\"num\">—</td>")
                .containsPattern("<td class=\"num\">[0-9.]+ ms</td><td class=\"num\">[0-9.]+ ms</td>")
                .contains("INCONCLUSIVE <span class=\"muted\">(not tested)</span>").contains("5 / 3 (2 failed)");
    }

    @Test
    void aPassSaysSoAndHasNoAttentionPlot() throws Exception {
        GateResult r = GateFixtures.large(4, true);
        List<PointVerdict> passes = r.points().stream()
                .map(p -> new PointVerdict(p.pointId(), true, 5, 5, 0, p.tests(), Verdict.PASS, "ok")).toList();
        GateResult pass = new GateResult(r.policy(), r.baseline(), r.candidate(), List.of(), passes, List.of(),
                List.of(), List.of(), Verdict.PASS);
        String html = GateHtml.render(pass);
        HtmlReportTest.parse(html);
        assertThat(html).contains("v-PASS\">PASS</span>").contains("The deploy may go ahead.")
                .contains("<p>None: every point passed.</p>");
        assertThat(section(HtmlReportTest.parse(html), "attention").getElementsByTagName("svg").getLength()).isZero();
    }

    @Test
    void fiveHundredPointsStayReadable() throws Exception {
        GateResult r = GateFixtures.large(500, true);
        String html = GateHtml.render(r);
        HtmlReportTest.parse(html);
        assertThat(html).contains("rows are too many to plot; the table has them all.");
        if (GateText.attention(r).size() * 2 > GateHtml.MAX_PLOT_ROWS) {
            assertThat(html).contains("The plot shows the first " + GateHtml.MAX_PLOT_ROWS + " of ");
        }
        assertThat(html.split("<g><title>", -1).length - 1).isLessThanOrEqualTo(GateHtml.MAX_PLOT_ROWS);
        assertThat(html.split("<tr", -1).length - 1).as("every point in the table, and those needing attention")
                .isGreaterThanOrEqualTo(1000);
    }

    private static Element section(Document d, String id) {
        NodeList sections = d.getElementsByTagName("section");
        for (int i = 0; i < sections.getLength(); i++) {
            Element e = (Element) sections.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no section " + id);
    }
}
