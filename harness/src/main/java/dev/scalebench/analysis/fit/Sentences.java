package dev.scalebench.analysis.fit;

import java.util.List;

/**
 * The selected fit of a series in words ({@link SeriesFit#sentence()}): its {@link Headline} — what holds within
 * the measured levels first, then what the fit places beyond them, labelled as extrapolated — then the form, its
 * Akaike weight and its validation, and a caution when the fit did not converge.
 */
final class Sentences {

    private Sentences() {
    }

    /** One or two sentences for the selected (first) form of {@code fits}. */
    static String of(SeriesKey key, List<FormFit> fits, double minLevel, double maxLevel) {
        if (fits.isEmpty()) {
            return key.label() + ": no form could be fitted.";
        }
        Headline h = Headline.of(key, fits.get(0), minLevel, maxLevel);
        StringBuilder s = new StringBuilder(key.label()).append(": ").append(h.text()).append(". ");
        s.append(h.basis()).append('.');
        if (h.caution() != null) {
            s.append(" The fit did not converge").append(h.caution().substring("the fit did not converge".length()))
                    .append('.');
        }
        return s.toString();
    }
}
