package dev.scalebench.analysis.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.Fitter;
import dev.scalebench.analysis.fit.Series;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Does a design sized by {@code --fit-precision} reach the stated precision? The sizing (3 simulations of 100
 * resamples) picks n for a ±5 % target on a pilot of known noise; the design at that n is then simulated afresh over
 * 200 seeds with the analysis's full bootstrap (2000 resamples), and its median relative half-width must meet the
 * target within simulation error (10 %: the sizing's own three-run median). Tag slow:
 * {@code ./mvnw -o -Pslow -Dkernels.skip=true -pl harness -am test -Dtest=FitPrecisionValidationTest}.
 */
@Tag("slow")
class FitPrecisionValidationTest {

    @Test
    void aDesignSizedForFivePercentReachesItOverTwoHundredSeeds() {
        double target = 0.05;
        for (double sigma : new double[] {0.04, 0.10, 0.16}) {
            SeriesFit pilot = new Fitter(new FitOptions(0, 1, 0.95, 2.0, 0)).fit(data(sigma, 3, 42));
            FitPrecision.Result sized = FitPrecision.of(List.of(pilot), target, 3, FitPrecision.Sizing.DEFAULT);
            FitPrecision.SeriesAnswer a = sized.series().get(0);
            assertThat(a.reached()).as("sized %s", a).isTrue();
            Map<String, Double> realised = FitPrecision.medianWidths(pilot, a.replicates(),
                    new FitPrecision.Sizing(200, 2000, 7));
            System.out.printf(java.util.Locale.ROOT, "sigma %.2f: n = %d, realised median half-widths %s%n", sigma,
                    a.replicates(), realised);
            assertThat(realised).isNotEmpty().allSatisfy((p, w) -> assertThat(w).as("sigma %s, %s", sigma, p)
                    .isLessThanOrEqualTo(target * 1.10));
            int i = sized.candidates().indexOf(a.replicates());
            if (i > 0) { // and the candidate below misses it: the design is not oversized
                Map<String, Double> below = FitPrecision.medianWidths(pilot, sized.candidates().get(i - 1),
                        new FitPrecision.Sizing(200, 2000, 7));
                System.out.printf(java.util.Locale.ROOT, "  n = %d: %s%n", sized.candidates().get(i - 1), below);
                assertThat(below.values()).as("sigma %s, n below", sigma).anyMatch(w -> w > target * 0.9);
            }
        }
    }

    /** t(s) = 2 ms + 20 µs·s at six seq levels, {@code trials} log-normal trials per level. */
    private static Series data(double sigma, int trials, long seed) {
        int[] levels = {16, 32, 64, 128, 256, 512};
        double[] x = new double[levels.length * trials];
        double[] y = new double[x.length];
        SplittableRandom rng = new SplittableRandom(seed);
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
