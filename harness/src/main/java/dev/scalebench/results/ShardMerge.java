package dev.scalebench.results;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.SpecJson;
import dev.scalebench.plan.Planner;
import dev.scalebench.plan.Shard;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.plan.TrialId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines the runs of the shards of one sweep ({@code sweep --shard K/N}) into one run. {@link #of} reads the
 * shards and refuses, with every reason at once, runs that are not shards, shards of different plans or shard
 * counts, a shard given twice and a trial recorded in two shards; what is left are the {@link #holes()}: planned
 * points or trials that no shard recorded (a missing shard, an interrupted one). {@link MergedRunWriter} writes
 * the merged run.
 */
public final class ShardMerge {

    /**
     * Something the plan holds that no shard recorded.
     *
     * @param pointId the point
     * @param trialId the trial, or null when the whole point ran nowhere (its shard is missing)
     * @param reason why, in words
     */
    public record Hole(String pointId, String trialId, String reason) { }

    /** A shard run as read, with its stored journal and histogram lines. */
    record Part(Path dir, RunFiles.Loaded loaded) {
        RunManifest manifest() {
            return loaded.manifest();
        }

        RunManifest.ShardInfo shard() {
            return loaded.manifest().shard();
        }
    }

    private final List<Part> parts;
    private final List<SweepPoint> points;
    private final List<Hole> holes;
    private final List<RunManifest.Excluded> missing;
    private final List<String> warnings;

    private ShardMerge(List<Part> parts, List<SweepPoint> points, List<Hole> holes,
            List<RunManifest.Excluded> missing, List<String> warnings) {
        this.parts = parts;
        this.points = points;
        this.holes = holes;
        this.missing = missing;
        this.warnings = warnings;
    }

    /**
     * Reads and checks the shard runs in {@code dirs}.
     *
     * @throws ScalebenchException bad input listing every reason the runs cannot be merged
     */
    public static ShardMerge of(List<Path> dirs) {
        List<String> errors = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                Part p = new Part(dir, RunFiles.load(dir));
                if (p.shard() == null) {
                    errors.add(dir + ": not a shard run (its run.json records no shard; 'sweep --shard K/N' makes them)");
                } else if (p.manifest().spec() == null) {
                    errors.add(dir + ": run.json has no resolved spec");
                } else {
                    parts.add(p);
                }
            } catch (ScalebenchException e) {
                errors.add(e.getMessage());
            }
        }
        parts.sort(Comparator.comparingInt(p -> p.shard().index()));
        Part first = parts.isEmpty() ? null : parts.get(0);
        Map<Integer, Part> byIndex = new HashMap<>();
        Map<String, Part> trialOwner = new HashMap<>();
        for (Part p : parts) {
            RunManifest.ShardInfo s = p.shard();
            if (s.count() != first.shard().count()) {
                errors.add(p.dir() + ": shard " + s + ", but " + first.dir() + " is shard " + first.shard()
                        + "; all shards must split the sweep the same number of ways");
                continue;
            }
            if (!s.plan().equals(first.shard().plan())) {
                errors.add(p.dir() + ": shard " + s + " of another plan (" + abbrev(s.plan()) + ") than " + first.dir()
                        + " (" + abbrev(first.shard().plan()) + "): the sweep spec, budget, device or memory differ");
                continue;
            }
            Part twin = byIndex.putIfAbsent(s.index(), p);
            if (twin != null) {
                errors.add("shard " + s + " is given twice: " + twin.dir() + " and " + p.dir()
                        + "; keep one (a re-run shard replaces the first)");
                continue;
            }
            for (RunManifest.PointEntry e : p.manifest().plan().points()) {
                int owner = Shard.owner(e.id(), s.count());
                if (owner != s.index()) {
                    errors.add(p.dir() + ": point " + e.id() + " belongs to shard " + owner + "/" + s.count()
                            + ", not " + s + " (made by another version of the split?)");
                }
            }
            for (TrialResult t : p.loaded().trials()) {
                Part other = trialOwner.putIfAbsent(t.trialId(), p);
                if (other != null) {
                    errors.add("trial " + t.trialId() + " is recorded twice: in " + other.dir() + " and in " + p.dir());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ScalebenchException.badInput("cannot merge:\n  " + String.join("\n  ", errors));
        }
        if (first == null) {
            throw ScalebenchException.badInput("cannot merge: no run folders given");
        }
        return plan(parts, byIndex);
    }

    private static ShardMerge plan(List<Part> parts, Map<Integer, Part> byIndex) {
        RunManifest head = parts.get(0).manifest();
        int count = head.shard().count();
        Set<String> infeasible = new HashSet<>();
        head.plan().infeasible().forEach(x -> infeasible.add(x.id()));
        Set<String> planned = new HashSet<>();
        parts.forEach(p -> p.manifest().plan().points().forEach(e -> planned.add(e.id())));
        List<SweepPoint> points = new ArrayList<>();
        List<Hole> holes = new ArrayList<>();
        List<RunManifest.Excluded> missing = new ArrayList<>();
        for (SweepPoint p : Planner.expand(SpecJson.fromJson(head.spec()))) {
            int owner = Shard.owner(p.id(), count);
            if (planned.contains(p.id())) {
                points.add(p);
            } else if (!infeasible.contains(p.id()) && !byIndex.containsKey(owner)) {
                String why = "shard " + owner + "/" + count + " is missing";
                holes.add(new Hole(p.id(), null, why));
                missing.add(new RunManifest.Excluded(p.id(), "hole: " + why));
            }
        }
        List<String> warnings = new ArrayList<>();
        for (Part p : parts) {
            p.loaded().warnings().forEach(w -> warnings.add(w + " (read in memory; the shard is not changed)"));
            Set<String> recorded = p.loaded().journalLines().keySet();
            for (String trial : p.manifest().plan().trialOrder()) {
                if (!recorded.contains(trial)) {
                    holes.add(new Hole(TrialId.pointOf(trial), trial, "not run: shard "
                            + p.shard() + " (" + p.dir() + ", " + p.manifest().status() + ") has no result for it;"
                            + " 'sweep --resume' it, then merge again"));
                }
            }
        }
        return new ShardMerge(List.copyOf(parts), List.copyOf(points), List.copyOf(holes), List.copyOf(missing),
                List.copyOf(warnings));
    }

    private static String abbrev(String digest) {
        return "plan " + (digest.length() > 12 ? digest.substring(0, 12) : digest);
    }

    /** The planned points or trials no shard recorded, points of missing shards first. */
    public List<Hole> holes() {
        return holes;
    }

    /** Shards of the sweep not among the runs given, {@code K/N}, ascending. */
    public List<String> missingShards() {
        Set<Integer> present = new HashSet<>();
        parts.forEach(p -> present.add(p.shard().index()));
        int count = parts.get(0).shard().count();
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!present.contains(k)) {
                out.add(k + "/" + count);
            }
        }
        return out;
    }

    /** In-memory repairs of the shards' files (a shard killed mid-write), one sentence each. */
    public List<String> warnings() {
        return warnings;
    }

    /** The shards, by index. */
    List<Part> parts() {
        return parts;
    }

    /** The points the shards ran, in the sweep's expansion order. */
    List<SweepPoint> points() {
        return points;
    }

    /**
     * The merged manifest: the shards' points and trials (trial order: shard 1's, then shard 2's, ...), their
     * budget drops, the missing shards' points as dropped ("hole: ..."), status {@code COMPLETE} when there are
     * no holes, else {@code INTERRUPTED}; fingerprint fields that differ between shards hold every value.
     */
    RunManifest manifest(String runId, String toolVersion) {
        RunManifest head = parts.get(0).manifest();
        Set<String> ids = new HashSet<>();
        points.forEach(p -> ids.add(p.id()));
        Map<String, RunManifest.PointEntry> entries = new HashMap<>();
        List<String> order = new ArrayList<>();
        List<RunManifest.Excluded> dropped = new ArrayList<>();
        for (Part p : parts) {
            p.manifest().plan().points().forEach(e -> entries.put(e.id(), e));
            order.addAll(p.manifest().plan().trialOrder());
            p.manifest().plan().dropped().stream().filter(x -> !x.reason().startsWith(Shard.ELSEWHERE))
                    .forEach(dropped::add);
        }
        dropped.addAll(missing);
        RunManifest.Plan plan = new RunManifest.Plan(points.stream().map(p -> entries.get(p.id())).toList(), order,
                head.plan().infeasible(), dropped);
        var started = parts.stream().map(p -> p.manifest().started()).min(Comparator.naturalOrder()).orElseThrow();
        var ended = parts.stream().map(p -> p.manifest().ended()).filter(e -> e != null)
                .max(Comparator.naturalOrder()).orElse(null);
        RunManifest.Status status = holes.isEmpty() ? RunManifest.Status.COMPLETE : RunManifest.Status.INTERRUPTED;
        return new RunManifest(RunManifest.SCHEMA, runId, toolVersion, status, started, ended, head.specFile(),
                head.spec(), fingerprint(), plan, null, parts.stream().map(p -> p.manifest().runId()).toList(),
                parts.stream().flatMap(p -> p.manifest().repairs().stream()
                        .map(r -> "shard " + p.manifest().runId() + ": " + r)).toList());
    }

    /** The shards' fingerprint; a field with different values holds them all, in shard order, joined by " | ". */
    Map<String, String> fingerprint() {
        Map<String, String> out = new LinkedHashMap<>();
        fingerprintValues().forEach((k, v) -> out.put(k, String.join(" | ", v)));
        return out;
    }

    /** Fingerprint fields on which the shards differ (e.g. host.name when they ran on different nodes). */
    public List<String> mixedFingerprintFields() {
        return fingerprintValues().entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .toList();
    }

    private Map<String, Set<String>> fingerprintValues() {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Part p : parts) {
            p.manifest().fingerprint().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        return values;
    }
}
