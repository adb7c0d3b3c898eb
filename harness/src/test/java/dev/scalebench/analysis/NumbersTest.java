package dev.scalebench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void significantDigitsInPlainNotation() {
        assertThat(Numbers.sig(0.00123456, 3)).isEqualTo("0.00123");
        assertThat(Numbers.sig(4567.8, 3)).isEqualTo("4570");
        assertThat(Numbers.sig(2.0, 3)).isEqualTo("2");
        assertThat(Numbers.sig(-0.0, 3)).isEqualTo("0");
        assertThat(Numbers.sig(Double.NaN, 3)).isEqualTo("n/a");
    }

    @Test
    void siPrefixesRoundBeforeChoosingThePrefix() {
        assertThat(Numbers.si(3140)).isEqualTo("3.14k");
        assertThat(Numbers.si(999.7)).isEqualTo("1k");
        assertThat(Numbers.si(12.4e6)).isEqualTo("12.4M");
        assertThat(Numbers.si(0.25)).isEqualTo("250m");
        assertThat(Numbers.si(0)).isEqualTo("0");
        assertThat(Numbers.seconds(1.234e-3)).isEqualTo("1.23 ms");
        assertThat(Numbers.seconds(812e-9)).isEqualTo("812 ns");
        assertThat(Numbers.seconds(45.6e-6)).isEqualTo("45.6 µs");
        assertThat(Numbers.si(3.35e12, "B/s")).isEqualTo("3.35 TB/s");
    }

    @Test
    void percentagesAndIntervals() {
        assertThat(Numbers.percent(0.042)).isEqualTo("4.2 %");
        assertThat(Numbers.percent(0.953)).isEqualTo("95 %");
        assertThat(Numbers.interval(2900, 3300, Numbers::si)).isEqualTo("[2.9k, 3.3k]");
        assertThat(Numbers.interval(Double.NaN, 1, Numbers::si)).isEmpty();
        assertThat(Numbers.interval(10400, Double.POSITIVE_INFINITY, Numbers::si)).isEqualTo("[10.4k, ∞]");
    }

    @Test
    void theDefaultLocaleDoesNotMatter() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Numbers.percent(0.953)).isEqualTo("95 %");
            assertThat(Numbers.seconds(1.5e-3)).isEqualTo("1.5 ms");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
