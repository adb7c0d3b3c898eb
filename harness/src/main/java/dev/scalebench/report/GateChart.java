package dev.scalebench.report;

import static dev.scalebench.report.svg.Xml.escape;

import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.report.svg.Scale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gate page's interval plot (inline SVG, hand-laid like the other charts): one row per point and metric, the
 * change of the medians with its interval against the metric's margin. Every row is drawn in the direction that is
 * worse, to the right: a latency's {@code candidate / baseline − 1}, a throughput's {@code 1 − candidate /
 * baseline}, so that each margin sits at {@code +δ}, with the zone beyond it shaded. The dot is coloured by the
 * row's verdict; an untested row (too few trials) has a hollow dot and no interval. Intervals that reach past the
 * drawn range end in an arrow. Well-formed XML; every label escaped.
 */
final class GateChart {

    /** Colours by label (Okabe–Ito, as {@link dev.scalebench.report.svg.Plot#PALETTE}). */
    static String color(String label) {
        return switch (label) {
            case "REGRESSION" -> "#D55E00";
            case "WARNING" -> "#E69F00";
            case "INCONCLUSIVE" -> "#CC79A7";
            case "IMPROVED" -> "#0072B2";
            default -> "#009E73";
        };
    }

    /** The most a row may reach to the right (+300 %) or the left (−100 %) before it is cut with an arrow. */
    private static final double MAX_RIGHT = 3.0;
    private static final double MIN_LEFT = -1.0;
    private static final int ROW = 18;
    private static final int WIDTH = 980;
    private static final int VERDICT_W = 175;
    private static final double CHAR_W = 6.3;

    private GateChart() {
    }

    /** One row: a metric at a point, with the label the reports give it. */
    record Row(PointVerdict point, MetricTest test, String label) {
        /** The change in the worse direction. */
        double worse(double ratio) {
            return test.metric().higherIsBetter() ? 1 - ratio : ratio - 1;
        }

        double estimate() {
            return worse(test.ratio());
        }

        double lo() {
            return !test.tested() || test.interval() == null ? Double.NaN
                    : test.metric().higherIsBetter() ? 1 - test.interval().hi() : test.interval().lo() - 1;
        }

        double hi() {
            return !test.tested() || test.interval() == null ? Double.NaN
                    : test.metric().higherIsBetter() ? 1 - test.interval().lo() : test.interval().hi() - 1;
        }
    }

    /** The rows of {@code points}, one per metric, in order. */
    static List<Row> rows(List<PointVerdict> points) {
        List<Row> rows = new ArrayList<>();
        for (PointVerdict p : points) {
            for (MetricTest t : p.tests()) {
                rows.add(new Row(p, t, GateText.label(p, t)));
            }
        }
        return rows;
    }

