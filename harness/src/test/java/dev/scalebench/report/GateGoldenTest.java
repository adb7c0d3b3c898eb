package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Golden files for {@code gate.md}, {@code gate.json} and {@code gate-junit.xml}, rendered from
 * {@link GateFixtures#standard()} and compared byte for byte, also under German, Turkish and Arabic default
 * locales.
 *
 * <p>After an intended change of the output, regenerate the files and review the diff:
 * {@code mvn -o test -pl harness -am -Dtest=GateGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dgolden.update=true}, then {@code git diff harness/src/test/resources/golden/}.
 */
class GateGoldenTest {

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
    void markdownMatchesTheGoldenFile() throws IOException {
        String md = GateMarkdown.render(GateFixtures.standard());
        assertThat(md).isEqualTo(golden("gate.md", md));
    }

    @Test
    void jsonMatchesTheGoldenFile() throws IOException {
        String json = GateJson.render(GateFixtures.standard());
        assertThat(json).isEqualTo(golden("gate.json", json));
    }

    @Test
    void junitXmlMatchesTheGoldenFile() throws IOException {
        String xml = JunitXml.render(GateFixtures.standard(), GateFixtures.T0.plusSeconds(3600));
        assertThat(xml).isEqualTo(golden("gate-junit.xml", xml));
    }

    @Test
    void outputIsByteIdenticalUnderGermanTurkishAndArabicLocales() throws IOException {
        GateResult r = GateFixtures.standard();
        String md = golden("gate.md", GateMarkdown.render(r));
        String json = golden("gate.json", GateJson.render(r));
        String xml = golden("gate-junit.xml", JunitXml.render(r, GateFixtures.T0.plusSeconds(3600)));
        Locale saved = Locale.getDefault();
        try {
            for (Locale l : List.of(Locale.GERMANY, Locale.forLanguageTag("tr-TR"), Locale.forLanguageTag("ar-EG"))) {
                Locale.setDefault(l);
                assertThat(String.format("%.1f", 1.5)).as("the locale is in effect").isNotEqualTo("1.5");
                GateResult again = GateFixtures.standard();
                assertThat(GateMarkdown.render(again)).as("gate.md under %s", l).isEqualTo(md);
                assertThat(GateJson.render(again)).as("gate.json under %s", l).isEqualTo(json);
                assertThat(JunitXml.render(again, GateFixtures.T0.plusSeconds(3600))).as("gate-junit.xml under %s", l)
                        .isEqualTo(xml);
            }
        } finally {
            Locale.setDefault(saved);
        }
    }
}
