package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.PointStats;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import dev.scalebench.stats.StudentT;
import java.util.ArrayList;
import java.util.List;

/**
 * Energy per token against batch or seq, fitted per series as a power law {@code J/token = c·x^k} by ordinary least
 * squares of {@code ln J/token} on {@code ln x} over the series' points with an energy reading (each point's median
 * over trials, {@link PointStats#energy()}). On log-log axes, as the report draws it, the law is a straight line:
 * {@code k} is its slope, the relative change of energy per token per relative change of batch ({@code k = −1}:
 * the device draws the same power whatever the batch while its throughput grows in proportion; {@code k = 0}: energy
 * per token does not depend on batch), {@code c} the energy per token at {@code x = 1}. The intervals are 95 %
 * Student-t intervals from the residuals ({@code n − 2} degrees of freedom; {@code c}'s is the exponential of the
 * intercept's), so they describe the scatter of the points about the line. A series needs at least
 * {@value #MIN_LEVELS} levels with a reading.
 *
 * @param series the series id as the latency fits name it, with the metric: {@code
 *     batch:gpt-1m/fp32/prefill/s64/joules_per_token}
 * @param axis {@code batch} or {@code seq}
 * @param x the levels, ascending
 * @param joulesPerToken each level's median energy per token, J
 * @param coefficientJ {@code c}, J per token at {@code x = 1}
 * @param coefficientCi its 95 % interval
 * @param exponent {@code k}
 * @param exponentCi its 95 % interval
 * @param maxAbsRelResidual the largest |fitted − measured| / measured over the levels
 */
public record EnergyFit(String series, String axis, double[] x, double[] joulesPerToken, double coefficientJ,
        Interval coefficientCi, double exponent, Interval exponentCi, double maxAbsRelResidual) {

    /** The fewest levels with a reading a series needs to be fitted. */
    public static final int MIN_LEVELS = 3;

    /** The fits of every series over batch, then over seq, that has enough levels with a reading. */
    public static List<EnergyFit> fit(List<PointStats> points) {
        List<EnergyFit> out = new ArrayList<>();
        for (Axis axis : List.of(Axis.BATCH, Axis.SEQ)) {
            for (PointSeries ps : PointSeries.of(points, axis, TrialMetric.JOULES_PER_TOKEN,
                    p -> p.energy() != null && p.energy().joulesPerToken().value() > 0,
                    p -> p.energy().joulesPerToken().value(), MIN_LEVELS)) {
                out.add(powerLaw(ps.id(), axis.id(), ps.x(), ps.y()));
            }
        }
        return out;
    }

    /** The least-squares power law through {@code (x, y)} (positive, at least three distinct x). */
    static EnergyFit powerLaw(String series, String axis, double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxx += dx * dx;
            sxy += dx * (Math.log(y[i]) - my);
        }
        double k = sxy / sxx;
        double lnC = my - k * mx;
        double c = Math.exp(lnC);
        double sse = 0;
        double rel = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.log(y[i]) - (lnC + k * Math.log(x[i]));
            sse += r * r;
            rel = Math.max(rel, Math.abs(c * Math.pow(x[i], k) - y[i]) / y[i]);
        }
        double s2 = sse / (n - 2);
        double t = StudentT.critical(n - 2, 0.95);
        double seK = Math.sqrt(s2 / sxx);
        double seLnC = Math.sqrt(s2 * (1.0 / n + mx * mx / sxx));
        return new EnergyFit(series, axis, x, y, c, new Interval(Math.exp(lnC - t * seLnC), Math.exp(lnC + t * seLnC)),
                k, new Interval(k - t * seK, k + t * seK), rel);
    }

    /** The fitted energy per token at level {@code level}, J. */
    public double at(double level) {
        return coefficientJ * Math.pow(level, exponent);
    }
}