    /** The plot of {@code rows} as an {@code <svg>} element; {@code title} names it (for screen readers). */
    static String render(List<Row> rows, String title) {
        double min = 0;
        double max = 0;
        int labelChars = 10;
        for (Row r : rows) {
            for (double v : new double[] {r.estimate(), r.lo(), r.hi(), 1.6 * r.test().margin()}) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, Math.max(MIN_LEFT, v));
                    max = Math.max(max, Math.min(MAX_RIGHT, v));
                }
            }
            labelChars = Math.max(labelChars, r.point().pointId().length() + r.test().metric().id().length() + 3);
        }
        Scale x = Scale.linear(min, max, true);
        double left = Math.min(380, 12 + labelChars * CHAR_W);
        double plotW = WIDTH - left - VERDICT_W - 12;
        double top = 46;
        double height = top + rows.size() * ROW + 34;
        StringBuilder sb = new StringBuilder(4096 + rows.size() * 600);
        sb.append("<svg class=\"plot gate-intervals\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(num(height)).append("\" width=\"").append(WIDTH).append("\" height=\"").append(num(height))
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        sb.append("<title>").append(escape(title)).append("</title>");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(num(height))
                .append("\" fill=\"#fff\"/>");
        legend(sb, left);
        double bottom = top + rows.size() * ROW;
        // grid and tick labels, above and below
        for (double t : x.ticks()) {
            double px = left + x.fraction(t) * plotW;
            sb.append("<line x1=\"").append(num(px)).append("\" y1=\"").append(num(top)).append("\" x2=\"")
                    .append(num(px)).append("\" y2=\"").append(num(bottom)).append("\" stroke=\"")
                    .append(t == 0 ? "#555" : "#e6e6e6").append("\" stroke-width=\"").append(t == 0 ? "1.2" : "1")
                    .append("\"/>");
            String label = tick(t);
            text(sb, px, top - 5, label, "middle", "#555");
            text(sb, px, bottom + 14, label, "middle", "#555");
        }
        text(sb, left + plotW / 2, bottom + 29, "change of the medians, worse → (latency: candidate / baseline − 1;"
                + " throughput: 1 − candidate / baseline)", "middle", "#333");
        String previous = null;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double y0 = top + i * ROW;
            double cy = y0 + ROW / 2.0;
            boolean first = !r.point().pointId().equals(previous);
            previous = r.point().pointId();
            if (first && i > 0) {
                sb.append("<line x1=\"4\" y1=\"").append(num(y0)).append("\" x2=\"").append(WIDTH - 4)
                        .append("\" y2=\"").append(num(y0)).append("\" stroke=\"#ddd\"/>");
            }
            sb.append("<g><title>").append(escape(tip(r))).append("</title>");
            sb.append("<rect x=\"0\" y=\"").append(num(y0)).append("\" width=\"").append(WIDTH)
                    .append("\" height=\"").append(ROW).append("\" fill=\"").append(i % 2 == 0 ? "#fff" : "#fafafa")
                    .append("\" fill-opacity=\"0.01\"/>");
            // the zone beyond the margin
            double m = left + clamp(x.fraction(r.test().margin())) * plotW;
            sb.append("<rect x=\"").append(num(m)).append("\" y=\"").append(num(y0 + 1)).append("\" width=\"")
                    .append(num(Math.max(0, left + plotW - m))).append("\" height=\"").append(ROW - 2)
                    .append("\" fill=\"#D55E00\" fill-opacity=\"0.08\"/>");
            sb.append("<line x1=\"").append(num(m)).append("\" y1=\"").append(num(y0 + 1)).append("\" x2=\"")
                    .append(num(m)).append("\" y2=\"").append(num(y0 + ROW - 1))
                    .append("\" stroke=\"#D55E00\" stroke-dasharray=\"3,2\"/>");
            String label = (first ? r.point().pointId() + " · " : "") + r.test().metric().id();
            text(sb, left - 8, cy + 4, label, "end", first ? "#222" : "#555");
            String c = color(r.label());
            if (Double.isFinite(r.lo()) || Double.isFinite(r.hi())) {
                interval(sb, x, left, plotW, cy, r.lo(), r.hi(), c);
            }
            double e = r.estimate();
            if (Double.isFinite(e)) {
                double px = left + clamp(x.fraction(Math.max(x.lo(), Math.min(x.hi(), e)))) * plotW;
                sb.append("<circle cx=\"").append(num(px)).append("\" cy=\"").append(num(cy)).append("\" r=\"4\"")
                        .append(r.test().tested() ? " fill=\"" + c + "\"" : " fill=\"#fff\" stroke=\"" + c
                                + "\" stroke-width=\"1.5\"").append("/>");
            } else {
                text(sb, left + 6, cy + 4, "no value in " + (Double.isFinite(r.test().baselineMedian())
                        ? "the candidate" : "the baseline"), "start", "#888");
            }
            String verdict = r.test().tested() ? r.label() : r.label() + " (not tested)";
            text(sb, left + plotW + 10, cy + 4, verdict, "start", c);
            sb.append("</g>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static void legend(StringBuilder sb, double left) {
        double x = left;
        double y = 14;
        for (String l : new String[] {"REGRESSION", "WARNING", "INCONCLUSIVE", "PASS", "IMPROVED"}) {
            sb.append("<circle cx=\"").append(num(x + 4)).append("\" cy=\"").append(num(y - 4))
                    .append("\" r=\"4\" fill=\"").append(color(l)).append("\"/>");
            text(sb, x + 12, y, l, "start", "#333");
            x += 28 + l.length() * 7.2;
        }
        sb.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y - 10)).append("\" width=\"14\"")
                .append(" height=\"12\" fill=\"#D55E00\" fill-opacity=\"0.15\" stroke=\"#D55E00\"")
                .append(" stroke-dasharray=\"3,2\"/>");
        text(sb, x + 20, y, "beyond the margin", "start", "#333");
        x += 36 + 17 * 7.2;
        sb.append("<circle cx=\"").append(num(x + 4)).append("\" cy=\"").append(num(y - 4))
                .append("\" r=\"4\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"1.5\"/>");
        text(sb, x + 12, y, "not tested (too few trials)", "start", "#333");
    }

    private static void interval(StringBuilder sb, Scale x, double left, double plotW, double cy, double lo,
            double hi, String c) {
        boolean cutLo = !(lo >= x.lo());
        boolean cutHi = !(hi <= x.hi());
        double a = left + (cutLo ? 0 : clamp(x.fraction(lo))) * plotW;
        double b = left + (cutHi ? 1 : clamp(x.fraction(hi))) * plotW;
        sb.append("<line x1=\"").append(num(a)).append("\" y1=\"").append(num(cy)).append("\" x2=\"").append(num(b))
                .append("\" y2=\"").append(num(cy)).append("\" stroke=\"").append(c).append("\" stroke-width=\"2\"/>");
        if (cutLo) {
            arrow(sb, a, cy, -1, c);
        } else {
            cap(sb, a, cy, c);
        }
        if (cutHi) {
            arrow(sb, b, cy, 1, c);
        } else {
            cap(sb, b, cy, c);
        }
    }

    private static void cap(StringBuilder sb, double px, double cy, String c) {
        sb.append("<line x1=\"").append(num(px)).append("\" y1=\"").append(num(cy - 4)).append("\" x2=\"")
                .append(num(px)).append("\" y2=\"").append(num(cy + 4)).append("\" stroke=\"").append(c)
                .append("\" stroke-width=\"1.5\"/>");
    }

    private static void arrow(StringBuilder sb, double px, double cy, int dir, String c) {
        sb.append("<path d=\"M").append(num(px + dir * 6)).append(' ').append(num(cy)).append(" L")
                .append(num(px)).append(' ').append(num(cy - 4)).append(" L").append(num(px)).append(' ')
                .append(num(cy + 4)).append(" Z\" fill=\"").append(c).append("\"/>");
    }

    private static String tip(Row r) {
        MetricTest t = r.test();
        return r.point().pointId() + " · " + t.metric().id() + ": " + GateText.value(t.metric(), t.baselineMedian())
                + " → " + GateText.value(t.metric(), t.candidateMedian()) + ", " + GateText.change(t)
                + " (margin " + GateText.margin(t.metric(), t.margin()) + "), " + r.label()
                + (t.tested() ? "" : " (not tested)");
    }

    /** A tick as a signed percentage: {@code −10 %}, {@code 0}, {@code +20 %}. */
    private static String tick(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        double p = v * 100;
        String s = Math.abs(p - Math.rint(p)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", Math.abs(p))
                : Numbers.sig(Math.abs(p), 2);
        return (v > 0 ? "+" : "−") + s + " %";
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }

    private static void text(StringBuilder sb, double x, double y, String s, String anchor, String color) {
        sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" fill=\"").append(color).append("\">").append(escape(s)).append("</text>");
    }

    /** A pixel coordinate with at most one decimal, the same on every machine. */
    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        long t = Math.round(v * 10);
        String s = (t < 0 ? "-" : "") + Math.abs(t) / 10 + (Math.abs(t) % 10 == 0 ? "" : "." + Math.abs(t) % 10);
        return s.equals("-0") ? "0" : s;
    }
}
