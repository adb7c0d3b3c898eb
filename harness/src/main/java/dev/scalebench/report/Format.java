package dev.scalebench.report;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.stats.Interval;
import java.util.Map;
import java.util.TreeMap;

/** Numbers and phrases shared by the Markdown and HTML reports (plain text, not escaped). */
final class Format {

    /** Marks an extrapolated estimate; explained by {@link #extrapolationNote(Analysis)}. */
    static final String DAGGER = "†";

    private Format() {
    }

    /**
     * {@code v} in {@code unit}: SI prefix on the unit for seconds, bytes, FLOPs, joules and watts, on the number
     * otherwise.
     */
    static String quantity(double v, String unit) {
        if (unit == null || unit.isEmpty() || unit.equals("1")) {
            return Numbers.sig(v, 3);
        }
        if (unit.equals("s") || unit.startsWith("s/") || unit.startsWith("B") || unit.startsWith("FLOP")
                || unit.equals("J") || unit.startsWith("J/") || unit.equals("W")) {
            return Numbers.si(v, unit);
        }
        return (Math.abs(v) < 1000 ? Numbers.sig(v, 3) : Numbers.si(v)) + " " + unit;
    }

    /**
     * {@code name = value [lo, hi]}, the unit written once when all three share it ({@code a = 203 µs [191, 217]}),
     * with {@link #DAGGER} when extrapolated.
     */
    static String estimate(Estimate e) {
        String v = quantity(e.value(), e.unit());
        String text = e.hasInterval() ? withInterval(v, quantity(e.lo(), e.unit()), quantity(e.hi(), e.unit())) : v;
        return e.name() + " = " + text + (e.extrapolated() ? " " + DAGGER : "");
    }

    /** {@code value [lo, hi]}, the unit written once when all three share it: {@code 203 µs [191, 217]}. */
    static String withInterval(String v, String lo, String hi) {
        String unit = suffix(v);
        if (!unit.isEmpty() && unit.equals(suffix(lo)) && unit.equals(suffix(hi))) {
            return v + " [" + lo.substring(0, lo.length() - unit.length()) + ", "
                    + hi.substring(0, hi.length() - unit.length()) + "]";
        }
        return v + " [" + lo + ", " + hi + "]";
    }

    /** The unit part of a formatted quantity, with its leading space ({@code " µs"}), or "". */
    private static String suffix(String q) {
        int sp = q.indexOf(' ');
        return sp < 0 ? "" : q.substring(sp);
    }

    /** An Akaike weight: two significant digits, {@code <0.001} below that. */
    static String weight(double w) {
        return Double.isFinite(w) && w < 0.001 ? "<0.001" : Numbers.sig(w, 2);
    }

    /** A latency in nanoseconds as a duration, with its interval: {@code 1.23 ms [1.2 ms, 1.26 ms]}. */
    static String nanos(double ns, Interval ci) {
        if (!Double.isFinite(ns)) {
            return Numbers.seconds(ns);
        }
        if (ci == null || !ci.isDefined()) {
            return Numbers.seconds(ns * 1e-9);
        }
        return withInterval(Numbers.seconds(ns * 1e-9), Numbers.seconds(ci.lo() * 1e-9),
                Numbers.seconds(ci.hi() * 1e-9));
    }

    /** A point's throughput in sequences per second with its interval: {@code 4.94k [4.8k, 5.1k]}. */
    static String throughput(PointStats p) {
        double[] ci = throughputCi(p);
        if (Double.isNaN(ci[0]) || !Double.isFinite(p.seqPerS())) {
            return Numbers.si(p.seqPerS());
        }
        return withInterval(Numbers.si(p.seqPerS()), Numbers.si(ci[0]), Numbers.si(ci[1]));
    }

    /**
     * The interval of a point's throughput, seq/s: {lo, hi}, NaN without one; the throughput's own interval
     * over trials ({@link dev.scalebench.results.PointStatistic}), as in summary.csv.
     */
    static double[] throughputCi(PointStats p) {
        Interval ci = p.seqPerSCi();
        if (ci == null || !ci.isDefined()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {ci.lo(), ci.hi()};
    }

    /** What the metric is, in words. */
    static String metric(TrialMetric m) {
        return switch (m) {
            case P50 -> "p50 (each trial's median step latency)";
            case P99 -> "p99 (each trial's 99th-percentile step latency)";
            case MEAN -> "mean (each trial's mean step latency)";
            default -> m.id() + " (each trial's " + m.id() + ")";
        };
    }

    /** The bootstrap settings in words. */
    static String bootstrap(FitOptions o) {
        if (o.bootstrap() == 0) {
            return "off (no intervals)";
        }
        return o.bootstrap() + " cluster resamples over trials, seed " + o.seed() + ", "
                + Numbers.percent(o.confidence()) + " percentile intervals";
    }

    /** The hardware profile in words, or a note that none was used. */
    static String hardware(HardwareProfile h) {
        if (h == null) {
            return "none matched (no roofline)";
        }
        return h.name() + " (" + h.id() + ", " + (h.measured() ? "measured" : "data sheet") + ")";
    }

    /** The hardware profile in words, with the data sheet beside a measured one. */
    static String hardware(HardwareProfile h, HardwareProfile spec) {
        return spec == null ? hardware(h) : hardware(h) + "; data sheet beside it: " + hardware(spec);
    }

    /** Ceilings of the profile in words: bandwidth, and peak and ridge per dtype (sorted). */
    static String ceilings(HardwareProfile h) {
        StringBuilder sb = new StringBuilder("memory bandwidth " + Numbers.si(h.bandwidthBytesPerS(), "B/s"));
        Map<String, Double> peaks = new TreeMap<>(h.peakFlopsPerS());
        for (Map.Entry<String, Double> e : peaks.entrySet()) {
            sb.append("; ").append(e.getKey()).append(' ').append(Numbers.si(e.getValue(), "FLOP/s"))
                    .append(" (ridge ").append(Numbers.sig(h.ridge(e.getKey()), 3)).append(" FLOP/B)");
        }
        return sb.toString();
    }

    /** The footnote for {@link #DAGGER}. */
    static String extrapolationNote(Analysis a) {
        return DAGGER + " extrapolated: beyond " + Numbers.sig(a.options().extrapolationFactor(), 3)
                + "× the measured range (or below it by that factor).";
    }
}
