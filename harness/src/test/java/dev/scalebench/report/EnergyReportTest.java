package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.pipeline.Analysis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * report.html and report.md with energy readings: an energy section (a log–log chart of J/token against batch with
 * the fitted law, a table per point, the law in words) and a link to it; without readings, none of it.
 */
class EnergyReportTest {

    @Test
    void aRunWithEnergyHasAnEnergySection() throws Exception {
        Analysis a = EnergyFitsTest.analysis(true);
        String html = HtmlReport.render(a);
        assertThat(html).contains("<section id=\"energy\">", "<a href=\"#energy\">Energy</a>",
                "Energy per token vs batch", "J/token [95 % CI]", "1 mJ [990 µJ, 1.01 mJ]",
                "batch:gpt-1m/fp32/prefill/s64/joules_per_token: J/token = 1 mJ · batch^-0.8",
                "largest misfit &lt; 0.1 %")
                .doesNotContain("NaN");
        String md = MarkdownReport.render(a);
        assertThat(md).contains("## Energy", "| gpt-1m fp32 prefill · seq 64 | 8 |", "batch^-0.8")
                .doesNotContain("NaN");
        Path out = Path.of(System.getProperty("energy.report.out", "target/energy-report"));
        Files.createDirectories(out);
        ReportWriter.write(out, a); // for a look in a browser (tools/report/screenshot.sh)
    }

    @Test
    void aRunWithoutEnergyHasNone() {
        Analysis a = EnergyFitsTest.analysis(false);
        assertThat(HtmlReport.render(a)).doesNotContain("id=\"energy\"", "#energy", "J/token");
        assertThat(MarkdownReport.render(a)).doesNotContain("## Energy", "J/token");
    }
}
