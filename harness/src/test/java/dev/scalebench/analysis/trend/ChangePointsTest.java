package dev.scalebench.analysis.trend;

import static dev.scalebench.analysis.trend.TrendFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangePointsTest {

    private static final TrendOptions O = TrendOptions.DEFAULTS;

    @Test
    void aTenPercentStepInTwoPercentNoiseIsFoundWhereItIs() {
        for (long seed = 0; seed < 50; seed++) {
            double[] x = series(seed, 60, 1e6, 0.02, 31, 0.10);
            List<ChangePoints.Change> c = ChangePoints.detect(x, O).changes();
            assertThat(c).as("seed %d", seed).hasSize(1);
            assertThat(c.get(0).index()).as("seed %d", seed).isBetween(30, 32);
            assertThat(c.get(0).relativeChange()).as("seed %d", seed).isBetween(0.07, 0.13);
            assertThat(c.get(0).p()).isLessThanOrEqualTo(O.maxP());
            assertThat(c.get(0).meanAfter()).isGreaterThan(c.get(0).meanBefore());
        }
    }

    @Test
    void aDropIsFoundWithItsSign() {
        double[] x = series(7, 60, 1e6, 0.02, 20, -0.10);
        List<ChangePoints.Change> c = ChangePoints.detect(x, O).changes();
        assertThat(c).hasSize(1);
        assertThat(c.get(0).index()).isBetween(19, 21);
        assertThat(c.get(0).relativeChange()).isBetween(-0.13, -0.07);
    }

    @Test
    void aFlatNoisySeriesHasNoChangePointInAtLeast99PercentOfSeeds() {
        int flagged = 0;
        for (long seed = 0; seed < 200; seed++) {
            if (!ChangePoints.detect(series(1000 + seed, 60, 1e6, 0.02, 60, 0), O).changes().isEmpty()) {
                flagged++;
            }
        }
        assertThat(flagged).as("seeds of 200 with a false change point").isLessThanOrEqualTo(2);
    }

    @Test
    void theMinimumMagnitudeFiltersASmallButSignificantStep() {
        double[] x = series(3, 60, 1e6, 0.005, 30, 0.03);
        ChangePoints.Change c = single(ChangePoints.detect(x, O.withMinMagnitude(0.02)).changes());
        assertThat(c.index()).isBetween(29, 31);
        assertThat(c.p()).as("clearly significant").isLessThan(1e-10);
        assertThat(ChangePoints.detect(x, O).changes()).as("3 %% is below the default 5 %%").isEmpty();
    }

    @Test
    void noSegmentIsShorterThanTheMinimum() {
        // the last two runs jump by 30 %: too short a segment for minimum 3, enough for minimum 2
        double[] x = series(11, 40, 1e6, 0.01, 38, 0.30);
        for (ChangePoints.Change c : ChangePoints.detect(x, O).changes()) {
            assertThat(c.index()).isLessThanOrEqualTo(37);
        }
        assertThat(single(ChangePoints.detect(x, O.withMinSegment(2)).changes()).index()).isEqualTo(38);
        // and on noisy multi-step series, every reported segment has at least the minimum
        for (long seed = 0; seed < 30; seed++) {
            double[] y = series(seed, 90, 1e6, 0.05, 45, 0.2);
            for (int min : new int[] {3, 5, 8}) {
                for (ChangePoints.Change c : ChangePoints.detect(y, O.withMinSegment(min).withMinMagnitude(0))
                        .changes()) {
                    assertThat(c.runsBefore()).isGreaterThanOrEqualTo(min);
                    assertThat(c.runsAfter()).isGreaterThanOrEqualTo(min);
                }
            }
        }
    }

    @Test
    void severalStepsAcrossWindowsAreEachFoundOnce() {
        double[] x = series(5, 150, 1e6, 0.02, 150, 0);
        for (int i = 40; i < 150; i++) {
            x[i] *= i < 100 ? 1.15 : 1.15 * 0.8;
        }
        List<ChangePoints.Change> c = ChangePoints.detect(x, O).changes();
        assertThat(c).hasSize(2);
        assertThat(c.get(0).index()).isBetween(39, 41);
        assertThat(c.get(1).index()).isBetween(99, 101);
        assertThat(c.get(0).relativeChange()).isPositive();
        assertThat(c.get(1).relativeChange()).isNegative();
    }

    @Test
    void constantAndNoiselessSeriesAreHandled() {
        double[] flat = new double[20];
        Arrays.fill(flat, 5);
        ChangePoints.Detection d = ChangePoints.detect(flat, O);
        assertThat(d.changes()).isEmpty();
        assertThat(d.screenP()).isEqualTo(1);

        double[] step = new double[20];
        Arrays.fill(step, 12, 20, 6);
        Arrays.fill(step, 0, 12, 5);
        ChangePoints.Change c = single(ChangePoints.detect(step, O).changes());
        assertThat(c.index()).isEqualTo(12);
        assertThat(c.p()).isZero();
        assertThat(c.relativeChange()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void isDeterministicAndTooShortSeriesAreNotTested() {
        double[] x = series(9, 80, 1e6, 0.03, 50, 0.12);
        assertThat(ChangePoints.detect(x, O)).isEqualTo(ChangePoints.detect(x.clone(), O));
        ChangePoints.Detection tiny = ChangePoints.detect(new double[] {1, 2, 3, 4, 5}, O);
        assertThat(tiny.changes()).isEmpty();
        assertThat(tiny.screenP()).isNaN();
    }

    @Test
    void optionsNameEveryProblem() {
        assertThat(O.problems()).isEmpty();
        List<String> p = new TrendOptions(List.of(), 3, 0, 1, -1).problems();
        assertThat(p).hasSize(5);
        assertThat(String.join("\n", p)).contains("--metric").contains("--window 3").contains("--max-p 0.0")
                .contains("--min-segment 1").contains("--min-magnitude -1.0");
        assertThat(O.withWindow(5).problems()).singleElement().asString().contains("--window 5");
        assertThat(O.weakP()).isEqualTo(0.01);
    }

    private static ChangePoints.Change single(List<ChangePoints.Change> c) {
        assertThat(c).hasSize(1);
        return c.get(0);
    }
}
