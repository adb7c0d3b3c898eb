package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Golden files for {@code gate.md}, {@code gate.json}, {@code gate-junit.xml} and {@code gate.html}, rendered from
 * {@link GateFixtures#standard()} and compared byte for byte, also under German, Turkish and Arabic default
 * locales.
 *
 * <p>After an intended change of the output, regenerate the files and review the diff:
 * {@code mvn -o test -pl harness -am -Dtest=GateGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}, then {@code git diff harness/src/test/resources/golden/}.
 */
class GateGoldenTest {

    @Test
    void theFixtureHasEveryKindOfPoint() {
        GateResult r = GateFixtures.standard();
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(r.points()).extracting(PointVerdict::verdict).containsExactly(Verdict.PASS, Verdict.REGRESSION,
                Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.REGRESSION, Verdict.IMPROVED);
        assertThat(r.points()).extracting(PointVerdict::blocking).containsExactly(true, true, true, true, false, false);
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.envMismatches()).containsExactly("engine.version: 2.7.1 → 2.8.0");
        assertThat(r.onlyInBaseline()).containsExactly("m/fp32/prefill/b1/s256");
        assertThat(r.onlyInCandidate()).containsExactly("m/fp32/prefill/b1/s128");
    }

    @Test
    void markdownMatchesTheGoldenFile() {
        String md = GateMarkdown.render(GateFixtures.standard());
        assertThat(md).isEqualTo(ReportChecks.golden("gate.md", md));
    }

    @Test
    void jsonMatchesTheGoldenFile() {
        String json = GateJson.render(GateFixtures.standard());
        assertThat(json).isEqualTo(ReportChecks.golden("gate.json", json));
    }

    @Test
    void junitXmlMatchesTheGoldenFile() {
        String xml = JunitXml.render(GateFixtures.standard(), GateFixtures.T0.plusSeconds(3600));
        assertThat(xml).isEqualTo(ReportChecks.golden("gate-junit.xml", xml));
    }

    @Test
    void htmlMatchesTheGoldenFile() {
        String html = GateHtml.render(GateFixtures.standard());
        assertThat(html).isEqualTo(ReportChecks.golden("gate.html", html));
    }

    @Test
    void outputIsByteIdenticalUnderGermanTurkishAndArabicLocales() {
        GateResult r = GateFixtures.standard();
        String md = ReportChecks.golden("gate.md", GateMarkdown.render(r));
        String json = ReportChecks.golden("gate.json", GateJson.render(r));
        String xml = ReportChecks.golden("gate-junit.xml", JunitXml.render(r, GateFixtures.T0.plusSeconds(3600)));
        String html = ReportChecks.golden("gate.html", GateHtml.render(r));
        ReportChecks.inOtherLocales(l -> {
            GateResult again = GateFixtures.standard();
            assertThat(GateMarkdown.render(again)).as("gate.md under %s", l).isEqualTo(md);
            assertThat(GateJson.render(again)).as("gate.json under %s", l).isEqualTo(json);
            assertThat(JunitXml.render(again, GateFixtures.T0.plusSeconds(3600))).as("gate-junit.xml under %s", l)
                    .isEqualTo(xml);
            assertThat(GateHtml.render(again)).as("gate.html under %s", l).isEqualTo(html);
        });
    }
}
