package dev.scalebench.analysis.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Parameter recovery from seeded synthetic data with known truth, for every form: lognormal noise of 0.5 %, 3–5
 * trials per level, realistic magnitudes; every parameter within 2 % (issue 3).
 */
class FitterRecoveryTest {
    private static final Fitter FITTER = new Fitter(FitOptions.DEFAULTS.withBootstrap(0));
    private static final double SIGMA = 0.005;

    private static FormFit fit(SeriesKey key, double[] levels, int reps, long seed, String form,
            DoubleUnaryOperator truth) {
        SeriesFit sf = FITTER.fit(Synthetic.series(key, levels, reps, SIGMA, seed, truth));
        return sf.forms().stream().filter(f -> f.form().equals(form)).findFirst().orElseThrow();
    }

    private static void assertRecovered(FormFit f, Map<String, Double> truth) {
        truth.forEach((name, value) -> assertThat(f.estimate(name).value()).as("%s of %s", name, f.form())
                .isCloseTo(value, withinPercentage(2)));
    }

    @Test
    void linearBatch() {
        double a = 2e-3;
        double c = 3e-4;
        FormFit f = fit(Synthetic.BATCH, Synthetic.powers(1, 2, 6), 3, 11, "linear", b -> a + c * b);
        assertRecovered(f, Map.of("a", a, "c", c, "T_max", 1 / c, "K", a / c, "b90", 9 * a / c));
        assertThat(f.estimate("doubling_throughput").value()).isCloseTo(1 / 19.0, within(1e-9));
        assertThat(f.estimate("doubling_latency").value()).isCloseTo(0.9, within(1e-9));
        assertThat(f.converged()).isTrue();
    }

    @Test
    void roofline() {
        double a = 2e-3;
        double c = 1e-4;
        double knee = 32;
        double d = a / knee + c;
        FormFit f = fit(Synthetic.BATCH, Synthetic.powers(1, 2, 9), 3, 12, "roofline",
                b -> Math.max(a + c * b, d * b));
        assertRecovered(f, Map.of("a", a, "c", c, "d", d, "knee", knee, "T_max", 1 / d));
        assertThat(f.converged()).as(f.convergence()).isTrue();
    }

    @Test
    void seqLinearDecode() {
        double a = 3e-3;
        double b = 4e-7;
        FormFit f = fit(Synthetic.DECODE, Synthetic.powers(32, 2, 8), 3, 13, "seq-linear", s -> a + b * s);
        assertRecovered(f, Map.of("a", a, "b", b, "per_token", b));
    }

    @Test
    void seqQuadraticPrefill() {
        double a = 1e-3;
        double b = 2e-6;
        double c = 2e-9;
        FormFit f = fit(Synthetic.PREFILL, Synthetic.powers(32, 2, 8), 5, 14, "seq-quadratic",
                s -> a + b * s + c * s * s);
        double s = 4096;
        assertRecovered(f, Map.of("a", a, "b", b, "c", c, "quadratic_share", c * s * s / (a + b * s + c * s * s)));
    }

    @Test
    void powerLaw() {
        double a = 2e-3;
        double k = 20e-3;
        double gamma = 0.8;
        FormFit f = fit(Synthetic.MODEL, Synthetic.powers(1e6, 10, 5), 3, 15, "power-law",
                n -> a + k * Math.pow(n / 1e9, gamma));
        assertRecovered(f, Map.of("a", a, "k", k, "gamma", gamma));
        assertThat(f.converged()).as(f.convergence()).isTrue();
    }

    @Test
    void purePowerLawFromThreeModelSizes() {
        double k = 30e-3;
        double gamma = 0.9;
        FormFit f = fit(Synthetic.MODEL, Synthetic.powers(1e6, 10, 3), 3, 17, "pure-power-law",
                n -> k * Math.pow(n / 1e9, gamma));
        assertRecovered(f, Map.of("k", k, "gamma", gamma));
        assertThat(f.converged()).as(f.convergence()).isTrue();
    }

    @Test
    void paramsLinear() {
        double a = 1e-3;
        double k = 2e-12;
        FormFit f = fit(Synthetic.MODEL, Synthetic.powers(1e6, 10, 5), 3, 16, "params-linear", n -> a + k * n);
        assertRecovered(f, Map.of("a", a, "k", k));
    }
}
