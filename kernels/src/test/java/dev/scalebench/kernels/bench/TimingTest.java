package dev.scalebench.kernels.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The protocol's arithmetic: warm-up length, launches per repetition, the spacer's hold, median and minimum. */
class TimingTest {

    @Test
    void launchesPerRepetitionFillTheRepetitionWithinBounds() {
        assertThat(Timing.launchesPerRep(1_000_000, 10_000_000)).isEqualTo(10);        // 1 ms kernels, 10 ms reps
        assertThat(Timing.launchesPerRep(3_000_000, 10_000_000)).isEqualTo(4);         // rounded up
        assertThat(Timing.launchesPerRep(30_000_000, 10_000_000)).isEqualTo(1);        // longer than a rep
        assertThat(Timing.launchesPerRep(3_000, 10_000_000)).isEqualTo(Timing.MAX_LAUNCHES_PER_REP);
        assertThat(Timing.launchesPerRep(0, 10_000_000)).isEqualTo(Timing.MAX_LAUNCHES_PER_REP);
        assertThat(Timing.launchesPerRep(5_000, 0)).isEqualTo(1);
    }

    @Test
    void warmUpIsLongEnoughInLaunchesAndInTime() {
        assertThat(Timing.warmupLaunches(10, 50_000_000, 1_000_000)).isEqualTo(50);    // 50 ms of 1 ms launches
        assertThat(Timing.warmupLaunches(10, 50_000_000, 20_000_000)).isEqualTo(10);   // the count wins
        assertThat(Timing.warmupLaunches(10, 50_000_000, 1_000)).isEqualTo(Timing.MAX_WARMUP_LAUNCHES);
        assertThat(Timing.warmupLaunches(0, 0, 1_000)).isEqualTo(1);                   // never none
    }

    @Test
    void theSpacerOutlastsTheHostsQueueing() {
        assertThat(Timing.holdNanos(500, 5_000)).isEqualTo(3_750_000 + Timing.HOLD_MARGIN_NANOS);
        assertThat(Timing.holdNanos(1, 0)).isEqualTo(Timing.HOLD_MARGIN_NANOS);
        assertThat(Spacer.iters(3_770_000, 270)).isEqualTo(13_963);                    // ceil(3770000 / 270)
        assertThat(Spacer.iters(1, 1000)).isEqualTo(1);
        assertThat(Spacer.iters(Long.MAX_VALUE, 1)).isEqualTo((int) Spacer.MAX_HOLD_NANOS);
        assertThat(Spacer.iters(Spacer.MAX_HOLD_NANOS, 1e-9)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void medianAndMinimumOverRepetitions() {
        assertThat(Timing.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(Timing.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        double[] v = {2, 9, 7};
        assertThat(Timing.min(v)).isEqualTo(2);
        assertThat(v).containsExactly(2, 9, 7);                                        // not sorted in place
    }
}
