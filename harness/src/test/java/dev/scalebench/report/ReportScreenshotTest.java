package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Renders the fixture's report.html in headless Chromium with {@code tools/report/screenshot.sh} and checks that a
 * real image came out. The files stay in {@code harness/target/report-screenshot/} to be looked at. Skipped (with
 * the reason) where Chromium is not installed. Run with {@code ./mvnw verify -Pslow} or
 * {@code -Dtest=ReportScreenshotTest -Dsurefire.excludedGroups=gpu}.
 */
@Tag("slow")
class ReportScreenshotTest {

    private static final Path SCRIPT = Path.of("../tools/report/screenshot.sh");
    private static final Path OUT = Path.of("target/report-screenshot");

    private static boolean chromiumPresent() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return true;
                }
            }
        }
        return System.getenv("CHROMIUM") != null;
    }

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        shoot(ReportFixtures.standard(), OUT);
    }

    @Test
    void aReportWithAHundredSeriesRendersToo() throws Exception {
        shoot(ReportFixtures.large(25), Path.of("target/report-screenshot-large"));
    }

    private static void shoot(dev.scalebench.analysis.pipeline.Analysis analysis, Path dir) throws Exception {
        assumeTrue(chromiumPresent(), "chromium is not installed (apt-get install -y chromium)");
        ReportWriter.write(dir, analysis);
        Path png = dir.resolve("report.png");
        Files.deleteIfExists(png);
        Path log = dir.resolve("chromium.out");
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), dir.resolve("report.html").toString(),
                png.toString(), "1400,3000").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("screenshot finished within 2 min").isTrue();
        assertThat(p.exitValue()).as("screenshot.sh exit status; output: %s", Files.readString(log)).isZero();
        assertThat(Files.size(png)).as("PNG size").isGreaterThan(50_000);
        assertThat(pngSize(png)).containsExactly(1400, 3000);
    }

    /** Width and height from the PNG's IHDR chunk. */
    static int[] pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream d = new DataInputStream(in)) {
            byte[] sig = d.readNBytes(8);
            assertThat(sig).as("PNG signature").containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            d.readInt();
            assertThat(new String(d.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IHDR");
            return new int[] {d.readInt(), d.readInt()};
        }
    }
}
