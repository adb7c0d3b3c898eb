package dev.scalebench.analysis.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Robustness, determinism, flags, validation, notes and words. */
class FitterTest {
    private static final FitOptions FAST = FitOptions.DEFAULTS.withBootstrap(200);

    private static FormFit form(SeriesFit f, String id) {
        return f.forms().stream().filter(x -> x.form().equals(id)).findFirst().orElseThrow();
    }

    private static Series linearSeries(long seed) {
        return Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 5), 3, 0.02, seed, b -> 2e-3 + 3e-4 * b);
    }

    @Test
    void oneWildTrialBarelyMovesTheHuberFit() {
        Series clean = Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 6), 3, 0.01, 31,
                b -> 2e-3 + 3e-4 * b);
        double[] y = clean.y();
        y[16] *= 3; // one trial at batch 32 three times too slow (a GC pause, a throttled clock)
        Series dirty = new Series(clean.key(), clean.x(), y);
        Fitter fitter = new Fitter(FitOptions.DEFAULTS.withBootstrap(0));
        FormFit a = form(fitter.fit(clean), "linear");
        FormFit b = form(fitter.fit(dirty), "linear");
        for (String p : List.of("a", "c")) {
            assertThat(b.estimate(p).value()).as(p).isCloseTo(a.estimate(p).value(), withinPercentage(1.5));
        }
        // least squares on the same log residuals is pulled far more
        Obs d = Obs.of(dirty.x(), dirty.y());
        Form f = PolyForm.batchLinear();
        double[] ls = f.natural(LocalFit.profile(f, d, null, new double[2], Double.POSITIVE_INFINITY, 1e-12).theta(), d);
        assertThat(Math.abs(ls[1] / a.estimate("c").value() - 1)).isGreaterThan(0.04);
        assertThat(b.residuals()[16]).isGreaterThan(1.0);
    }

    @Test
    void theSameSeedGivesTheSameResultOnAnyThread() throws Exception {
        Fitter fitter = new Fitter(FAST);
        Series s = linearSeries(32);
        SeriesFit first = fitter.fit(s);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SeriesFit>> again = pool.invokeAll(List.of(() -> fitter.fit(s), () -> fitter.fit(s)));
            for (Future<SeriesFit> f : again) {
                assertSame(first, f.get());
            }
        } finally {
            pool.shutdown();
        }
        SeriesFit other = new Fitter(FAST.withSeed(2)).fit(s);
        assertThat(other.best().estimate("c").value()).isEqualTo(first.best().estimate("c").value());
        assertThat(other.best().estimate("c").lo()).isNotEqualTo(first.best().estimate("c").lo());
    }

    private static void assertSame(SeriesFit a, SeriesFit b) {
        assertThat(b.sentence()).isEqualTo(a.sentence());
        assertThat(b.forms()).hasSameSizeAs(a.forms());
        for (int i = 0; i < a.forms().size(); i++) {
            FormFit x = a.forms().get(i);
            FormFit y = b.forms().get(i);
            assertThat(y.params()).isEqualTo(x.params());
            assertThat(y.derived()).isEqualTo(x.derived());
            assertThat(y.aicc()).isEqualTo(x.aicc());
            assertThat(y.band().lo()).containsExactly(x.band().lo());
            assertThat(y.band().hi()).containsExactly(x.band().hi());
        }
    }

    @Test
    void intervalsAndTheBandSurroundTheEstimate() {
        SeriesFit f = new Fitter(FAST).fit(linearSeries(33));
        for (FormFit ff : f.forms()) {
            for (Estimate e : ff.params()) {
                assertThat(e.hasInterval()).as(e.name()).isTrue();
                assertThat(e.lo()).as(e.name()).isLessThanOrEqualTo(e.value() * (1 + 1e-9));
                assertThat(e.hi()).as(e.name()).isGreaterThanOrEqualTo(e.value() * (1 - 1e-9));
            }
            Band band = ff.band();
            assertThat(band.x()).hasSize(FormFitter.BAND_POINTS);
            assertThat(band.x()[0]).isEqualTo(1);
            assertThat(band.x()[FormFitter.BAND_POINTS - 1]).isEqualTo(16);
            for (int g = 0; g < band.x().length; g++) {
                assertThat(band.lo()[g]).isLessThanOrEqualTo(band.fit()[g] * 1.001);
                assertThat(band.hi()[g]).isGreaterThanOrEqualTo(band.fit()[g] * 0.999);
                assertThat(band.hi()[g] / band.lo()[g]).isLessThan(1.2);
            }
            assertThat(ff.bootstrapFailures()).isZero();
        }
    }

    @Test
    void saturationBeyondTwiceTheMeasuredRangeIsFlaggedAsExtrapolated() {
        SeriesFit f = new Fitter(FAST).fit(linearSeries(34));
        FormFit lin = form(f, "linear");
        Estimate b90 = lin.estimate("b90");
        assertThat(b90.value()).isCloseTo(60, withinPercentage(10));
        assertThat(b90.extrapolated()).isTrue();
        assertThat(lin.estimate("T_max").extrapolated()).isFalse();
        assertThat(lin.flags()).anyMatch(s -> s.startsWith("b90 = ") && s.contains("beyond 2× the largest measured "
                + "batch, 16"));
        // the headline says what batch 16 reached; the saturation and b90 come after, labelled as extrapolated
        String measured = f.sentence().substring(0, f.sentence().indexOf("; extrapolated, beyond the measured "
                + "batches 1–16: saturation at "));
        assertThat(measured).contains("at batch 16, the largest measured").doesNotContain("saturates")
                .doesNotContain("at batch " + Math.round(b90.value()));
        // measured up to 256, saturation at batch 60 is inside the range
        SeriesFit wide = new Fitter(FAST).fit(Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 9), 3, 0.02,
                34, b -> 2e-3 + 3e-4 * b));
        assertThat(form(wide, "linear").estimate("b90").extrapolated()).isFalse();
        assertThat(wide.sentence()).doesNotContain("extrapolated");
    }

    @Test
    void validationRefitsWithoutTheLargestLevelsAndPredictsThem() {
        Series s = Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 6), 3, 0.005, 35, b -> 2e-3 + 3e-4 * b);
        SeriesFit f = new Fitter(FitOptions.DEFAULTS.withBootstrap(0)).fit(s);
        List<Validation> lin = form(f, "linear").validation();
        assertThat(lin).extracting(Validation::leftOut).containsExactly(1, 2);
        assertThat(lin.get(0).x()).containsExactly(32);
        assertThat(lin.get(1).x()).containsExactly(16, 32);
        for (Validation v : lin) {
            for (int k = 0; k < v.x().length; k++) {
                assertThat(v.predicted()[k]).isCloseTo(2e-3 + 3e-4 * v.x()[k], withinPercentage(2));
                assertThat(v.observed()[k]).isCloseTo(2e-3 + 3e-4 * v.x()[k], withinPercentage(1));
                assertThat(v.maxAbsRelError()).isGreaterThanOrEqualTo(Math.abs(v.predicted()[k] / v.observed()[k] - 1));
            }
            assertThat(v.maxAbsRelError()).isLessThan(0.02);
        }
        // the roofline (3 parameters) keeps 4 of 6 levels at most: 2 left out
        assertThat(form(f, "roofline").validation()).extracting(Validation::leftOut).containsExactly(1, 2);
        assertThat(f.sentence()).contains("leaving out the largest batch predicts it within ");
        // a saturating step time that the linear form cannot follow shows up as a large prediction error
        SeriesFit bent = new Fitter(FitOptions.DEFAULTS.withBootstrap(0)).fit(Synthetic.series(Synthetic.BATCH,
                Synthetic.powers(1, 2, 6), 3, 0.005, 35, b -> Math.max(2e-3 + 1e-5 * b, 2e-4 * b)));
        assertThat(form(bent, "linear").validation().get(0).maxAbsRelError()).isGreaterThan(0.2);
    }

    @Test
    void anUndeterminedExponentIsFlaggedButStillReported() {
        // latency falling slightly with model size: k = 0 at every exponent, so the starts stay where they began
        SeriesFit f = new Fitter(FitOptions.DEFAULTS.withBootstrap(0)).fit(Synthetic.series(Synthetic.MODEL,
                Synthetic.powers(1e6, 10, 5), 3, 0.005, 36, n -> 4e-3 * Math.pow(n / 1e6, -0.01)));
        FormFit pow = form(f, "power-law");
        assertThat(pow.estimate("k").value()).isZero();
        assertThat(pow.converged()).isFalse();
        assertThat(pow.convergence()).contains("disagree");
        assertThat(pow.flags()).anyMatch(s -> s.startsWith("not converged"));
        assertThat(pow.estimate("a").value()).isCloseTo(4e-3 * Math.pow(100, -0.01), withinPercentage(3));
        // flat data push the exponent to the edge of its range, where it is flagged
        SeriesFit flat = new Fitter(FitOptions.DEFAULTS.withBootstrap(0)).fit(Synthetic.series(Synthetic.MODEL,
                Synthetic.powers(1e6, 10, 5), 3, 0.02, 36, n -> 4e-3));
        assertThat(form(flat, "power-law").flags()).anyMatch(s -> s.contains("at the edge of its range"));
        // a clean knee converges from every start
        SeriesFit knee = new Fitter(FitOptions.DEFAULTS.withBootstrap(0)).fit(Synthetic.series(Synthetic.BATCH,
                Synthetic.powers(1, 2, 8), 3, 0.01, 36, b -> Math.max(1.5e-3 + 2e-5 * b, 1.2e-4 * b)));
        assertThat(form(knee, "roofline").converged()).as(form(knee, "roofline").convergence()).isTrue();
        assertThat(form(knee, "roofline").convergence()).contains("agree");
        assertThat(form(knee, "linear").converged()).isTrue();
    }

    @Test
    void formsWithTooFewLevelsOrObservationsAreSkippedWithANote() {
        Fitter fitter = new Fitter(FAST);
        SeriesFit three = fitter.fit(Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 3), 3, 0.02, 37,
                b -> 2e-3 + 3e-4 * b));
        assertThat(three.notes()).containsExactly("roofline needs 4 batch levels, have 3");
        assertThat(three.forms()).extracting(FormFit::form).containsExactly("linear");
        SeriesFit single = fitter.fit(Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 4), 1, 0.02, 37,
                b -> 2e-3 + 3e-4 * b));
        assertThat(single.notes()).containsExactly("linear needs 5 observations, have 4",
                "roofline needs 6 observations, have 4");
        assertThat(single.selected()).isNull();
        assertThat(single.sentence()).endsWith("no form could be fitted.");
        SeriesFit seq = fitter.fit(Synthetic.series(Synthetic.PREFILL, new double[] {64, 128, 256}, 3, 0.02, 37,
                s -> 1e-3 + 1e-6 * s));
        assertThat(seq.notes()).containsExactly("seq-quadratic needs 4 seq levels, have 3");
    }

    @Test
    void unusableObservationsAreDroppedWithANote() {
        Series s = linearSeries(38);
        double[] y = s.y();
        y[0] = Double.NaN;
        y[1] = -1;
        SeriesFit f = new Fitter(FAST).fit(new Series(s.key(), s.x(), y));
        assertThat(f.notes()).contains("dropped 2 of 15 observations with a non-positive or non-finite level or "
                + "latency");
        assertThat(f.x()).hasSize(13);
        assertThat(f.best().residuals()).hasSize(13);
        SeriesFit none = new Fitter(FAST).fit(new Series(s.key(), new double[] {1, 2}, new double[] {0, 0}));
        assertThat(none.forms()).isEmpty();
        assertThat(none.notes()).contains("no usable observations");
    }

    @Test
    void oneTrialPerPointGivesFitsWithoutIntervals() {
        SeriesFit f = new Fitter(FAST).fit(Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 7), 1, 0.02, 39,
                b -> 2e-3 + 3e-4 * b));
        FormFit lin = form(f, "linear");
        assertThat(lin.estimate("c").hasInterval()).isFalse();
        assertThat(lin.estimate("c").value()).isCloseTo(3e-4, withinPercentage(10));
        assertThat(lin.flags()).contains("one trial per point: the bootstrap cannot estimate the noise, so there are "
                + "no intervals");
    }

    @Test
    void theLinearSentenceLeadsWithTheMeasuredRangeAndLabelsTheSaturationAsExtrapolated() {
        SeriesFit f = new Fitter(FAST).fit(linearSeries(40));
        assertThat(f.sentence()).matches("gpt-1m fp32 prefill at seq 128, over batch: throughput reaches "
                + "2\\.\\d+k seq/s \\[2\\.\\d+k, 2\\.\\d+k] \\(fitted\\) at batch 16, the largest measured, "
                + "\\d+ % of the fitted ceiling: it has not saturated within the measured batches; extrapolated, "
                + "beyond the measured batches 1–16: saturation at 3\\.\\d+k seq/s \\[3\\.\\d+k, 3\\.\\d+k]; "
                + "90 % of it at batch \\d+ \\[\\d+, \\d+]\\. Linear step time, Akaike weight 0\\.\\d+; leaving "
                + "out the largest batch predicts it within [\\d.]+ %, the largest 2 within [\\d.]+ %\\.");
    }

    @Test
    void noSentenceSaysWhatTheFormImpliesWhateverTheData() {
        // under t = a + c·b one more doubling beyond b90 always adds 1/19 throughput and 90 % latency: never said
        Fitter fitter = new Fitter(FAST);
        for (SeriesFit f : List.of(fitter.fit(linearSeries(40)), fitter.fit(Synthetic.series(Synthetic.BATCH,
                Synthetic.powers(1, 2, 9), 3, 0.02, 34, b -> 2e-3 + 3e-4 * b)), fitter.fit(Synthetic.series(
                        Synthetic.BATCH, Synthetic.powers(1, 2, 8), 3, 0.01, 41,
                        b -> Math.max(1.5e-3 + 2e-5 * b, 1.2e-4 * b))))) {
            assertThat(f.sentence()).doesNotContain("doubling").doesNotContainPattern("\\d % latency")
                    .doesNotContain("grows in proportion to batch");
        }
    }

    @Test
    void otherFormsAreStatedInWords() {
        Fitter fitter = new Fitter(FAST);
        String roof = fitter.fit(Synthetic.series(Synthetic.BATCH, Synthetic.powers(1, 2, 8), 3, 0.01, 41,
                b -> Math.max(1.5e-3 + 2e-5 * b, 1.2e-4 * b))).sentence();
        assertThat(roof).contains("up to a knee at batch 15 [").contains("throughput is capped at 8.3")
                .contains("Roofline step time");
        String quad = fitter.fit(Synthetic.series(Synthetic.PREFILL, Synthetic.powers(32, 2, 8), 3, 0.01, 41,
                s -> 1e-3 + 2e-6 * s + 1e-9 * s * s)).sentence();
        assertThat(quad).contains("quadratic in sequence length: the s² term is 6").contains("at sequence length 4096");
        String dec = fitter.fit(Synthetic.series(Synthetic.DECODE, Synthetic.powers(32, 2, 8), 3, 0.01, 41,
                s -> 3e-3 + 4e-7 * s)).sentence();
        assertThat(dec).contains("each token of context adds 39").contains(" ns [")
                .contains("leaving out the largest context length predicts it within");
        String pow = fitter.fit(Synthetic.series(Synthetic.MODEL, Synthetic.powers(1e6, 10, 5), 3, 0.01, 41,
                n -> 1e-3 + 30e-3 * Math.pow(n / 1e9, 0.6))).sentence();
        assertThat(pow).contains("grows as N^γ with γ = 0.6").contains("at 1B parameters")
                .contains("Power law in parameter count");
    }

    @Test
    void oddDataNeverThrow() {
        Fitter fitter = new Fitter(FitOptions.DEFAULTS.withBootstrap(50));
        java.util.Random r = new java.util.Random(42);
        List<SeriesKey> keys = List.of(Synthetic.BATCH, Synthetic.PREFILL, Synthetic.DECODE, Synthetic.MODEL);
        for (int trial = 0; trial < 60; trial++) {
            int n = r.nextInt(25);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 5 == 0 ? 8 : Math.pow(2, r.nextInt(8)) * (trial % 7 == 0 ? 1e9 : 1);
                y[i] = switch (trial % 4) {
                    case 0 -> 1e-3;                                   // constant
                    case 1 -> Math.exp(r.nextGaussian() * 3) * 1e-3;  // wild noise
                    case 2 -> 1e-3 / x[i];                            // falling with the level
                    default -> r.nextInt(10) == 0 ? Double.NaN : 1e-3 * x[i] * x[i] * x[i];
                };
            }
            SeriesFit f = fitter.fit(new Series(keys.get(trial % keys.size()), x, y));
            assertThat(f.sentence()).isNotBlank();
            assertThat(f.forms().size() + f.notes().size()).isPositive();
        }
    }

    @Test
    void optionsAreChecked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Fitter(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FormFitter.percentile(new double[] {1, 2, 3, Double.NaN, 4, 5}, 0.5))
                .containsExactly(new double[] {2, 4}, within(1e-12));
        assertThat(FormFitter.percentile(new double[] {1, 2, Double.POSITIVE_INFINITY}, 0.9)[1]).isInfinite();
    }
}
