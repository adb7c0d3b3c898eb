package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.Analysis;
import dev.scalebench.analysis.PointStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private static String golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void markdownMatchesTheGoldenFile() throws IOException {
        String md = MarkdownReport.render(ReportFixtures.standard());
        assertThat(md).isEqualTo(golden("report.md", md));
    }

    @Test
    void fitsJsonMatchesTheGoldenFile() throws IOException {
        String json = FitsJson.toJson(ReportFixtures.standard());
        assertThat(json).isEqualTo(golden("fits.json", json));
    }

    @Test
    void outputIsByteIdenticalUnderGermanAndTurkishLocales() throws IOException {
        Analysis a = ReportFixtures.standard();
        String html = HtmlReport.render(a);
        String md = golden("report.md", MarkdownReport.render(a));
        String json = golden("fits.json", FitsJson.toJson(a));
        Locale saved = Locale.getDefault();
        try {
            for (Locale l : List.of(Locale.GERMANY, Locale.forLanguageTag("tr-TR"), Locale.forLanguageTag("ar-EG"))) {
                Locale.setDefault(l);
                assertThat(String.format("%.1f", 1.5)).as("the locale is in effect").isNotEqualTo("1.5");
                Analysis again = ReportFixtures.standard();
                assertThat(MarkdownReport.render(again)).as("report.md under %s", l).isEqualTo(md);
                assertThat(FitsJson.toJson(again)).as("fits.json under %s", l).isEqualTo(json);
                assertThat(HtmlReport.render(again)).as("report.html under %s", l).isEqualTo(html);
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void aSmallChangeInTheAnalysisChangesBothFiles() throws IOException {
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

    private static void check(Analysis changed, Function<Analysis, String> render, String name) throws IOException {
        String expected = golden(name, render.apply(ReportFixtures.standard()));
        assertThat(render.apply(changed)).isNotEqualTo(expected);
    }
}
