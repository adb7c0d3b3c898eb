package dev.scalebench.analysis.fit;

import java.util.List;

/**
 * All candidate forms fitted to one series, best (lowest AICc) first, and the chosen one stated in words.
 *
 * @param key the series
 * @param x the observations' levels, as fitted
 * @param y the observations' latencies, seconds
 * @param forms the forms that could be fitted, ordered by AICc (lowest first)
 * @param selected id of the selected form (the first of {@code forms}), or null when none could be fitted
 * @param sentence the selected fit in words with its numbers and intervals
 * @param notes forms skipped and why (too few levels, ...), one sentence each
 */
public record SeriesFit(SeriesKey key, double[] x, double[] y, List<FormFit> forms, String selected,
        String sentence, List<String> notes) {

    public SeriesFit {
        x = x.clone();
        y = y.clone();
        forms = List.copyOf(forms);
        notes = List.copyOf(notes);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The selected form's fit, or null. */
    public FormFit best() {
        return forms.isEmpty() ? null : forms.get(0);
    }
}
