package dev.scalebench.report;

import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.results.AtomicFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the four outputs of a gate into a folder: {@code gate.json}, {@code gate.md}, {@code gate-junit.xml} and
 * {@code gate.html}.
 */
public final class GateReports {

    private GateReports() {
    }

    /**
     * Writes {@value GateJson#FILE}, {@value GateMarkdown#FILE}, {@value JunitXml#FILE} and {@value GateHtml#FILE}
     * into {@code dir} (created if missing), each atomically. All four are rendered before the first is written,
     * so a rendering error leaves the folder as it was.
     *
     * @param timestamp when the gate ran (the JUnit suite's timestamp)
     * @return the files written, in that order
     * @throws dev.scalebench.ScalebenchException (exit 4) when a file cannot be written
     */
    public static List<Path> write(Path dir, GateResult r, Instant timestamp) {
        String json = GateJson.render(r);
        String md = GateMarkdown.render(r);
        String xml = JunitXml.render(r, timestamp);
        String html = GateHtml.render(r);
        List<Path> files = List.of(dir.resolve(GateJson.FILE), dir.resolve(GateMarkdown.FILE),
                dir.resolve(JunitXml.FILE), dir.resolve(GateHtml.FILE));
        AtomicFiles.write(files.get(0), json);
        AtomicFiles.write(files.get(1), md);
        AtomicFiles.write(files.get(2), xml);
        AtomicFiles.write(files.get(3), html);
        return files;
    }
}
