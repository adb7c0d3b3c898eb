package dev.scalebench.analysis.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Memory's form is chosen like latency's, by AICc: an exact line stays a line, a clear parabola (attention scores
 * along seq) is recognised with its {@code x²} coefficient inside its interval, noise about a line does not turn it
 * into a parabola in most seeds, and a series with too few levels is fitted as a line, saying why.
 */
class MemoryFormSelectionTest {
    private static final double[] SEQ = {16, 32, 64, 128, 256, 512, 1024};
    private static final double[] BATCH = {1, 2, 4, 8, 16, 32, 64};

    @Test
    void anExactLineIsALine() {
        double[] y = new double[BATCH.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 4_000_000 + 250_000 * BATCH[i];
        }
        MemoryFit f = MemoryFit.of("batch:m/fp32/prefill/s64", "batch", BATCH, y);
        assertThat(f.form()).isEqualTo(MemoryForm.LINEAR);
        assertThat(f.akaikeWeight()).isGreaterThan(0.99);
        assertThat(f.quadraticBytes()).isZero();
        assertThat(f.quadraticCi().isDefined()).isFalse();
        assertThat(f.slopeBytes()).isCloseTo(250_000, within(1e-3));
        assertThat(f.interceptBytes()).isCloseTo(4_000_000, within(1e-2));
        assertThat(f.note()).isNull();
        assertThat(f.band().fit()[0]).isCloseTo(f.at(1), within(1e-3));
    }

    @Test
    void aClearParabolaIsAParabolaWithItsCoefficientInsideItsInterval() {
        int seeds = 200;
        int parabolas = 0;
        int covered = 0;
        for (long seed = 0; seed < seeds; seed++) {
            // additive noise, as the fit assumes: 1 % of the mean reading
            double[] y = noisy(SEQ, s -> 4e6 + 2e4 * s + 30 * s * s, 0.01 * 1.5e7, false,
                    new SplittableRandom(seed));
            MemoryFit f = MemoryFit.of("seq:m/fp32/prefill/b4", "seq", SEQ, y);
            parabolas += f.form() == MemoryForm.QUADRATIC ? 1 : 0;
            covered += f.quadraticCi().contains(30) ? 1 : 0;
            if (seed == 0) {
                assertThat(f.akaikeWeight()).isGreaterThan(0.95);
                assertThat(f.quadraticBytes()).isCloseTo(30, within(3.0));
                assertThat(f.maxAbsRelResidual()).isLessThan(0.05);
            }
        }
        assertThat(parabolas).isEqualTo(seeds);
        assertThat(covered / (double) seeds).as("coverage of the x² coefficient's 95 % interval")
                .isBetween(0.90, 0.99);
    }

    @Test
    void noiseAboutALineRarelyTurnsItIntoAParabola() {
        int seeds = 200;
        int additive = 0;
        int proportional = 0;
        for (long seed = 0; seed < seeds; seed++) {
            double[] y = noisy(BATCH, b -> 4e6 + 2.5e5 * b, 0.02 * 1.2e7, false, new SplittableRandom(seed));
            additive += MemoryFit.of("batch:m/fp32/decode/s64", "batch", BATCH, y).form() == MemoryForm.LINEAR ? 1 : 0;
            double[] z = noisy(BATCH, b -> 4e6 + 2.5e5 * b, 0.02, true, new SplittableRandom(seed));
            proportional += MemoryFit.of("batch:m/fp32/decode/s64", "batch", BATCH, z).form() == MemoryForm.LINEAR
                    ? 1 : 0;
        }
        // AICc's penalty at 7 levels asks the parabola to cut the RSS by e^2: under a line with the noise the fit
        // assumes (additive), P(F(1,4) > 25.6) < 1 %
        assertThat(additive).isGreaterThanOrEqualTo(190);
        // noise proportional to the reading weighs the largest levels most, and flips a few more
        assertThat(proportional).isGreaterThanOrEqualTo(175);
    }

    @Test
    void tooFewLevelsForTheParabolaGiveTheLineAndSayWhy() {
        double[] x = {16, 64, 256, 1024};
        double[] y = {4e6 + 30 * 16 * 16, 4e6 + 30 * 64 * 64, 4e6 + 30 * 256 * 256, 4e6 + 30 * 1024 * 1024};
        MemoryFit f = MemoryFit.of("seq:m/fp32/prefill/b1", "seq", x, y);
        assertThat(f.form()).isEqualTo(MemoryForm.LINEAR);
        assertThat(f.akaikeWeight()).isEqualTo(1.0);
        assertThat(f.note()).contains("needs 6 levels, the series has 4");
        assertThat(f.maxAbsRelResidual()).as("the line's misfit shows").isGreaterThan(0.1);
    }

    @Test
    void theBandHoldsTheCurve() {
        double[] y = noisy(SEQ, s -> 4e6 + 2e4 * s + 30 * s * s, 1e5, false, new SplittableRandom(7));
        MemoryFit f = MemoryFit.of("seq:m/fp32/prefill/b4", "seq", SEQ, y);
        Band b = f.band();
        assertThat(b.x()[0]).isEqualTo(16);
        assertThat(b.x()[b.x().length - 1]).isCloseTo(1024, within(1e-9));
        for (int i = 0; i < b.x().length; i++) {
            assertThat(b.lo()[i]).isLessThanOrEqualTo(b.fit()[i]);
            assertThat(b.hi()[i]).isGreaterThanOrEqualTo(b.fit()[i]);
            assertThat(b.fit()[i]).isCloseTo(f.at(b.x()[i]), within(1e-6 * f.at(b.x()[i])));
        }
    }

    /**
     * The truth at each level plus Gaussian noise, rounded to whole bytes: of standard deviation {@code sd} bytes,
     * or, {@code proportional}, {@code sd} times the truth.
     */
    private static double[] noisy(double[] x, java.util.function.DoubleUnaryOperator truth, double sd,
            boolean proportional, SplittableRandom rnd) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double t = truth.applyAsDouble(x[i]);
            y[i] = Math.rint(t + (proportional ? sd * t : sd) * gaussian(rnd));
        }
        return y;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
