package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.PointStats;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured peak memory against batch or seq, fitted per series like latency: each candidate form by least squares
 * over the series' points with a reading ({@link PointStats#memPeakBytes()}), the form chosen by AICc with Akaike
 * weights (the criterion {@link Fitter} uses, {@link FormFitter#aicc}), its coefficients with 95 % intervals.
 *
 * <p>Forms ({@link MemoryForm}): a straight line {@code m = a + b·x}, and a parabola {@code m = a + b·x + c·x²}.
 * {@code a} is what the point holds whatever its batch or length (weights, the engine's fixed workspace), {@code b}
 * what each further sequence (or token of sequence length) adds (activations, KV cache), {@code c} what grows with
 * the square: along seq a prefill's attention scores ({@code batch·heads·seq²} values). Memory is affine in batch for
 * every phase, so along batch the line is expected and the parabola is there to be refused by the data; along seq
 * either can win. Both are tried on both axes; the parabola only where the series has at least
 * {@value #MIN_QUADRATIC_LEVELS} levels (AICc with the scale counted needs {@code n ≥ p + 3}), else the line is the
 * only candidate and {@link #note()} says so.
 *
 * <p>Differences from the latency fits, and why: residuals are in bytes, not in log space (a reading's error is
 * additive: page and allocator granularity, other allocations meanwhile), and the coefficients are unconstrained
 * ordinary least squares ({@link PolyLeastSquares}) with Student-t intervals from the residuals ({@code n − p}
 * degrees of freedom), not a bootstrap: each point contributes one value (the largest over its trials), so there are
 * no trials to resample and the intervals describe the scatter of points about the curve, not trial-to-trial noise.
 * AICc is computed on the residuals relative to the largest reading (a scale-free RSS, so an exact line's rounding
 * residue is floored alike for both forms and the line wins on its fewer parameters). A series needs at least
 * {@value #MIN_LEVELS} levels with a reading.
 *
 * @param series {@code batch:gpt-1m/fp32/prefill/s64} or {@code seq:gpt-1m/fp32/prefill/b4} (with {@code /oN} for
 *     a generate series)
 * @param axis {@code batch} or {@code seq}
 * @param x the levels, ascending
 * @param bytes the measured peak memory growth at each level, bytes
 * @param form the chosen form
 * @param interceptBytes {@code a}, bytes
 * @param interceptCi its 95 % interval
 * @param slopeBytes {@code b}, bytes per unit of the axis (per sequence, per token of sequence length)
 * @param slopeCi its 95 % interval
 * @param quadraticBytes {@code c}, bytes per unit of the axis squared; 0 for the line
 * @param quadraticCi its 95 % interval; {@link Interval#UNDEFINED} for the line
 * @param akaikeWeight the chosen form's Akaike weight among the candidates (1 when it was the only one)
 * @param maxAbsRelResidual the largest |fitted − measured| / measured over the levels, of the chosen form
 * @param band the chosen form's curve on a grid over the measured levels (log-spaced), in bytes, with its pointwise
 *     95 % band (NaN without degrees of freedom)
 * @param note why only the line was tried, or null
 */
public record MemoryFit(String series, String axis, double[] x, double[] bytes, MemoryForm form,
        double interceptBytes, Interval interceptCi, double slopeBytes, Interval slopeCi, double quadraticBytes,
        Interval quadraticCi, double akaikeWeight, double maxAbsRelResidual, Band band, String note) {

    /** The fewest levels with a reading a series needs to be fitted. */
    public static final int MIN_LEVELS = 3;

    /** The fewest levels for the parabola to be a candidate (AICc: {@code n ≥ p + 3} with {@code p = 3}). */
    public static final int MIN_QUADRATIC_LEVELS = 6;

    /** Points of {@link #band()}'s grid. */
    static final int GRID = 48;

    /** The fitted memory at level {@code level}, bytes. */
    public double at(double level) {
        return interceptBytes + slopeBytes * level + quadraticBytes * level * level;
    }

    /** The fits of every series over batch, then over seq, that has enough measured levels, in first-seen order. */
    public static List<MemoryFit> fit(List<PointStats> points) {
        List<MemoryFit> out = new ArrayList<>();
        for (Axis axis : List.of(Axis.BATCH, Axis.SEQ)) {
            for (PointSeries ps : PointSeries.of(points, axis, null, PointStats::memoryKnown,
                    PointStats::memPeakBytes, MIN_LEVELS)) {
                out.add(of(ps.id(), axis.id(), ps.x(), ps.y()));
            }
        }
        return out;
    }

    /**
     * The chosen fit through {@code (x, y)}: the line, and the parabola where there are at least
     * {@value #MIN_QUADRATIC_LEVELS} distinct levels, the lower AICc chosen.
     *
     * @param x the levels, ascending, at least {@value #MIN_LEVELS} distinct
     */
    public static MemoryFit of(String series, String axis, double[] x, double[] y) {
        long levels = java.util.Arrays.stream(x).distinct().count();
        PolyLeastSquares.Fit line = PolyLeastSquares.fit(x, y, MemoryForm.LINEAR.degree());
        if (levels < MIN_QUADRATIC_LEVELS) {
            return of(series, axis, x, y, MemoryForm.LINEAR, line, 1, "quadratic not tried: it needs "
                    + MIN_QUADRATIC_LEVELS + " levels, the series has " + levels);
        }
        PolyLeastSquares.Fit parabola = PolyLeastSquares.fit(x, y, MemoryForm.QUADRATIC.degree());
        double scale = java.util.Arrays.stream(y).map(Math::abs).max().orElse(1);
        double aLine = FormFitter.aicc(relative(line.residuals(), scale), MemoryForm.LINEAR.params());
        double aParabola = FormFitter.aicc(relative(parabola.residuals(), scale), MemoryForm.QUADRATIC.params());
        double min = Math.min(aLine, aParabola);
        double wLine = Math.exp(-(aLine - min) / 2);
        double wParabola = Math.exp(-(aParabola - min) / 2);
        return aParabola < aLine
                ? of(series, axis, x, y, MemoryForm.QUADRATIC, parabola, wParabola / (wLine + wParabola), null)
                : of(series, axis, x, y, MemoryForm.LINEAR, line, wLine / (wLine + wParabola), null);
    }

    private static double[] relative(double[] r, double scale) {
        double s = scale > 0 ? scale : 1;
        return java.util.Arrays.stream(r).map(v -> v / s).toArray();
    }

    private static MemoryFit of(String series, String axis, double[] x, double[] y, MemoryForm form,
            PolyLeastSquares.Fit f, double weight, String note) {
        double rel = 0;
        for (int i = 0; i < x.length; i++) {
            rel = Math.max(rel, y[i] > 0 ? Math.abs(f.residuals()[i]) / y[i] : 0);
        }
        double[] c = f.coefficients();
        boolean quadratic = form == MemoryForm.QUADRATIC;
        return new MemoryFit(series, axis, x.clone(), y.clone(), form, c[0], f.intervals()[0], c[1],
                f.intervals()[1], quadratic ? c[2] : 0, quadratic ? f.intervals()[2] : Interval.UNDEFINED, weight,
                rel, band(x, f), note);
    }

    /** The curve on {@value #GRID} log-spaced levels from the smallest to the largest (linear when one is ≤ 0). */
    private static Band band(double[] x, PolyLeastSquares.Fit f) {
        double lo = x[0];
        double hi = x[x.length - 1];
        boolean log = lo > 0;
        double[] g = new double[GRID];
        double[] fit = new double[GRID];
        double[] bLo = new double[GRID];
        double[] bHi = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            double t = (double) i / (GRID - 1);
            g[i] = log ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t;
            fit[i] = f.value(g[i]);
            double h = f.bandHalfWidth(g[i]);
            bLo[i] = fit[i] - h;
            bHi[i] = fit[i] + h;
        }
        return new Band(g, fit, bLo, bHi);
    }
}
