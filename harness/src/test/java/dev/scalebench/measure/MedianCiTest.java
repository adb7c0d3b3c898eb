package dev.scalebench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MedianCiTest {

    @Test
    void shrinksLikeOneOverRootN() {
        SplittableRandom rnd = new SplittableRandom(1);
        Histogram small = TrialRunner.newHistogram();
        Histogram large = TrialRunner.newHistogram();
        for (int i = 0; i < 100_000; i++) {
            long v = 1_000_000 + rnd.nextLong(200_000);
            if (i < 1_000) {
                small.recordValue(v);
            }
            large.recordValue(v);
        }
        double w1 = MedianCi.relativeHalfWidth(small);
        double w2 = MedianCi.relativeHalfWidth(large);
        // uniform on [1.0, 1.2] ms: density 1/0.2 per ms, half-width ≈ 1.96·√n/2 / (n·density)
        assertThat(w1).isBetween(0.004, 0.008);
        assertThat(w2 / w1).isBetween(0.05, 0.2);
    }

    @Test
    void tooFewSamplesGiveInfinity() {
        Histogram h = TrialRunner.newHistogram();
        h.recordValue(5);
        assertThat(MedianCi.relativeHalfWidth(h)).isInfinite();
    }
}
