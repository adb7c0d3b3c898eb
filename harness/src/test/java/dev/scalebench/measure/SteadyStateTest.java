package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SteadyStateTest {

    @Test
    void needsFourFullWindows() {
        SteadyState s = new SteadyState(3);
        for (int i = 0; i < 11; i++) {
            s.add(100);
        }
        assertThat(s.isSteady(0.5)).isFalse();
        s.add(100);
        assertThat(s.isSteady(0.5)).isTrue();
        assertThat(s.cv()).isZero();
    }

    @Test
    void cvOfWindowMediansIgnoresSingleOutliers() {
        SteadyState s = new SteadyState(5);
        for (int i = 0; i < 20; i++) {
            s.add(i % 7 == 0 ? 10_000 : 100);
        }
        assertThat(s.cv()).isZero();
    }

    @Test
    void trendingLatencyIsNotSteady() {
        SteadyState s = new SteadyState(5);
        for (int i = 0; i < 20; i++) {
            s.add(100 + 10L * i);
        }
        // window medians 120, 170, 220, 270: mean 195, sd 64.5
        assertThat(s.cv()).isCloseTo(64.55 / 195, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(s.isSteady(0.05)).isFalse();
    }
}
