package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a {@link ShardMerge} as one run folder: {@code run.json} (the merged manifest), {@code trials.jsonl}
 * and {@code histograms.hlog} (every shard's journal lines and histogram lines as stored, shard by shard) and
 * {@code summary.csv} (recomputed). Atomic: everything is written into a hidden folder next to the target, which
 * is then renamed, so the target either does not exist or is complete.
 */
public final class MergedRunWriter {

    private MergedRunWriter() {
    }

    /**
     * Writes the merged run into {@code out}, or, when null, into a new folder next to the first shard named
     * {@code <UTC start of the earliest shard>-<sweep name>} (with {@code -2}, {@code -3}... when taken).
     *
     * @param toolVersion the version that merges
     * @return the run folder
     * @throws ScalebenchException bad input when {@code out} exists; runtime on an I/O error
     */
    public static Path write(ShardMerge merge, Path out, String toolVersion) {
        ShardMerge.Part head = merge.parts().get(0);
        Path target = out != null ? out.toAbsolutePath().normalize() : freeName(head);
        if (Files.exists(target)) {
            throw ScalebenchException.badInput("--out " + out + ": exists; name a folder that does not exist yet");
        }
        Path parent = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, AtomicFiles.TEMP_PREFIX + "merge-");
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            RunManifest m = merge.manifest(target.getFileName().toString(), toolVersion);
            m.write(tmp.resolve(RunManifest.FILE));
            StringBuilder journal = new StringBuilder();
            StringBuilder hlog = new StringBuilder(new String(HlogFormat.header(m.started()), StandardCharsets.UTF_8));
            for (ShardMerge.Part p : merge.parts()) {
                p.loaded().journalLines().values().forEach(l -> journal.append(l).append('\n'));
                p.loaded().hlogLines().values().forEach(l -> hlog.append(l).append('\n'));
            }
            AtomicFiles.write(tmp.resolve(RunFiles.JOURNAL), journal.toString().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(tmp.resolve(RunFiles.HLOG), hlog.toString().getBytes(StandardCharsets.UTF_8));
            SummaryWriter.write(tmp, merge.points());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            AtomicFiles.syncDirectory(parent);
            return target;
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot write the merged run " + target + ": " + e, e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static Path freeName(ShardMerge.Part head) {
        Path parent = head.dir().toAbsolutePath().normalize().getParent();
        RunManifest m = head.manifest();
        String name = m.spec().path("name").asText("run");
        Instant started = m.started();
        String id = RunIds.newRunId(name, started);
        for (int n = 1; ; n++) {
            Path p = parent.resolve(n == 1 ? id : id + "-" + n);
            if (!Files.exists(p)) {
                return p;
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException ignored) {
                    // best effort: the merge already failed
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
