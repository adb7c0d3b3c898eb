package dev.scalebench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultiplicityTest {

    /** Values from R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm") and "BH". */
    @Test
    void matchesRsPAdjust() {
        double[] p = {0.01, 0.04, 0.03, 0.005, 0.5};
        assertThat(Multiplicity.holm(p)).containsExactly(new double[] {0.04, 0.09, 0.09, 0.025, 0.5},
                within(1e-12));
        assertThat(Multiplicity.benjaminiHochberg(p)).containsExactly(
                new double[] {0.025, 0.05, 0.05, 0.025, 0.5}, within(1e-12));
    }

    @Test
    void nanIsOutsideTheFamily() {
        double[] adj = Multiplicity.holm(new double[] {0.01, Double.NaN, 0.02});
        assertThat(adj[1]).isNaN();
        assertThat(adj[0]).isCloseTo(0.02, within(1e-12));
        assertThat(adj[2]).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void adjustedValuesAreCappedAtOneAndKeepTheOrder() {
        double[] p = {0.9, 0.6, 0.7};
        assertThat(Multiplicity.holm(p)).containsOnly(1.0);
        double[] bh = Multiplicity.benjaminiHochberg(p);
        assertThat(bh[1]).isLessThanOrEqualTo(bh[2]);
        assertThat(bh[2]).isLessThanOrEqualTo(bh[0]);
    }
}
