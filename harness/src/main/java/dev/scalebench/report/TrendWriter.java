package dev.scalebench.report;

import dev.scalebench.analysis.trend.Trends;
import dev.scalebench.results.AtomicFiles;
import java.nio.file.Path;

/** Writes the three trend files into a folder ({@code <results>/trend/} by default). */
public final class TrendWriter {

    /** File name of the HTML page. */
    public static final String HTML = "trend.html";
    /** File name of the Markdown summary. */
    public static final String MARKDOWN = "trend.md";
    /** File name of the JSON data. */
    public static final String JSON = "trend.json";

    private TrendWriter() {
    }

    /**
     * Writes {@value #JSON}, {@value #MARKDOWN} and {@value #HTML} into {@code dir} (created if missing), each
     * atomically, all rendered before the first is written.
     *
     * @param all whether the page charts every series rather than only the flagged ones
     * @return the Markdown summary
     * @throws dev.scalebench.ScalebenchException (exit 4) when a file cannot be written
     */
    public static String write(Path dir, Trends t, boolean all) {
        String json = TrendJson.toJson(t);
        String md = TrendMarkdown.render(t);
        String html = TrendHtml.render(t, all);
        AtomicFiles.write(dir.resolve(JSON), json);
        AtomicFiles.write(dir.resolve(MARKDOWN), md);
        AtomicFiles.write(dir.resolve(HTML), html);
        return md;
    }
}
