package dev.scalebench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementTest {

    @Test
    void comparesTheMediansOfTheRounds() {
        Agreement a = new Agreement(List.of(1000.0, 5000.0, 1010.0), List.of(1020.0, 1015.0, 900.0, 2000.0), 0.03);
        assertThat(a.jmhMedian()).isEqualTo(1010.0);
        assertThat(a.harnessMedian()).isEqualTo(1017.5);
        // rounds' ratios 1.02, 0.203, 0.891: the median pairs the rounds, unlike the ratio of the medians (1.0074)
        assertThat(a.ratio()).isCloseTo(0.891089, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(a.agrees()).isFalse();
        assertThat(a.describe()).contains("median").contains("ratio of the medians: 1.0074").containsPattern("4 +- +2000.0");
    }

    @Test
    void disagreesBeyondTheTolerance() {
        Agreement a = new Agreement(List.of(1000.0), List.of(1031.0), 0.03);
        assertThat(a.agrees()).isFalse();
        assertThat(a.describe()).contains("DISAGREE").contains("+3.10 %");
        assertThat(new Agreement(List.of(1000.0), List.of(975.0), 0.03).agrees()).isTrue();
    }

    @Test
    void refusesNoRounds() {
        assertThatThrownBy(() -> new Agreement(List.of(), List.of(1.0), 0.03))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
