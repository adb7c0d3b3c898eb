package dev.scalebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.backend.cuda.CalibrationResult.Measurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The measurement protocol of {@link Calibration}, on fake probes and a fake device clock. */
class CalibrationTest {
    private static final long MIB = 1L << 20;
    private static final CalibrationSettings S = CalibrationSettings.DEFAULTS.withRepetitions(9)
            .withWarmup(Duration.ofMillis(200));

    /** A device whose probe moves {@code work} per launch at a rate that the test sets per timed call. */
    private static final class FakeDevice implements Calibration.DeviceTimer {
        final List<Double> rates = new ArrayList<>();
        final List<Integer> launchesPerCall = new ArrayList<>();
        final List<Long> nanosPerCall = new ArrayList<>();
        int calls;
        int pending;
        double work;

        CalibrationProbe probe(double workPerLaunch) {
            work = workPerLaunch;
            return new CalibrationProbe() {
                @Override
                public String setup() {
                    return "fake";
                }

                @Override
                public double workPerLaunch() {
                    return work;
                }

                @Override
                public void launch() {
                    pending++;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public long nanos(Runnable enqueue) {
            pending = 0;
            enqueue.run();
            double rate = rates.get(calls++ % rates.size());
            long ns = Math.round(pending * work / rate * 1e9);
            launchesPerCall.add(pending);
            nanosPerCall.add(ns);
            return ns;
        }
    }

    @Test
    void theBestRepetitionIsTheCeilingAndTheMedianStandsBeside() {
        FakeDevice dev = new FakeDevice();
        dev.rates.add(3.0e12);
        // 800 MiB per launch at 3 TB/s: 0.28 ms; a repetition of >= 20 ms needs 72 launches
        Measurement steady = Calibration.measure(CalibrationTarget.COPY, dev.probe(800.0 * MIB), dev, S);
        assertThat(steady.launchesPerRepetition()).isEqualTo(72);
        assertThat(steady.bestRate()).isCloseTo(3.0e12, within(1e6));

        // the 9 timed repetitions run at 2.0 .. 3.0 TB/s, after a warm-up at 2.9 TB/s
        FakeDevice varied = new FakeDevice();
        Measurement m = measureWithTail(varied, varied.probe(800.0 * MIB), 2.9e12, new double[] {2.5e12, 3.0e12,
                2.0e12, 2.9e12, 2.8e12, 2.6e12, 2.7e12, 2.4e12, 2.2e12});
        assertThat(m.repetitions()).isEqualTo(9);
        assertThat(m.bestRate()).isCloseTo(3.0e12, within(3e8));
        assertThat(m.medianRate()).isCloseTo(2.6e12, within(3e8));
        assertThat(m.worstRate()).isCloseTo(2.0e12, within(3e8));
        assertThat(m.spread()).isCloseTo(3.0 / 2.6 - 1, within(1e-3));
        assertThat(Calibration.unstable(List.of(m))).singleElement().asString().startsWith("copy: the best repetition"
                + " is 15.4 % above the median");
    }

    /**
     * Runs {@link Calibration#measure} where the warm-up runs at {@code warm} and the timed repetitions (the last
     * {@code tail.length} calls) at {@code tail}.
     */
    private static Measurement measureWithTail(FakeDevice dev, CalibrationProbe p, double warm, double[] tail) {
        // a dry run at a steady rate finds how many calls the warm-up takes
        FakeDevice dry = new FakeDevice();
        dry.rates.add(warm);
        Calibration.measure(CalibrationTarget.COPY, dry.probe(p.workPerLaunch()), dry, S);
        for (int i = 0; i < dry.calls - tail.length; i++) {
            dev.rates.add(warm);
        }
        for (double r : tail) {
            dev.rates.add(r);
        }
        return Calibration.measure(CalibrationTarget.COPY, p, dev, S);
    }

    @Test
    void warmUpRunsAtLeastItsTimeBeforeTheTimedRepetitions() {
        FakeDevice dev = new FakeDevice();
        dev.rates.add(1e12);
        Calibration.measure(CalibrationTarget.TRIAD, dev.probe(96.0 * MIB), dev, S);
        int timed = S.repetitions();
        long warm = dev.nanosPerCall.subList(0, dev.calls - timed).stream().mapToLong(Long::longValue).sum();
        assertThat(warm).isGreaterThanOrEqualTo(S.warmup().toNanos());
        assertThat(dev.launchesPerCall.get(0)).isEqualTo(1); // the first call times one launch
        // every timed repetition lasts the repetition time or more, and not much more
        for (long ns : dev.nanosPerCall.subList(dev.calls - timed, dev.calls)) {
            assertThat(ns).isBetween(S.repetitionTime().toNanos(), S.repetitionTime().toNanos() * 11 / 10);
        }
    }

    @Test
    void computeProbesAreScaledUntilOneLaunchLastsTheMinimumLaunchTime() {
        FakeDevice dev = new FakeDevice();
        dev.rates.add(1e15); // 1 PFLOP/s
        List<Long> opened = new ArrayList<>();
        List<Long> closed = new ArrayList<>();
        Measurement m = Calibration.compute(CalibrationTarget.BF16, n -> {
            opened.add(n);
            CalibrationProbe inner = dev.probe(n * 1e6); // 1 MFLOP per iteration: 1 ns per iteration
            return new CalibrationProbe() {
                @Override
                public String setup() {
                    return n + " iterations";
                }

                @Override
                public double workPerLaunch() {
                    return inner.workPerLaunch();
                }

                @Override
                public void launch() {
                    inner.launch();
                }

                @Override
                public void close() {
                    closed.add(n);
                }
            };
        }, dev, S);
        assertThat(opened.get(0)).isEqualTo(Calibration.START_ITERATIONS);
        assertThat(opened.get(opened.size() - 1) * 1e-9).isGreaterThanOrEqualTo(S.minLaunchTime().toNanos() * 1e-9);
        assertThat(closed).containsExactlyElementsOf(opened);
        assertThat(m.setup()).isEqualTo(opened.get(opened.size() - 1) + " iterations");
        assertThat(m.bestRate()).isCloseTo(1e15, within(1e9));
        assertThat(opened).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void buffersDefeatTheL2WithinTheFreeMemory() {
        List<String> notes = new ArrayList<>();
        long h100L2 = 50 * MIB;
        assertThat(Calibration.bufferBytes(CalibrationTarget.TRIAD, h100L2, 80L << 30, S, notes)).isEqualTo(400 * MIB);
        assertThat(Calibration.bufferBytes(CalibrationTarget.COPY, 4 * MIB, 80L << 30, S, notes)).isEqualTo(256 * MIB);
        assertThat(Calibration.bufferBytes(CalibrationTarget.COPY, 40 * MIB + 1, 80L << 30, S, notes))
                .isEqualTo(321 * MIB); // 8 x L2, rounded up to whole MiB
        assertThat(notes).isEmpty();
        long small = Calibration.bufferBytes(CalibrationTarget.TRIAD, h100L2, 900 * MIB, S, notes);
        assertThat(small).isEqualTo(270 * MIB).isLessThan(400 * MIB);
        assertThat(small % 16).isZero();
        assertThat(notes).singleElement().asString().contains("triad: buffers of 270 MiB").contains("L2 hits");
        assertThatThrownBy(() -> Calibration.bufferBytes(CalibrationTarget.TRIAD, h100L2, 40 * MIB, S, notes))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("40 MiB of device memory are free");
    }

    @Test
    void settingsRefuseTooFewRepetitions() {
        assertThatThrownBy(() -> S.withRepetitions(2)).hasMessageContaining("repetitions must be >= 3");
        assertThat(CalibrationTarget.TRIAD.buffers()).isEqualTo(3);
        assertThat(CalibrationTarget.FP16.dtype()).isEqualTo("fp16");
        assertThat(CalibrationTarget.COPY.bandwidth()).isTrue();
    }
}
