package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.pipeline.Analysis;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Golden files for {@code report.md} and {@code fits.json}, rendered from {@link ReportFixtures#standard()} and
 * compared byte for byte, also under German and Turkish default locales (decimal comma, dotless i).
 *
 * <p>After an intended change of the output, regenerate the files and review the diff:
 * {@code mvn -o test -pl harness -am -Dtest=ReportGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}, then {@code git diff harness/src/test/resources/golden/}.
 */
class ReportGoldenTest {

    @Test
    void markdownMatchesTheGoldenFile() {
        String md = MarkdownReport.render(ReportFixtures.standard());
        assertThat(md).isEqualTo(ReportChecks.golden("report.md", md));
    }

    @Test
    void fitsJsonMatchesTheGoldenFile() {
        String json = FitsJson.toJson(ReportFixtures.standard());
        assertThat(json).isEqualTo(ReportChecks.golden("fits.json", json));
    }

    @Test
    void outputIsByteIdenticalUnderGermanAndTurkishLocales() {
        Analysis a = ReportFixtures.standard();
        String html = HtmlReport.render(a);
        String md = ReportChecks.golden("report.md", MarkdownReport.render(a));
        String json = ReportChecks.golden("fits.json", FitsJson.toJson(a));
        ReportChecks.inOtherLocales(l -> {
            Analysis again = ReportFixtures.standard();
            assertThat(MarkdownReport.render(again)).as("report.md under %s", l).isEqualTo(md);
            assertThat(FitsJson.toJson(again)).as("fits.json under %s", l).isEqualTo(json);
            assertThat(HtmlReport.render(again)).as("report.html under %s", l).isEqualTo(html);
        });
    }

    @Test
    void aSmallChangeInTheAnalysisChangesBothFiles() {
        Analysis a = ReportFixtures.standard();
        List<PointStats> points = new ArrayList<>(a.points());
        PointStats p = points.get(0);
        // 0.1 % slower: visible at three significant digits in Markdown and at six in JSON
        points.set(0, new PointStats(p.point(), p.trials(), p.p50Ns() * 1.01, p.p50Ci(), p.p99Ns(), p.p99Ci(),
                p.metricNs(), p.metricCi(), p.seqPerS(), p.tokensPerS()));
        Analysis changed = new Analysis(a.schema(), a.source(), a.device(), a.metric(), a.options(), points, a.fits(),
                a.hardware(), a.roofline(), a.warnings());
        check(changed, MarkdownReport::render, "report.md");
        check(changed, FitsJson::toJson, "fits.json");
    }

    private static void check(Analysis changed, Function<Analysis, String> render, String name) {
        String expected = ReportChecks.golden(name, render.apply(ReportFixtures.standard()));
        assertThat(render.apply(changed)).isNotEqualTo(expected);
    }
}
