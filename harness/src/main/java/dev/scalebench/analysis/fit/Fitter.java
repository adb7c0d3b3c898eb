package dev.scalebench.analysis.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fits the candidate scaling laws of a series' axis to its step latencies and picks one (docs/analysis.md: "Forms",
 * "Fitting", "Choosing a form").
 *
 * <p>Method, per form ({@link FormFit}): log-space residuals {@code ln y - ln f(x)}; Huber loss with the scale
 * re-estimated as {@code 1.4826·MAD} of the residuals until it settles; non-negative linear coefficients by exact
 * weighted NNLS (closed form, weights {@code 1/y²}) polished by Gauss–Newton/IRLS on the log-space objective; a
 * nonlinear parameter (roofline knee, power-law exponent) by a grid with the coefficients profiled out, then
 * Levenberg–Marquardt (Hipparchus) from the {@value Solver#STARTS} best cells, converged when all agree. A form
 * needs {@code #params + 1} distinct levels and {@code #params + 3} observations, else it is skipped with a note.
 *
 * <p>Uncertainty: a cluster bootstrap that redraws trials within each point ({@link Resampler}; deviations from
 * the point's mean inflated by {@code sqrt(m/(m-1))}), {@link FitOptions#bootstrap()} resamples shared by all
 * forms, each refitted from the full-data optimum; percentile intervals for every parameter, derived quantity
 * and the curve's band. Selection: AICc of the log-space fit (Gaussian likelihood, the scale counted as a
 * parameter), Akaike weights. Validation: refits without the largest 1..{@link FitOptions#maxLeaveOut()} levels.
 *
 * <p>Immutable and thread-safe; the result depends only on the options (the seed) and the series (its id seeds
 * the bootstrap), not on threads or call order.
 */
public final class Fitter {
    private final FitOptions options;

    /** A fitter with these options. */
    public Fitter(FitOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("fit options must not be null");
        }
        this.options = options;
    }

    /**
     * Fits every candidate form of the series' axis. Never throws for bad data: observations with a non-positive
     * or non-finite level or latency are dropped, and forms that cannot be fitted are skipped, each with a note.
     */
    public SeriesFit fit(Series series) {
        SeriesKey key = series.key();
        double[] x = series.x();
        double[] y = series.y();
        List<String> notes = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i], y[i])) {
                x[kept] = x[i];
                y[kept++] = y[i];
            }
        }
        double[] xs = java.util.Arrays.copyOf(x, kept);
        double[] ys = java.util.Arrays.copyOf(y, kept);
        if (kept < x.length) {
            notes.add(String.format(Locale.ROOT,
                    "dropped %d of %d observations with a non-positive or non-finite level or latency",
                    x.length - kept, x.length));
        }
        if (kept == 0) {
            notes.add("no usable observations");
            return new SeriesFit(key, xs, ys, List.of(), null, key.label() + ": no usable observations.", notes);
        }
        Obs d = Obs.of(xs, ys);
        Resampler.Draws draws = options.bootstrap() == 0 ? null
                : Resampler.draw(d, options.bootstrap(), new SplittableRandom(seed(key)), Resampler.Scheme.INFLATED);
        double level = draws == null ? options.confidence() : Resampler.expanded(options.confidence(), draws.df());
        List<FormFit> fits = new ArrayList<>();
        for (Form f : Form.forKey(key)) {
            String why = FormFitter.unfit(f, d, key.axis());
            if (why != null) {
                notes.add(why);
                continue;
            }
            try {
                fits.add(FormFitter.fit(f, key.axis(), d, draws, level, options));
            } catch (RuntimeException e) {
                notes.add(f.id + " could not be fitted: " + e.getMessage());
            }
        }
        fits = weighted(fits);
        String sentence = Sentences.of(key, fits, d.minLevel(), d.maxLevel());
        return new SeriesFit(key, xs, ys, fits, fits.isEmpty() ? null : fits.get(0).form(), sentence, notes);
    }

    private static boolean usable(double x, double y) {
        return Double.isFinite(x) && x > 0 && Double.isFinite(y) && y > 0;
    }

    private long seed(SeriesKey key) {
        return options.seed() * 0x9E3779B97F4A7C15L + key.id().hashCode();
    }

    /** The fits with their Akaike weights, lowest AICc first. */
    private static List<FormFit> weighted(List<FormFit> fits) {
        double min = fits.stream().mapToDouble(FormFit::aicc).min().orElse(0);
        double sum = fits.stream().mapToDouble(f -> Math.exp(-(f.aicc() - min) / 2)).sum();
        return fits.stream()
                .map(f -> new FormFit(f.form(), f.formula(), f.params(), f.derived(), f.aicc(),
                        Math.exp(-(f.aicc() - min) / 2) / sum, f.huberScale(), f.converged(), f.convergence(),
                        f.residuals(), f.validation(), f.band(), f.bootstrapFailures(), f.flags()))
                .sorted(Comparator.comparingDouble(FormFit::aicc))
                .toList();
    }
}
