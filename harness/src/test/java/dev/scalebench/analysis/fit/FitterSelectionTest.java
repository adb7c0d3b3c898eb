package dev.scalebench.analysis.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** AICc picks the form that generated the data; Akaike weights are a distribution over the candidates. */
class FitterSelectionTest {
    private static final Fitter FITTER = new Fitter(FitOptions.DEFAULTS.withBootstrap(0));

    private static void assertWeights(SeriesFit f) {
        assertThat(f.forms().stream().mapToDouble(FormFit::akaikeWeight).sum()).isCloseTo(1, within(1e-12));
        for (int i = 1; i < f.forms().size(); i++) {
            assertThat(f.forms().get(i).aicc()).isGreaterThanOrEqualTo(f.forms().get(i - 1).aicc());
        }
        assertThat(f.selected()).isEqualTo(f.forms().get(0).form());
    }

    @Test
    void aKneeSelectsTheRoofline() {
        SeriesFit f = FITTER.fit(Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 8), 3, 0.02, 21,
                b -> Math.max(1.5e-3 + 2e-5 * b, 1.2e-4 * b)));
        assertThat(f.selected()).isEqualTo("roofline");
        assertThat(f.best().akaikeWeight()).isGreaterThan(0.99);
        assertThat(f.best().estimate("knee").value()).isCloseTo(15, within(1.0));
        assertWeights(f);
    }

    @Test
    void aStraightLineSelectsLinear() {
        SeriesFit f = FITTER.fit(Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 8), 3, 0.02, 22,
                b -> 2e-3 + 3e-5 * b));
        assertThat(f.selected()).isEqualTo("linear");
        assertThat(f.forms()).extracting(FormFit::form).containsExactly("linear", "roofline");
        assertWeights(f);
    }

    @Test
    void quadraticPrefillSelectsSeqQuadratic() {
        SeriesFit f = FITTER.fit(Synthetic.series(Synthetic.PREFILL, Synthetic.powers(32, 2, 8), 3, 0.02, 23,
                s -> 1e-3 + 2e-6 * s + 1e-9 * s * s));
        assertThat(f.selected()).isEqualTo("seq-quadratic");
        assertThat(f.best().akaikeWeight()).isGreaterThan(0.99);
        assertWeights(f);
    }

    @Test
    void linearDecodeSelectsSeqLinear() {
        SeriesFit f = FITTER.fit(Synthetic.series(Synthetic.DECODE, Synthetic.powers(32, 2, 8), 3, 0.02, 24,
                s -> 3e-3 + 4e-7 * s));
        assertThat(f.selected()).isEqualTo("seq-linear");
        assertWeights(f);
    }

    @Test
    void sublinearModelScalingSelectsThePowerLaw() {
        SeriesFit f = FITTER.fit(Synthetic.series(Synthetic.MODEL, Synthetic.powers(1e6, 10, 5), 3, 0.02, 25,
                n -> 1e-3 + 30e-3 * Math.pow(n / 1e9, 0.6)));
        assertThat(f.selected()).isEqualTo("power-law");
        assertThat(f.best().estimate("gamma").value()).isCloseTo(0.6, within(0.05));
        assertWeights(f);
    }

    @Test
    void aiccCountsTheScaleAsAParameter() {
        double[] r = {0.01, -0.02, 0.015, -0.005, 0.0, 0.01, -0.01};
        double rss = 0;
        for (double v : r) {
            rss += v * v;
        }
        int n = r.length;
        int k = 3;
        assertThat(FormFitter.aicc(r, 2))
                .isCloseTo(n * Math.log(rss / n) + 2 * k + 2.0 * k * (k + 1) / (n - k - 1), within(1e-12));
    }
}
