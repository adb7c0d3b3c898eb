package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.pipeline.Analysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void writesTheThreeFilesAndNothingElse(@TempDir Path tmp) throws Exception {
        Analysis a = ReportFixtures.standard();
        Path dir = tmp.resolve("run");
        ReportWriter.write(dir, a);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("fits.json", "report.md",
                    "report.html");
        }
        assertThat(Files.readString(dir.resolve("fits.json"))).isEqualTo(FitsJson.toJson(a));
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(MarkdownReport.render(a));
        assertThat(Files.readString(dir.resolve("report.html"))).isEqualTo(HtmlReport.render(a));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("report.html")))
                    .contains(PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void rewritingReplacesTheFilesAndAReportCanBeRegeneratedFromFitsJson(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("report.md"), "stale");
        ReportWriter.write(dir, ReportFixtures.standard());
        Analysis back = FitsJson.read(dir.resolve(FitsJson.FILE));
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).isNotEqualTo("stale");
        ReportWriter.write(dir, back);
        assertThat(Files.readString(dir.resolve("report.md"))).as("regenerated from fits.json").isEqualTo(md);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
    }
}
