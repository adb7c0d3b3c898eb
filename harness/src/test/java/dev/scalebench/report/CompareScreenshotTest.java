package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders the fixture's compare.html in headless Chromium ({@code tools/report/screenshot.sh}), as
 * {@link ReportScreenshotTest} does for report.html; the files stay in {@code harness/target/compare-screenshot/}
 * to be looked at. Skipped where Chromium is not installed.
 */
@Tag("slow")
class CompareScreenshotTest {

    private static final Path OUT = Path.of("target/compare-screenshot");

    @Test
    void compareRendersInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) || System.getenv("CHROMIUM") != null,
                "chromium is not installed (apt-get install -y chromium)");
        CompareWriter.write(OUT, CompareReportFixtures.standard());
        Path png = OUT.resolve("compare.png");
        Files.deleteIfExists(png);
        Path log = OUT.resolve("chromium.out");
        Process p = new ProcessBuilder("bash", "../tools/report/screenshot.sh", OUT.resolve("compare.html").toString(),
                png.toString(), "1400,3000").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("screenshot finished within 2 min").isTrue();
        assertThat(p.exitValue()).as("screenshot.sh exit status; output: %s", Files.readString(log)).isZero();
        assertThat(Files.size(png)).as("PNG size").isGreaterThan(50_000);
        assertThat(ReportScreenshotTest.pngSize(png)).containsExactly(1400, 3000);
    }
}
