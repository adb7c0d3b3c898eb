package dev.scalebench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void meanAndSampleStdev() {
        double[] x = {2, 4, 4, 4, 5, 5, 7, 9};
        assertThat(Stats.mean(x)).isEqualTo(5.0);
        // sum of squared deviations = 32, n - 1 = 7
        assertThat(Stats.variance(x)).isCloseTo(32.0 / 7, within(1e-12));
        assertThat(Stats.stdev(x)).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    }

    @Test
    void stdevIsStableForLargeOffsets() {
        double[] x = {1e9 + 1, 1e9 + 2, 1e9 + 3};
        assertThat(Stats.stdev(x)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void emptyAndSingleSamples() {
        assertThat(Stats.mean(new double[0])).isNaN();
        assertThat(Stats.median(new double[0])).isNaN();
        assertThat(Stats.stdev(new double[] {3})).isNaN();
        assertThat(Stats.median(new double[] {3})).isEqualTo(3.0);
        Interval ci = Stats.meanCi95(new double[] {3});
        assertThat(ci.lo()).isNaN();
        assertThat(ci.hi()).isNaN();
        assertThat(ci.isDefined()).isFalse();
    }

    @Test
    void medianAndType7Quantiles() {
        double[] x = {4, 1, 3, 2};
        assertThat(Stats.median(x)).isEqualTo(2.5);
        assertThat(Stats.quantile(x, 0.25)).isCloseTo(1.75, within(1e-12));
        assertThat(Stats.quantile(x, 0.0)).isEqualTo(1.0);
        assertThat(Stats.quantile(x, 1.0)).isEqualTo(4.0);
        assertThat(Stats.quantile(x, 0.9)).isCloseTo(3.7, within(1e-12));
        assertThat(Stats.median(new double[] {5, 1, 3})).isEqualTo(3.0);
        assertThat(x).containsExactly(4, 1, 3, 2); // argument untouched
        assertThatThrownBy(() -> Stats.quantile(x, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void studentTConfidenceIntervalOfTheMean() {
        // mean 2, s = 1, n = 3: 2 +- 4.302653 / sqrt(3)
        Interval ci = Stats.meanCi95(new double[] {1, 2, 3});
        double half = 4.302653 / Math.sqrt(3);
        assertThat(ci.lo()).isCloseTo(2 - half, within(1e-5));
        assertThat(ci.hi()).isCloseTo(2 + half, within(1e-5));
        assertThat(ci.halfWidth()).isCloseTo(half, within(1e-5));
        assertThat(ci.contains(2)).isTrue();

        // n = 5, mean 10, s = sqrt(2.5): t(4, 0.975) = 2.776445
        Interval ci5 = Stats.meanCi95(new double[] {8, 9, 10, 11, 12});
        assertThat(ci5.halfWidth()).isCloseTo(2.776445 * Math.sqrt(2.5) / Math.sqrt(5), within(1e-5));
    }

    @Test
    void zeroSpreadCollapsesToTheMean() {
        Interval ci = Stats.meanCi95(new double[] {7, 7, 7});
        assertThat(ci.lo()).isEqualTo(7.0);
        assertThat(ci.hi()).isEqualTo(7.0);
    }

    @Test
    void geometricMeanAndItsLogScaleIntervalStayPositive() {
        double[] x = {1e6, 1e6, 9e6};
        assertThat(Stats.geometricMean(x)).isCloseTo(Math.cbrt(9e18), org.assertj.core.data.Offset.offset(1e-3));
        Interval plain = Stats.meanCi95(x);
        Interval geo = Stats.geometricMeanCi95(x);
        assertThat(plain.lo()).isNegative();
        assertThat(geo.lo()).isPositive();
        assertThat(geo.lo()).isLessThan(Stats.geometricMean(x));
        assertThat(geo.hi()).isGreaterThan(Stats.geometricMean(x));
        assertThat(Stats.geometricMeanCi95(new double[] {1, -1}).isDefined()).isFalse();
        assertThat(Stats.geometricMean(new double[] {2, 0})).isNaN();
    }
}
