package dev.scalebench.analysis.compare;

import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunManifest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What a comparison tells the reader besides its numbers, and how the runs' fingerprints differ. */
final class Notes {

    private Notes() {
    }

    static List<String> of(List<CompareRun> runs, List<PointRow> rows, CompareOptions o) {
        List<String> notes = new ArrayList<>();
        for (CompareRun r : runs) {
            if (r.metrics().status() != RunManifest.Status.COMPLETE) {
                notes.add(r.label() + " did not finish (status " + r.metrics().status() + "): points it did not "
                        + "reach are missing from it.");
            }
            if (r.hardware() == null && r.hardwareForced()) {
                notes.add(r.label() + ": no hardware profile (--hardware none), so no cost and no roofline for it.");
            } else if (r.hardware() == null) {
                notes.add(r.label() + ": no hardware profile " + (r.device().isEmpty() ? "(device unknown)"
                        : "matches device '" + r.device() + "'") + ", so no cost and no roofline for it (name one "
                        + "with --hardware).");
            } else if (!Double.isFinite(r.hardware().pricePerHour())) {
                notes.add(r.label() + ": no price: hardware profile " + r.hardware().id() + " has no "
                        + "price-per-hour, so no cost per million tokens for it.");
            }
        }
        Set<String> specs = new HashSet<>();
        runs.forEach(r -> specs.add(r.metrics().specHash()));
        if (specs.size() > 1) {
            notes.add("the runs' sweep specifications differ (measurement settings, models or levels); points "
                    + "are matched by model, dtype, phase, batch and seq alone.");
        }
        boolean anyMatched = rows.stream().anyMatch(r -> r.effects().stream().findAny().isPresent());
        if (!anyMatched) {
            notes.add("no point was measured in the baseline and another run alike" + why(runs, o) + ".");
        }
        return notes;
    }

    /**
     * Why nothing matched, after a colon or semicolon: runs without any measured trial first (their histograms
     * missing, or every trial failed), else points that match but lack trials, else a factor to ignore; "" when
     * none of these tells.
     */
    private static String why(List<CompareRun> runs, CompareOptions o) {
        List<String> empty = new ArrayList<>();
        for (CompareRun r : runs) {
            if (!r.metrics().points().isEmpty() && r.metrics().trials().isEmpty()) {
                int failed = r.metrics().failedTrials().values().stream().mapToInt(Integer::intValue).sum();
                empty.add(r.label() + " has no OK trial with a latency histogram" + (failed > 0 ? " (" + failed
                        + " failed)" : "") + (r.repairs().isEmpty() ? "" : "; reading it made " + r.repairs().size()
                        + " repair(s), listed under 'Repairs made while reading' (an OK trial whose histogram is"
                        + " missing from histograms.hlog, or the whole file missing, is dropped)"));
            }
        }
        if (!empty.isEmpty()) {
            return ": " + String.join("; ", empty);
        }
        Set<MatchKey> base = keys(runs.get(0), o.ignore());
        if (runs.stream().skip(1).anyMatch(r -> keys(r, o.ignore()).stream().anyMatch(base::contains))) {
            return ": the points they share have no OK trial in the baseline or in the other run";
        }
        return hint(runs, o);
    }

    /** A suggestion to ignore a factor when that would make points match. */
    private static String hint(List<CompareRun> runs, CompareOptions o) {
        for (Set<Factor> more : List.of(EnumSet.of(Factor.DTYPE), EnumSet.of(Factor.MODEL),
                EnumSet.of(Factor.MODEL, Factor.DTYPE))) {
            if (o.ignore().containsAll(more)) {
                continue;
            }
            Set<Factor> ignore = EnumSet.copyOf(more);
            ignore.addAll(o.ignore());
            Set<MatchKey> base = keys(runs.get(0), ignore);
            if (runs.stream().skip(1).anyMatch(r -> keys(r, ignore).stream().anyMatch(base::contains))) {
                return "; they would match with --ignore " + String.join(",", ignore.stream().map(Factor::id)
                        .toList());
            }
        }
        return "";
    }

    private static Set<MatchKey> keys(CompareRun r, Set<Factor> ignore) {
        Set<MatchKey> s = new HashSet<>();
        r.metrics().points().forEach(p -> s.add(MatchKey.of(p, ignore)));
        return s;
    }

    /** Keys whose values differ between runs: the comparability keys first (in their order), then the rest. */
    static Map<String, List<String>> fingerprintDiffs(List<CompareRun> runs) {
        Set<String> keys = new TreeSet<>();
        runs.forEach(r -> keys.addAll(r.metrics().fingerprint().keySet()));
        List<String> ordered = new ArrayList<>();
        Fingerprint.COMPARABLE_KEYS.stream().filter(keys::contains).forEach(ordered::add);
        keys.stream().filter(k -> !ordered.contains(k)).forEach(ordered::add);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String k : ordered) {
            List<String> values = new ArrayList<>();
            runs.forEach(r -> values.add(r.metrics().fingerprint().get(k)));
            if (values.stream().distinct().count() > 1) {
                out.put(k, values);
            }
        }
        return out;
    }
}
