package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.pipeline.Analysis;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HtmlReportTest {

    private static final Analysis A = ReportFixtures.standard();
    private static final String HTML = HtmlReport.render(A);

    /** Parses {@code html} as XML: fails on any unbalanced tag, bad attribute or unknown entity. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void isWellFormed() throws Exception {
        Document d = parse(HTML);
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("html");
        assertThat(d.getElementsByTagName("svg").getLength()).isEqualTo(count(HTML, "<svg "));
    }

    @Test
    void isSelfContained() {
        ReportChecks.assertSelfContained(HTML);
        assertThat(HTML).contains("<meta charset=\"utf-8\"/>").contains("<style>");
    }

    @Test
    void hasEveryChart() {
        // throughput: 8 (model, phase, seq); latency: 4 vs batch + 4 vs seq; model size: 2; roofline: 1;
        // residuals: one per fitted series (14)
        assertThat(count(HTML, "<svg ")).isEqualTo(8 + 8 + 2 + 1 + 14);
        for (String id : new String[] {"flags", "headlines", "points", "throughput", "latency", "model-size",
                "roofline", "residuals", "laws", "warnings"}) {
            assertThat(HTML).contains("<section id=\"" + id + "\"");
        }
        assertThat(HTML).contains("gpt-125m bf16 prefill · seq 128").contains("Roofline: NVIDIA H100 SXM5 80GB")
                .contains("power-law (not converged)").contains("95 % band");
    }

    @Test
    void rooflineMarksEachDisagreement() {
        int start = HTML.indexOf("<section id=\"roofline\">");
        String roof = HTML.substring(start, HTML.indexOf("</section>", start));
        assertThat(count(roof, "r=\"7\"")).as("rings in the chart, plus one in the legend").isEqualTo(8 + 1);
        // the 8 points in the full table, and the 2 (model, dtype, phase) rows with disagreements in the summary
        assertThat(count(roof, "<tr class=\"flag\">")).isEqualTo(8 + 2);
        assertThat(roof).contains("memory bandwidth 3.35 TB/s").contains("bf16 peak 989 TFLOP/s (ridge 295 FLOP/B)")
                .contains("disagrees with predicted bound").contains("overhead-bound");
    }

    @Test
    void tablesAndSentencesHaveTheSameContentAsMarkdown() {
        assertThat(HTML).contains("a = 203 µs [191, 217]<br/>c = 1.64 µs/seq [1.59, 1.7]")
                .contains("b90 = 1.11k batch [1k, 1.25k] †").contains("roofline (w &lt;0.001)")
                .contains("202 µs [197, 208]");
        A.fits().forEach(f -> assertThat(HTML).contains(dev.scalebench.report.svg.Xml.escape(
                Headlines.sentence(dev.scalebench.analysis.fit.Headline.of(f).measured()))));
        A.warnings().forEach(w -> assertThat(HTML).contains("<li>" + dev.scalebench.report.svg.Xml.escape(w)));
    }

    @Test
    void userTextIsEscaped() throws Exception {
        String evil = "<script>alert('x')</script>&amp;\u0001\"";
        String html = HtmlReport.render(ReportFixtures.renamed(evil));
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("\u0001")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;\uFFFD&quot;");
        parse(html);
    }

    @Test
    void aHundredSeriesStayNavigable() throws Exception {
        Analysis big = ReportFixtures.large(25);
        String html = HtmlReport.render(big);
        parse(html);
        assertThat(html.length()).as("size of the page").isLessThan(12_000_000);
        // per section, one group per model: only the first is open
        int start = html.indexOf("<section id=\"throughput\">");
        String tput = html.substring(start, html.indexOf("</section>", start));
        assertThat(count(tput, "<details")).isEqualTo(25);
        assertThat(count(tput, "<details open=\"open\">")).isEqualTo(1);
        assertThat(count(tput, "<svg ")).isEqualTo(100);
    }

    @Test
    void withoutProfileOrFitsTheSectionsSaySo() throws Exception {
        Analysis bare = new Analysis(1, "x.csv", "", A.metric(), A.options(), A.points(), java.util.List.of(), null,
                java.util.List.of(), java.util.List.of());
        String html = HtmlReport.render(bare);
        parse(html);
        assertThat(html).contains("No hardware profile matched the device").contains("No series could be fitted")
                .contains("<dd>unknown</dd>").doesNotContain("id=\"warnings\"");
        assertThat(MarkdownReport.render(bare)).doesNotContain("## Roofline").doesNotContain("## Fitted laws")
                .contains("## Points");
    }
}
