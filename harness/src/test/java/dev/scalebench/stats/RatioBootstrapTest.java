package dev.scalebench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatioBootstrapTest {

    @Test
    void theEstimateIsTheRatioOfMedians() {
        RatioBootstrap b = RatioBootstrap.of(new double[] {10, 12, 11}, new double[] {30, 33, 36}, 1000, 1);
        assertThat(b.ratio()).isCloseTo(3.0, within(1e-12));
        assertThat(b.interval(0.9).contains(3.0)).isTrue();
        assertThat(b.quantile(0)).isGreaterThanOrEqualTo(30 / 12.0 - 1e-12);
        assertThat(b.quantile(1)).isLessThanOrEqualTo(36 / 10.0 + 1e-12);
    }

    @Test
    void pValuesAreTailSharesAndNeverZero() {
        RatioBootstrap b = RatioBootstrap.of(new double[] {10, 12, 11, 10.5, 11.5},
                new double[] {20, 21, 22, 20.5, 21.5}, 2000, 7);
        assertThat(b.pAtMost(1.5)).isCloseTo(1 / 2001.0, within(1e-12));
        assertThat(b.pAtLeast(1.5)).isCloseTo(1.0, within(1e-12));
        assertThat(b.pAtMost(1.9)).isLessThan(b.pAtMost(2.0));
    }

    @Test
    void isDeterministicForASeed() {
        double[] x = {1, 2, 3, 4};
        double[] y = {2, 3, 4, 5};
        assertThat(RatioBootstrap.of(x, y, 500, 3).quantile(0.1)).isEqualTo(RatioBootstrap.of(x, y, 500, 3).quantile(0.1));
    }

    @Test
    void inflationWidensTheIntervalAndKeepsTheEstimate() {
        double[] x = {10, 11, 12, 13, 14};
        double[] y = {12, 13, 14, 15, 16};
        RatioBootstrap plain = RatioBootstrap.of(x, y, 4000, 5, false);
        RatioBootstrap inflated = RatioBootstrap.of(x, y, 4000, 5, true);
        assertThat(inflated.ratio()).isEqualTo(plain.ratio());
        Interval a = plain.interval(0.9);
        Interval b = inflated.interval(0.9);
        assertThat(b.hi() - b.lo()).isGreaterThan(a.hi() - a.lo());
    }

    @Test
    void rejectsValuesARatioCannotUse() {
        assertThatThrownBy(() -> RatioBootstrap.of(new double[] {}, new double[] {1}, 100, 1))
                .hasMessageContaining("baseline has no values");
        assertThatThrownBy(() -> RatioBootstrap.of(new double[] {1}, new double[] {0}, 100, 1))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> RatioBootstrap.of(new double[] {1}, new double[] {1}, 10, 1))
                .hasMessageContaining("100 resamples");
    }
}
