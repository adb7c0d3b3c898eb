package dev.scalebench.analysis.compare;

import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One fitted series side by side: the selected form of each run that fitted it.
 *
 * @param id the series id matched on (ignored factors written {@code *})
 * @param label the series in words
 * @param fits one per run, in run order; null where the run has no fit of the series
 * @param quantities the names of the parameters and derived quantities any run's selected form gives, the
 *     headline ones ({@link #HEADLINE}) first
 */
public record FitRow(String id, String label, List<SeriesFit> fits, List<String> quantities) {

    /** Quantities listed first, in this order, when a form gives them. */
    public static final List<String> HEADLINE = List.of("T_max", "b90", "knee", "gamma", "K");

    public FitRow {
        fits = Collections.unmodifiableList(new ArrayList<>(fits));
        quantities = List.copyOf(quantities);
    }

    /** Run {@code run}'s selected form, or null. */
    public FormFit form(int run) {
        SeriesFit f = fits.get(run);
        return f == null ? null : f.best();
    }

    /** Run {@code run}'s estimate of {@code name} from its selected form, or null. */
    public Estimate estimate(int run, String name) {
        FormFit f = form(run);
        return f == null ? null : f.estimate(name);
    }

    /** The quantity names of the selected forms of {@code fits}, headline first, then in order of appearance. */
    static List<String> quantities(List<SeriesFit> fits) {
        List<String> all = new ArrayList<>();
        for (SeriesFit s : fits) {
            FormFit f = s == null ? null : s.best();
            if (f == null) {
                continue;
            }
            f.params().forEach(e -> add(all, e.name()));
            f.derived().forEach(e -> add(all, e.name()));
        }
        List<String> out = new ArrayList<>();
        HEADLINE.stream().filter(all::contains).forEach(out::add);
        all.stream().filter(q -> !out.contains(q)).forEach(out::add);
        return out;
    }

    private static void add(List<String> l, String s) {
        if (!l.contains(s)) {
            l.add(s);
        }
    }

    /**
     * The baseline's fitted series that at least one other run also fitted, matched on the series id with
     * {@code ignore} written {@code *}; a note for each run without fits, and for series a run fitted twice.
     */
    static List<FitRow> match(List<CompareRun> runs, Set<Factor> ignore, List<String> notes) {
        List<Map<String, SeriesFit>> byId = new ArrayList<>();
        for (CompareRun r : runs) {
            Map<String, SeriesFit> m = new LinkedHashMap<>();
            if (r.fits() == null) {
                notes.add(r.label() + ": no fitted parameters: " + (r.fitsNote() != null ? r.fitsNote()
                        : "no fits.json; run `scalebench analyze <run>` first") + ".");
            } else {
                int twice = 0;
                for (SeriesFit f : r.fits().fits()) {
                    twice += m.putIfAbsent(MatchKey.series(f.key(), ignore).id(), f) == null ? 0 : 1;
                }
                if (twice > 0) {
                    notes.add(r.label() + ": " + twice + " fitted series match another of the same run once "
                            + "factors are ignored; only the first of each is compared.");
                }
            }
            byId.add(m);
        }
        Set<String> metrics = new TreeSet<>();
        runs.stream().filter(r -> r.fits() != null).forEach(r -> metrics.add(r.fits().metric().id()));
        if (metrics.size() > 1) {
            notes.add("the runs' fits model different metrics (" + String.join(", ", runs.stream()
                    .filter(r -> r.fits() != null).map(r -> r.label() + ": " + r.fits().metric().id()).toList())
                    + "); run `scalebench analyze --metric` on them alike to compare fitted parameters.");
        }
        List<FitRow> out = new ArrayList<>();
        for (Map.Entry<String, SeriesFit> e : byId.get(0).entrySet()) {
            List<SeriesFit> fits = new ArrayList<>();
            byId.forEach(m -> fits.add(m.get(e.getKey())));
            if (fits.stream().skip(1).anyMatch(f -> f != null)) {
                out.add(new FitRow(e.getKey(), MatchKey.series(e.getValue().key(), ignore).label(), fits,
                        quantities(fits)));
            }
        }
        return out;
    }
}
