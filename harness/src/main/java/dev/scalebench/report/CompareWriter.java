package dev.scalebench.report;

import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.results.AtomicFiles;
import java.nio.file.Path;

/** Writes the reports of a comparison into a folder. */
public final class CompareWriter {

    /** File name of the Markdown comparison. */
    public static final String MARKDOWN = "compare.md";
    /** File name of the HTML comparison. */
    public static final String HTML = "compare.html";

    private CompareWriter() {
    }

    /**
     * Writes {@value #MARKDOWN} and {@value #HTML} into {@code dir} (created if missing), each atomically; both are
     * rendered before the first is written.
     *
     * @throws dev.scalebench.ScalebenchException (exit 4) when a file cannot be written
     */
    public static void write(Path dir, Comparison c) {
        String md = CompareMarkdown.render(c);
        String html = CompareHtml.render(c);
        AtomicFiles.write(dir.resolve(MARKDOWN), md);
        AtomicFiles.write(dir.resolve(HTML), html);
    }
}
