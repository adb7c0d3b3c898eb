package dev.scalebench.analysis.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The building blocks: exact NNLS, Huber's loss and scale, the within-point resampler. */
class NumericsTest {

    private static double rss(double[] a, double[] z, int n, int p, double[] b) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = z[i];
            for (int j = 0; j < p; j++) {
                r -= a[i * p + j] * b[j];
            }
            s += r * r;
        }
        return s;
    }

    @Test
    void nnlsMatchesUnconstrainedWhenFeasibleAndClampsOtherwise() {
        // z = 2 + 3u exactly: the unconstrained solution is feasible
        int n = 5;
        double[] a = new double[n * 2];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            a[i * 2] = 1;
            a[i * 2 + 1] = i;
            z[i] = 2 + 3 * i;
        }
        assertThat(Nnls.solve(a, z, n, 2)).containsExactly(new double[] {2, 3}, within(1e-9));
        // z = 10 - u: the slope wants to be negative, so it is 0 and the intercept is the mean
        for (int i = 0; i < n; i++) {
            z[i] = 10 - i;
        }
        assertThat(Nnls.solve(a, z, n, 2)).containsExactly(new double[] {8, 0}, within(1e-9));
    }

    @Test
    void nnlsIsOptimalAgainstRandomFeasiblePoints() {
        Random r = new Random(3);
        int n = 12;
        int p = 3;
        for (int trial = 0; trial < 50; trial++) {
            double[] a = new double[n * p];
            double[] z = new double[n];
            for (int i = 0; i < n * p; i++) {
                a[i] = r.nextDouble();
            }
            for (int i = 0; i < n; i++) {
                z[i] = r.nextGaussian();
            }
            double[] b = Nnls.solve(a, z, n, p);
            assertThat(java.util.Arrays.stream(b).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            double best = rss(a, z, n, p, b);
            for (int k = 0; k < 200; k++) {
                double[] c = new double[p];
                for (int j = 0; j < p; j++) {
                    c[j] = Math.max(0, b[j] + 0.1 * r.nextGaussian());
                }
                assertThat(rss(a, z, n, p, c)).isGreaterThanOrEqualTo(best - 1e-12);
            }
        }
    }

    @Test
    void huberLossWeightsAndPseudoResidualsAgree() {
        double c = 1.5;
        for (double r : new double[] {-4, -1.5, -0.3, 0, 0.7, 1.5, 2, 10}) {
            double e = Huber.pseudo(r, c);
            assertThat(e * e / 2).isCloseTo(Huber.rho(r, c), within(1e-12));
            assertThat(Huber.weight(r, c) * r).isCloseTo(Math.abs(r) <= c ? r : Math.copySign(c, r), within(1e-12));
            double h = 1e-6;
            assertThat(Huber.pseudoSlope(r, c))
                    .isCloseTo((Huber.pseudo(r + h, c) - Huber.pseudo(r - h, c)) / (2 * h), within(1e-4));
        }
    }

    @Test
    void proposalTwoEstimatesTheNoiseAndResistsOutliers() {
        assertThat(Huber.KAPPA).isCloseTo(0.7102, within(5e-4));
        Random rng = new Random(5);
        double[] r = new double[4000];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.03 * rng.nextGaussian();
        }
        double s = Huber.proposal2(r, 0);
        assertThat(s).isCloseTo(0.03, within(0.0015));
        // s solves its own equation
        double clipped = 0;
        for (double v : r) {
            clipped += Math.min(v * v, Math.pow(Huber.TUNING * s, 2));
        }
        assertThat(clipped).isCloseTo(r.length * Huber.KAPPA * s * s, within(1e-9));
        for (int i = 0; i < 200; i++) {
            r[i] = 5;
        }
        assertThat(Huber.proposal2(r, 0)).as("5 % gross outliers").isLessThan(0.045);
        assertThat(Huber.proposal2(new double[] {0, 0, 0, 0}, 1)).isEqualTo(Huber.MIN_SCALE);
        assertThat(Huber.scale(new double[] {0, 0, 0, 0})).isEqualTo(Huber.MIN_SCALE);
    }

    @Test
    void inflatedResamplingGivesEachPointMeanTheUnbiasedVariance() {
        // one point of 3 trials: log latencies -0.1, 0, 0.1 (sample variance 0.01)
        Obs d = Obs.of(new double[] {4, 4, 4}, new double[] {Math.exp(-0.1), 1, Math.exp(0.1)});
        int count = 200_000;
        for (Resampler.Scheme scheme : Resampler.Scheme.values()) {
            Resampler.Draws draws = Resampler.draw(d, count, new SplittableRandom(1), scheme);
            assertThat(draws.df()).isEqualTo(2);
            double sum = 0;
            double sum2 = 0;
            for (double[] lv : draws.lv()) {
                double m = (lv[0] + lv[1] + lv[2]) / 3;
                sum += m;
                sum2 += m * m;
            }
            double var = sum2 / count - (sum / count) * (sum / count);
            double expected = scheme == Resampler.Scheme.INFLATED ? 0.01 / 3 : 0.01 / 3 * 2 / 3;
            assertThat(var).as(scheme.name()).isCloseTo(expected, within(expected * 0.02));
        }
    }

    @Test
    void singleTrialPointsBorrowThePooledDeviationsAndNoReplicatesMeansNoBootstrap() {
        Obs d = Obs.of(new double[] {1, 1, 2}, new double[] {1, 1.2, 3});
        Resampler.Draws draws = Resampler.draw(d, 500, new SplittableRandom(2), Resampler.Scheme.INFLATED);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double[] lv : draws.lv()) {
            lo = Math.min(lo, lv[2]);
            hi = Math.max(hi, lv[2]);
        }
        assertThat(hi - lo).as("the single trial varies").isGreaterThan(0.1);
        assertThat(Resampler.draw(Obs.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}), 10, new SplittableRandom(1),
                Resampler.Scheme.INFLATED)).isNull();
    }

    @Test
    void expandedPercentileLevelFollowsStudentT() {
        assertThat(Resampler.expanded(0.95, 10)).isCloseTo(0.9741, within(5e-4));
        assertThat(Resampler.expanded(0.95, 100_000)).isCloseTo(0.95, within(1e-4));
    }
}
