package dev.scalebench.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Numbers for people: significant digits, SI prefixes, durations and percentages. Always {@link Locale#ROOT}
 * (a decimal point, no grouping), so reports read the same on every machine. Non-finite values print as
 * {@code n/a}.
 */
public final class Numbers {

    private static final String NA = "n/a";
    private static final String[] BIG = {"", "k", "M", "G", "T", "P", "E"};
    private static final String[] SMALL = {"", "m", "µ", "n", "p"};

    private Numbers() {
    }

    /** {@code v} rounded to {@code digits} significant digits, in plain notation: {@code 0.00123}, {@code 4560}. */
    public static String sig(double v, int digits) {
        if (!Double.isFinite(v)) {
            return NA;
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Three significant digits with an SI prefix on the number: {@code 3.1k}, {@code 12.4M}, {@code 250m}. */
    public static String si(double v) {
        if (!Double.isFinite(v)) {
            return NA;
        }
        int exp = exponent(v);
        return sig(v / Math.pow(1000, exp), 3) + prefix(exp);
    }

    /**
     * Three significant digits with the SI prefix on the unit: {@code 1.23 ms}, {@code 3.35 TB/s},
     * {@code 312 TFLOP/s}. For counts ({@code 3.1k seq/s}) use {@link #si(double)} and append the unit.
     */
    public static String si(double v, String unit) {
        if (!Double.isFinite(v)) {
            return NA;
        }
        int exp = exponent(v);
        return sig(v / Math.pow(1000, exp), 3) + " " + prefix(exp) + unit;
    }

    private static int exponent(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return 0;
        }
        // round first, so that 999.7 prints as 1k rather than 1000
        double r = new BigDecimal(a).round(new MathContext(3, RoundingMode.HALF_EVEN)).doubleValue();
        int exp = (int) Math.floor(Math.log10(r) / 3);
        return Math.max(-(SMALL.length - 1), Math.min(BIG.length - 1, exp));
    }

    private static String prefix(int exp) {
        return exp >= 0 ? BIG[exp] : SMALL[-exp];
    }

    /** A duration in seconds with a fitting unit and three significant digits: {@code 812 ns}, {@code 1.23 ms}. */
    public static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return NA;
        }
        return si(s, "s");
    }

    /** A fraction as a percentage with two significant digits (at least whole percent): {@code 4.2 %}, {@code 95 %}. */
    public static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return NA;
        }
        double p = fraction * 100;
        String num = Math.abs(p) >= 10 ? String.format(Locale.ROOT, "%.0f", p) : sig(p, 2);
        return num + " %";
    }

    /** A relative change as a signed percentage with one decimal: {@code +12.3 %}, {@code -0.4 %}. */
    public static String signedPercent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%+.1f %%", fraction * 100) : NA;
    }

    /**
     * An interval printed with {@code fmt}: {@code [2.9k, 3.3k]}; an infinite bound prints as {@code ∞} (a
     * bootstrap in which some resamples saw no saturation); empty when either bound is NaN.
     */
    public static String interval(double lo, double hi, DoubleFunction<String> fmt) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return "";
        }
        return "[" + bound(lo, fmt) + ", " + bound(hi, fmt) + "]";
    }

    private static String bound(double v, DoubleFunction<String> fmt) {
        return Double.isInfinite(v) ? (v > 0 ? "∞" : "-∞") : fmt.apply(v);
    }
}
