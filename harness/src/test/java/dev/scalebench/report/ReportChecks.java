package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every report test checks the same way: golden files, output under other locales, and self-contained HTML.
 *
 * <p>After an intended change of an output, regenerate its golden files and review the diff:
 * {@code mvn -o test -pl harness -am -Dtest=<Test> -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true},
 * then {@code git diff harness/src/test/resources/golden/}.
 */
final class ReportChecks {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** Locales whose number formats differ from {@link Locale#ROOT}'s: decimal comma, dotless i, Arabic digits. */
    static final List<Locale> OTHER_LOCALES = List.of(Locale.GERMANY, Locale.forLanguageTag("tr-TR"),
            Locale.forLanguageTag("ar-EG"));

    private ReportChecks() {
    }

    /** The golden file {@code name}'s text; with {@code -Dgolden.update=true}, {@code actual} is written first. */
    static String golden(String name, String actual) {
        Path file = GOLDEN.resolve(name);
        try {
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code check} with each of {@link #OTHER_LOCALES} as the default locale, then restores it. */
    static void inOtherLocales(Consumer<Locale> check) {
        Locale saved = Locale.getDefault();
        try {
            for (Locale l : OTHER_LOCALES) {
                Locale.setDefault(l);
                assertThat(String.format("%.1f", 1.5)).as("the locale is in effect").isNotEqualTo("1.5");
                check.accept(l);
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    /** The page loads nothing from outside and links only to anchors it has. */
    static void assertSelfContained(String html) {
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("<object").doesNotContainIgnoringCase("<embed")
                .doesNotContainIgnoringCase(" src=").doesNotContain("http://").doesNotContain("https://");
        Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertThat(m.group(1)).startsWith("#");
            assertThat(html).contains("id=\"" + m.group(1).substring(1) + "\"");
        }
    }
}
