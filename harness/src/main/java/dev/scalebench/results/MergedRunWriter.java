package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Writes a {@link ShardMerge} as one run folder: {@code run.json} (the merged manifest), {@code trials.jsonl}
 * and {@code histograms.hlog} (every shard's journal lines and histogram lines as stored, shard by shard) and
 * {@code summary.csv} (recomputed). Atomic and locked like a sweep's new run ({@link RunFolders}): the target
 * either does not exist or is complete.
 */
public final class MergedRunWriter {

    private MergedRunWriter() {
    }

    /**
     * Writes the merged run into {@code out}, or, when null, into a new folder next to the first shard named
     * {@code <UTC start of the earliest shard>-<sweep name>} (with {@code -2}, {@code -3}... when taken).
     *
     * @param toolVersion the version that merges
     * @return the merged run's lock (its {@link RunLock#dir() dir} is the run folder), held until closed
     * @throws ScalebenchException bad input when {@code out} exists; runtime on an I/O error
     */
    public static RunLock write(ShardMerge merge, Path out, String toolVersion) {
        if (out != null && Files.exists(out)) {
            throw ScalebenchException.badInput("--output " + out + ": exists; name a folder that does not exist yet");
        }
        Path parent;
        Iterable<Path> names;
        if (out != null) {
            Path target = out.toAbsolutePath().normalize();
            parent = target.getParent();
            names = RunFolders.exactly(target);
        } else {
            ShardMerge.Part head = merge.parts().get(0);
            parent = head.dir().toAbsolutePath().normalize().getParent();
            RunManifest m = head.manifest();
            names = RunFolders.numbered(RunIds.newRunId(m.spec().path("name").asText("run"), m.started()));
        }
        return RunFolders.place(parent, names, id -> merge.manifest(id, toolVersion), (tmp, m) -> {
            StringBuilder journal = new StringBuilder();
            List<TrialResult> trials = new ArrayList<>();
            Map<String, Histogram> histograms = new HashMap<>();
            Map<String, Map<String, Histogram>> series = new HashMap<>();
            StringBuilder hlog = new StringBuilder(new String(HlogFormat.header(m.started()), StandardCharsets.UTF_8));
            for (ShardMerge.Part p : merge.parts()) {
                p.loaded().journalLines().values().forEach(l -> journal.append(l).append('\n'));
                p.loaded().hlogLines().values().forEach(l -> hlog.append(l).append('\n'));
                trials.addAll(p.loaded().trials());
                histograms.putAll(p.loaded().histograms());
                series.putAll(p.loaded().series());
            }
            AtomicFiles.write(tmp.resolve(RunFiles.JOURNAL), journal.toString().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(tmp.resolve(RunFiles.HLOG), hlog.toString().getBytes(StandardCharsets.UTF_8));
            // from the shards as read: the merged folder is read once, after this, by the merge's pipeline
            SummaryWriter.writeFile(tmp.resolve(SummaryWriter.FILE), Summary.compute(merge.points(), trials, histograms,
                    series));
        }, "merge").lock();
    }
}
