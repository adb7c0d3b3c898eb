package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.compare.CompareFixtures;
import dev.scalebench.analysis.compare.CompareOptions;
import dev.scalebench.analysis.compare.Comparer;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.gate.AaCalibration;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.stats.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text from run folders (model names, run ids, the reader's repair sentences) is untrusted: in every Markdown and
 * HTML report it is shown, never taken as markup; and the repairs made while reading a run have a section of
 * their own in each report.
 */
class UntrustedTextReportTest {

    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final String SCRIPT = "<script>alert(1)</script>";
    /** A tag split by a control character, which the escaping drops: it must not join into {@code <script>}. */
    private static final String SPLIT = "<\u0001script>x";
    private static final List<String> REPAIRS = List.of(
            "results/r/trials.jsonl:7: dropped an incomplete last line (a write cut short, e.g. by kill -9)",
            "trial " + SCRIPT + " | x");

    private static void noMarkup(String text, String what) {
        assertThat(text).as(what).doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<script")
                .doesNotContain("\u0001");
    }

    @Test
    void markdownEscapingIsEntityBasedAndCannotBeSplit() {
        assertThat(MarkdownReport.esc(IMG)).isEqualTo("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(MarkdownReport.esc(SPLIT)).isEqualTo("&lt;script&gt;x");
        assertThat(MarkdownReport.esc("]\u0002(javascript:x)")).isEqualTo("\\](javascript:x)");
        assertThat(MarkdownReport.esc("# not a heading")).isEqualTo("\\# not a heading");
        assertThat(MarkdownReport.esc("a | b")).isEqualTo("a \\| b");
    }

    @Test
    void theAnalysisReportsShowHostileModelNamesAsText() throws Exception {
        for (String evil : List.of(IMG, SCRIPT, SPLIT)) {
            Analysis a = ReportFixtures.renamed(evil);
            noMarkup(MarkdownReport.render(a), "report.md of " + evil);
            String html = HtmlReport.render(a);
            noMarkup(html, "report.html of " + evil);
            HtmlReportTest.parse(html);
        }
    }

    @Test
    void theComparisonReportsShowHostileModelNamesAndRunIdsAsText() throws Exception {
        PointEntry p = CompareFixtures.point(IMG, 1_000_000, "fp16", "decode", 1, 128);
        PointEntry q = CompareFixtures.point(SCRIPT, 1_000_000, "fp16", "decode", 1, 128);
        Comparison c = Comparer.compare(List.of(
                new CompareFixtures.Run(SCRIPT).point(p, 1e6).point(q, 2e6).as("A"),
                new CompareFixtures.Run(IMG).point(p, 0.9e6).point(q, 1.8e6).repair(SCRIPT).as("B")),
                CompareOptions.DEFAULTS.withResamples(200));
        noMarkup(CompareMarkdown.render(c), "compare.md");
        String html = CompareHtml.render(c);
        noMarkup(html, "compare.html");
        HtmlReportTest.parse(html);
    }

    @Test
    void theGateReportsShowHostilePointIdsAndRunIdsAsText() throws Exception {
        GateResult r = hostileGate().withRepairs(REPAIRS);
        noMarkup(GateMarkdown.render(r), "gate.md");
        noMarkup(JunitXml.render(r, Instant.EPOCH), "gate-junit.xml");
        noMarkup(GateHtml.render(r), "gate.html");
        HtmlReportTest.parse(GateHtml.render(r));
        assertThat(GateJson.render(r)).contains("\"repairs\"").contains("<script>");
    }

    @Test
    void theTrendAndAaReportsShowHostileTextAsText() throws Exception {
        noMarkup(TrendMarkdown.render(TrendReportTest.trends(IMG)), "trend.md");
        noMarkup(TrendHtml.render(TrendReportTest.trends(IMG), true), "trend.html");
        AaCalibration.Result aa = new AaCalibration.Result(GateFixtures.policy(), List.of(IMG, SCRIPT),
                List.of(new AaCalibration.Pair(IMG, SCRIPT, Verdict.PASS, 0, 0, 3, true)),
                new AaCalibration.Rate(0, 1, new Interval(0, 0.8)), 0, 0, new AaCalibration.Rate(0, 0,
                        new Interval(Double.NaN, Double.NaN)), AaCalibration.Outcome.TOO_LITTLE_EVIDENCE,
                List.of(SCRIPT, IMG));
        String md = AaMarkdown.render(aa, REPAIRS);
        noMarkup(md, "aa.md");
        assertThat(md).contains("**" + RepairNotes.TITLE + "**").contains("trial &lt;script&gt;");
    }

    @Test
    void repairsHaveTheirOwnSectionInEveryReport() throws Exception {
        Analysis s = ReportFixtures.standard();
        Analysis a = new Analysis(s.schema(), s.source(), s.device(), s.metric(), s.options(), s.points(), s.fits(),
                s.hardware(), s.roofline(), s.warnings(), s.spec(), REPAIRS);
        String md = MarkdownReport.render(a);
        assertThat(md).contains("**Repairs made while reading**\n\n" + MarkdownReport.esc(RepairNotes.LEAD))
                .contains("- " + MarkdownReport.esc(REPAIRS.get(0)) + "\n")
                .contains("- trial &lt;script&gt;alert(1)&lt;/script&gt; \\| x\n");
        noMarkup(md, "report.md with repairs");
        String html = HtmlReport.render(a);
        assertThat(html).contains("<section id=\"repairs\" class=\"warnings\">\n<h3>Repairs made while reading</h3>")
                .contains("<li>trial &lt;script&gt;");
        HtmlReportTest.parse(html);
        assertThat(FitsJson.fromJson(FitsJson.toJson(a), "fits.json").repairs()).isEqualTo(REPAIRS);
        assertThat(FitsJson.toJson(s)).as("no repairs field without repairs").doesNotContain("\"repairs\"");
        assertThat(MarkdownReport.render(s)).doesNotContain(RepairNotes.TITLE);

        Comparison c = Comparer.compare(List.of(
                new CompareFixtures.Run("a").point(CompareFixtures.decode("fp16", 1), 1e6).as("A"),
                new CompareFixtures.Run("b").point(CompareFixtures.decode("fp16", 1), 1e6).repair(REPAIRS.get(0))
                        .as("B")), CompareOptions.DEFAULTS.withResamples(200));
        assertThat(CompareMarkdown.render(c)).contains("**Repairs made while reading**")
                .contains("- B: " + MarkdownReport.esc(REPAIRS.get(0)) + "\n");
        assertThat(CompareHtml.render(c)).contains("<section id=\"repairs\"");

        GateResult g = GateFixtures.standard().withRepairs(List.of("candidate: " + REPAIRS.get(0)));
        assertThat(GateMarkdown.render(g)).contains("**Repairs made while reading**")
                .contains("- candidate: " + MarkdownReport.esc(REPAIRS.get(0)) + "\n");
        assertThat(JunitXml.render(g, Instant.EPOCH)).contains("repaired while reading: candidate: ");
        assertThat(GateJson.render(g)).contains("\"repairs\"");
        assertThat(GateJson.render(GateFixtures.standard())).doesNotContain("\"repairs\"");
    }

    @Test
    void aLongListOfRepairsIsCutInMarkdownOnly() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < RepairNotes.MAX_MARKDOWN + 5; i++) {
            many.add("dropped trial t" + i);
        }
        StringBuilder md = new StringBuilder();
        RepairNotes.markdown(md, many, "report.html");
        assertThat(md.toString()).contains("t" + (RepairNotes.MAX_MARKDOWN - 1) + "\n")
                .doesNotContain("t" + RepairNotes.MAX_MARKDOWN + "\n").contains("- _5 more, in report.html_");
        StringBuilder html = new StringBuilder();
        RepairNotes.html(html, many);
        assertThat(html.toString()).contains("t" + (RepairNotes.MAX_MARKDOWN + 4) + "</li>");
    }

    /** The standard gate with a hostile point id and hostile run ids. */
    private static GateResult hostileGate() {
        GateResult r = GateFixtures.standard();
        List<PointVerdict> points = new ArrayList<>(r.points());
        PointVerdict p = points.get(1);
        points.set(1, new PointVerdict(IMG, p.blocking(), 5, 5, 0, p.tests(), p.verdict(), SCRIPT));
        GateResult.RunRef b = new GateResult.RunRef(SCRIPT, IMG, r.baseline().source(), r.baseline().fingerprint());
        GateResult.RunRef c = new GateResult.RunRef(IMG, SCRIPT, r.candidate().source(), r.candidate().fingerprint());
        return new GateResult(r.policy(), b, c, List.of(IMG), points, List.of(SCRIPT), List.of(IMG),
                List.of(SCRIPT), Verdict.REGRESSION);
    }
}
