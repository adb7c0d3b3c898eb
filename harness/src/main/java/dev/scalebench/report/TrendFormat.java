package dev.scalebench.report;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.trend.ChangePoint;
import dev.scalebench.analysis.trend.TrendOptions;
import dev.scalebench.analysis.trend.TrendSeries;
import dev.scalebench.analysis.trend.Trends;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.TrialMetric;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Numbers and phrases shared by the trend reports (plain text, not escaped). */
final class TrendFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TrendFormat() {
    }

    /** A value of {@code metric}: a duration for latencies (stored in ns), tokens/s for throughput. */
    static String value(TrialMetric metric, double v) {
        return metric.higherIsBetter() ? Numbers.si(v) + " tok/s" : Numbers.seconds(v * 1e-9);
    }

    /** A relative change with its sign and one decimal: {@code +12.3 %}, {@code -4.0 %}. */
    static String change(double rel) {
        return Double.isFinite(rel) ? String.format(Locale.ROOT, "%+.1f %%", rel * 100) : "n/a";
    }

    /** A p-value: two significant digits, scientific below 0.001 ({@code 2.1e-06}). */
    static String p(double p) {
        if (!Double.isFinite(p)) {
            return "n/a";
        }
        if (p == 0) {
            return "0";
        }
        return p < 1e-3 ? String.format(Locale.ROOT, "%.1e", p) : Numbers.sig(p, 2);
    }

    /** The UTC date of {@code t}, {@code 2026-11-03}; {@code ?} when unknown. */
    static String date(Instant t) {
        return t == null ? "?" : DATE.format(t);
    }

    /** {@code +12.3 % at 2026-11-03 (run 31), p 2.1e-06}. */
    static String changePoint(ChangePoint c) {
        return change(c.relativeChange()) + " at " + date(c.started()) + " (run " + (c.index() + 1) + "), p "
                + p(c.adjustedP());
    }

    /** The change points of a series in words, or its status. */
    static String status(TrendSeries s, TrendOptions o) {
        if (s.tooShort()) {
            return "too short: " + s.runs().size() + " runs, needs " + 2 * o.minSegment();
        }
        if (!s.flagged()) {
            return "no change";
        }
        return s.changes().stream().map(c -> c.direction().id() + " " + changePoint(c))
                .collect(Collectors.joining("\n"));
    }

    /** The facts of an environment that are known, {@code key=value}, sorted by key. */
    static List<String> facts(Map<String, String> env) {
        List<String> f = new ArrayList<>();
        env.forEach((k, v) -> {
            if (!Fingerprint.UNKNOWN.equals(v)) {
                f.add(k + "=" + v);
            }
        });
        return f;
    }

    /** One line on the detection parameters. */
    static String method(TrendOptions o) {
        return "E-divisive means with a pooled t-test (window " + o.window() + ", minimum segment " + o.minSegment()
                + " runs), p <= " + Numbers.sig(o.maxP(), 3) + " after Benjamini-Hochberg across series, minimum change "
                + Numbers.percent(o.minMagnitude());
    }

    /** {@code all sweeps} or {@code sweep NAME}. */
    static String scope(Trends t) {
        return t.sweep() == null ? "all sweeps" : "sweep " + t.sweep();
    }

    /** First and last date of the runs of all series. */
    static String span(Trends t) {
        Instant first = null;
        Instant last = null;
        for (TrendSeries s : t.series()) {
            for (var o : s.runs()) {
                if (o.started() != null) {
                    first = first == null || o.started().isBefore(first) ? o.started() : first;
                    last = last == null || o.started().isAfter(last) ? o.started() : last;
                }
            }
        }
        return first == null ? "" : date(first) + " to " + date(last);
    }

    /** Flagged series first (regressions before improvements), then the others, then the too short ones. */
    static List<TrendSeries> ordered(Trends t) {
        List<TrendSeries> out = new ArrayList<>();
        t.series().stream().filter(TrendSeries::regressed).forEach(out::add);
        t.series().stream().filter(s -> s.flagged() && !s.regressed()).forEach(out::add);
        t.series().stream().filter(s -> !s.flagged() && !s.tooShort()).forEach(out::add);
        t.series().stream().filter(TrendSeries::tooShort).forEach(out::add);
        return out;
    }
}
