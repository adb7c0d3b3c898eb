package dev.scalebench.analysis.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.Fitter;
import dev.scalebench.analysis.fit.Series;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FitPrecision} on a synthetic pilot of known noise: a series over seq, t(s) = 2 ms + 20 µs·s at six
 * levels, three log-normal trials per level, fitted as the analysis fits a pilot (no intervals).
 */
class FitPrecisionTest {
    private static final FitPrecision.Sizing SIZING = FitPrecision.Sizing.DEFAULT;

    @Test
    void lowerNoiseNeedsFewerReplicates() {
        FitPrecision.SeriesAnswer quiet = answer(pilot(0.01), 0.05);
        FitPrecision.SeriesAnswer noisy = answer(pilot(0.06), 0.05);
        assertThat(quiet.sized()).isTrue();
        assertThat(quiet.reached()).isTrue();
        assertThat(quiet.replicates()).isLessThan(noisy.replicates());
    }

    @Test
    void aLooserTargetNeedsFewerReplicates() {
        SeriesFit pilot = pilot(0.06);
        FitPrecision.SeriesAnswer tight = answer(pilot, 0.05);
        FitPrecision.SeriesAnswer loose = answer(pilot, 0.15);
        assertThat(loose.reached()).isTrue();
        assertThat(loose.replicates()).isLessThan(tight.replicates());
    }

    @Test
    void theChosenReplicatesRealiseTheTargetInTheSameSimulation() {
        SeriesFit pilot = pilot(0.04);
        double target = 0.05;
        FitPrecision.Result r = FitPrecision.of(List.of(pilot), target, 3, SIZING);
        FitPrecision.SeriesAnswer a = r.series().get(0);
        assertThat(a.reached()).as("answer %s", a).isTrue();
        assertThat(r.replicates()).isEqualTo(a.replicates());
        Map<String, Double> widths = FitPrecision.medianWidths(pilot, a.replicates(), SIZING);
        assertThat(widths).isNotEmpty().allSatisfy((p, w) -> assertThat(w).as(p).isLessThanOrEqualTo(target));
        if (a.replicates() > r.candidates().get(0)) {
            int below = r.candidates().get(r.candidates().indexOf(a.replicates()) - 1);
            assertThat(FitPrecision.medianWidths(pilot, below, SIZING).values())
                    .as("the candidate below %d misses the target", a.replicates()).anyMatch(w -> w > target);
        }
    }

    @Test
    void aSeriesWithOneTrialPerPointIsNotSizedAndSaysWhy() {
        SeriesFit one = fit(data(0.02, 1));
        FitPrecision.SeriesAnswer a = answer(one, 0.05);
        assertThat(a.sized()).isFalse();
        assertThat(a.note()).contains("one trial per point");
    }

    @Test
    void aTargetOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> FitPrecision.of(List.of(), 1.5, 3, SIZING)).hasMessageContaining("1.5");
    }

    private static FitPrecision.SeriesAnswer answer(SeriesFit pilot, double target) {
        return FitPrecision.of(List.of(pilot), target, 3, SIZING).series().get(0);
    }

    private static SeriesFit pilot(double sigma) {
        return fit(data(sigma, 3));
    }

    private static SeriesFit fit(Series s) {
        SeriesFit f = new Fitter(new FitOptions(0, 1, 0.95, 2.0, 0)).fit(s);
        assertThat(f.selected()).isNotNull();
        return f;
    }

    private static Series data(double sigma, int trials) {
        int[] levels = {16, 32, 64, 128, 256, 512};
        double[] x = new double[levels.length * trials];
        double[] y = new double[x.length];
        SplittableRandom rng = new SplittableRandom(42);
        int i = 0;
        for (int s : levels) {
            for (int t = 0; t < trials; t++) {
                double z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
                x[i] = s;
                y[i++] = (2e-3 + 20e-6 * s) * Math.exp(sigma * z);
            }
        }
        return new Series(new SeriesKey(Axis.SEQ, "m", "fp32", "prefill", 1, 0), x, y);
    }
}
