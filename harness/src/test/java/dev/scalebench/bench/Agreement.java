package dev.scalebench.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The harness's and JMH's means of the same step over several rounds, and whether they agree: the median over the
 * rounds of the ratio harness / JMH (each round's two measurements ran back to back, so drift of a shared machine
 * between rounds cancels in the pair) is within {@code tolerance} of 1. The ratio of the two medians is shown too.
 *
 * @param jmhNanos JMH's mean per round (one fork each), nanoseconds
 * @param harnessNanos the harness's mean per round (one trial each), nanoseconds
 * @param tolerance the allowed relative difference (issue 6: 0.03)
 */
public record Agreement(List<Double> jmhNanos, List<Double> harnessNanos, double tolerance) {

    public Agreement {
        if (jmhNanos.isEmpty() || harnessNanos.isEmpty()) {
            throw new IllegalArgumentException("no rounds to compare");
        }
        jmhNanos = List.copyOf(jmhNanos);
        harnessNanos = List.copyOf(harnessNanos);
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Median of JMH's means. */
    public double jmhMedian() {
        return median(jmhNanos);
    }

    /** Median of the harness's means. */
    public double harnessMedian() {
        return median(harnessNanos);
    }

    /** Harness over JMH, median of the rounds' ratios (over the rounds both have). */
    public double ratio() {
        int n = Math.min(jmhNanos.size(), harnessNanos.size());
        List<Double> r = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(harnessNanos.get(i) / jmhNanos.get(i));
        }
        return median(r);
    }

    /** Whether the ratio is within the tolerance of 1. */
    public boolean agrees() {
        return Math.abs(ratio() - 1) <= tolerance;
    }

    /** A few lines: each round, the medians, the ratio and the verdict. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-8s %14s %14s%n", "round", "jmh mean ns", "harness mean ns"));
        int rounds = Math.max(jmhNanos.size(), harnessNanos.size());
        for (int i = 0; i < rounds; i++) {
            sb.append(String.format(Locale.ROOT, "%-8d %14s %14s%n", i + 1, cell(jmhNanos, i), cell(harnessNanos, i)));
        }
        sb.append(String.format(Locale.ROOT, "%-8s %14.1f %14.1f%n", "median", jmhMedian(), harnessMedian()));
        sb.append(String.format(Locale.ROOT, "ratio of the medians: %.4f%n", harnessMedian() / jmhMedian()));
        sb.append(String.format(Locale.ROOT, "harness / jmh, median of the rounds = %.4f (%+.2f %%): %s (target within %.0f %%)%n", ratio(),
                (ratio() - 1) * 100, agrees() ? "AGREE" : "DISAGREE", tolerance * 100));
        return sb.toString();
    }

    private static String cell(List<Double> v, int i) {
        return i < v.size() ? String.format(Locale.ROOT, "%.1f", v.get(i)) : "-";
    }

    @Override
    public String toString() {
        return "Agreement" + Arrays.asList(jmhMedian(), harnessMedian(), ratio());
    }
}
