package dev.scalebench.report;

import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.results.AtomicFiles;
import java.nio.file.Path;

/** Writes the three report files of an analysis into a folder (usually the run folder). */
public final class ReportWriter {

    /** File name of the Markdown report. */
    public static final String MARKDOWN = "report.md";
    /** File name of the HTML report. */
    public static final String HTML = "report.html";

    private ReportWriter() {
    }

    /**
     * Writes {@value FitsJson#FILE}, {@value #MARKDOWN} and {@value #HTML} into {@code dir} (created if missing),
     * each atomically: a reader sees the old file or the new one, never part of one. All three are rendered before
     * the first is written, so a rendering error leaves the folder as it was.
     *
     * @throws dev.scalebench.ScalebenchException (exit 4) when a file cannot be written
     */
    public static void write(Path dir, Analysis analysis) {
        String json = FitsJson.toJson(analysis);
        String md = MarkdownReport.render(analysis);
        String html = HtmlReport.render(analysis);
        AtomicFiles.write(dir.resolve(FitsJson.FILE), json);
        AtomicFiles.write(dir.resolve(MARKDOWN), md);
        AtomicFiles.write(dir.resolve(HTML), html);
    }
}
