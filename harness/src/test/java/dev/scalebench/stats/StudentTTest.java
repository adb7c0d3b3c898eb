package dev.scalebench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {

    @Test
    void tableValues() {
        assertThat(StudentT.quantile(2, 0.975)).isCloseTo(4.303, within(5e-4));
        assertThat(StudentT.quantile(1, 0.975)).isCloseTo(12.706, within(5e-4));
        assertThat(StudentT.quantile(4, 0.975)).isCloseTo(2.776, within(5e-4));
        assertThat(StudentT.quantile(10, 0.95)).isCloseTo(1.812, within(5e-4));
        assertThat(StudentT.quantile(30, 0.5)).isCloseTo(0.0, within(1e-12));
        assertThat(StudentT.critical(9, 0.95)).isCloseTo(2.262, within(5e-4));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> StudentT.quantile(0, 0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StudentT.quantile(3, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StudentT.critical(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
