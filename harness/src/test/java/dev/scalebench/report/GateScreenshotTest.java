package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders the fixture's gate.html in headless Chromium ({@code tools/report/screenshot.sh}), as
 * {@link ReportScreenshotTest} does for report.html; the files stay in {@code harness/target/gate-screenshot/} to
 * be looked at. Skipped where Chromium is not installed. Run with
 * {@code -Dtest=GateScreenshotTest -Dsurefire.excludedGroups=gpu}.
 */
@Tag("slow")
class GateScreenshotTest {

    private static final Path OUT = Path.of("target/gate-screenshot");

    @Test
    void gateRendersInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) || System.getenv("CHROMIUM") != null,
                "chromium is not installed (apt-get install -y chromium)");
        GateReports.write(OUT, GateFixtures.standard(), Instant.parse("2026-01-01T00:00:00Z"));
        Path png = OUT.resolve("gate.png");
        Files.deleteIfExists(png);
        Path log = OUT.resolve("chromium.out");
        Process p = new ProcessBuilder("bash", "../tools/report/screenshot.sh", OUT.resolve("gate.html").toString(),
                png.toString(), "1400,1600").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("screenshot finished within 2 min").isTrue();
        assertThat(p.exitValue()).as("screenshot.sh exit status; output: %s", Files.readString(log)).isZero();
        assertThat(Files.size(png)).as("PNG size").isGreaterThan(50_000);
        assertThat(ReportScreenshotTest.pngSize(png)).containsExactly(1400, 1600);
    }
}
