package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Run ids, {@code <UTC yyyyMMdd-HHmmss>-<sweep name>[-<shard>]}, and the run folders named by them. */
public final class RunIds {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** {@code <UTC yyyyMMdd-HHmmss>-<sweep name>}; characters unsafe in a folder name become {@code -}. */
    public static String newRunId(String sweepName, Instant now) {
        return newRunId(sweepName, null, now);
    }

    /**
     * {@code <UTC yyyyMMdd-HHmmss>-<sweep name>-<shard>}, e.g. {@code 20250101-020000-nightly-2of8}; without
     * the shard part when {@code shard} is null or blank.
     */
    public static String newRunId(String sweepName, String shard, Instant now) {
        String id = STAMP.format(now) + "-" + sanitize(sweepName);
        return shard == null || shard.isBlank() ? id : id + "-" + sanitize(shard);
    }

    /**
     * Creates and returns a new, empty run folder under {@code resultsRoot} named {@code runId}, or
     * {@code runId-2}, {@code runId-3}... when that exists. Creation is atomic, so two processes never share one.
     */
    public static Path createRunDir(Path resultsRoot, String runId) {
        try {
            Files.createDirectories(resultsRoot);
            for (int n = 1; n < 10_000; n++) {
                Path dir = resultsRoot.resolve(n == 1 ? runId : runId + "-" + n);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    // taken: try the next suffix
                }
            }
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot create a run folder in " + resultsRoot + ": " + e, e);
        }
        throw ScalebenchException.runtime("cannot create a run folder in " + resultsRoot + ": too many runs named "
                + runId, null);
    }

    /**
     * {@code s} with characters unsafe in a folder name as {@code -}, at most {@value FolderNames#MAX_LENGTH}
     * characters (a sweep name can come from another machine's {@code run.json}, e.g. in {@code merge}). Never
     * {@code .} or {@code ..} on its own: a run id starts with its time stamp.
     */
    static String sanitize(String s) {
        String cleaned = s.trim().replaceAll("[^A-Za-z0-9._-]+", "-");
        if (cleaned.length() > FolderNames.MAX_LENGTH) {
            cleaned = cleaned.substring(0, FolderNames.MAX_LENGTH);
        }
        return cleaned.isEmpty() ? "run" : cleaned;
    }
}
