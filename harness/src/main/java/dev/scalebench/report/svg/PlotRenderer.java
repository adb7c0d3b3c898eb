package dev.scalebench.report.svg;

import dev.scalebench.report.svg.Plot.Kind;
import dev.scalebench.report.svg.Plot.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lays out and draws one {@link Plot}. */
final class PlotRenderer {

    private static final int LEGEND_ROW = 16;
    private static final String GRID = "#e6e6e6";
    private static final String INK = "#333";

    private final Plot p;
    private final StringBuilder sb = new StringBuilder(8192);
    private Scale xs;
    private Scale ys;
    private double left;
    private double top;
    private double plotW;
    private double plotH;

    PlotRenderer(Plot plot) {
        this.p = plot;
    }

    String render() {
        Plot.Bounds bx = p.bounds(p.xAxis().log(), true);
        Plot.Bounds by = p.bounds(p.yAxis().log(), false);
        boolean empty = !bx.found() || !by.found();
        if (!empty) {
            xs = p.xAxis().log() ? Scale.log(bx.min(), bx.max()) : Scale.linear(bx.min(), bx.max(), false);
            if (p.xTicks() != null) {
                xs = xs.withTicks(p.xTicks());
            }
            ys = p.yAxis().log() ? Scale.log(by.min(), by.max()) : Scale.linear(by.min(), by.max(), p.yZero());
        }
        List<List<Map.Entry<String, Layer>>> legendRows = legendRows();
        int w = p.width();
        int h = p.height() + legendRows.size() * LEGEND_ROW;
        top = p.title().isEmpty() ? 10 : p.subtitleText() == null ? 28 : 42;
        double yLabelW = 0;
        if (!empty) {
            for (double t : ys.ticks()) {
                yLabelW = Math.max(yLabelW, textWidth(p.yAxis().format().apply(t)));
            }
        }
        left = Math.max(40, yLabelW + (p.yAxis().label().isEmpty() ? 10 : 26));
        plotW = w - left - 14;
        plotH = p.height() - top - (p.xAxis().label().isEmpty() ? 22 : 38);

        sb.append("<svg class=\"plot\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"").append(Plot.font()).append("\">");
        sb.append("<title>").append(Xml.escape(p.title())).append("</title>");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" fill=\"#fff\"/>");
        titles(w);
        if (empty) {
            text(left + plotW / 2, top + plotH / 2, "no data to plot", "middle", "#888", null);
        } else {
            axes();
            for (Kind k : Kind.values()) {
                for (Layer l : p.layers()) {
                    if (l.kind() == k) {
                        layer(l);
                    }
                }
            }
        }
        legend(legendRows);
        sb.append("</svg>");
        return sb.toString();
    }

    // ---- layout helpers

    private static double textWidth(String s) {
        return s.length() * Plot.charWidth();
    }

    private double px(double v) {
        return left + xs.fraction(v) * plotW;
    }

    private double py(double v) {
        return top + (1 - ys.fraction(v)) * plotH;
    }

    private void text(double x, double y, String s, String anchor, String color, String extra) {
        sb.append("<text x=\"").append(Xml.num(x)).append("\" y=\"").append(Xml.num(y)).append('"');
        if (!"start".equals(anchor)) {
            sb.append(" text-anchor=\"").append(anchor).append('"');
        }
        if (color != null) {
            sb.append(" fill=\"").append(color).append('"');
        }
        if (extra != null) {
            sb.append(' ').append(extra);
        }
        sb.append('>').append(Xml.escape(s)).append("</text>");
    }

    private void titles(int w) {
        int maxChars = (int) ((w - 10) / 7.2);
        if (!p.title().isEmpty()) {
            text(w / 2.0, 17, clip(p.title(), maxChars), "middle", INK, "font-size=\"13\" font-weight=\"bold\"");
        }
        if (p.subtitleText() != null) {
            text(w / 2.0, 32, clip(p.subtitleText(), (int) ((w - 10) / Plot.charWidth())), "middle", "#666", null);
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }

    // ---- axes

    private void axes() {
        double bottom = top + plotH;
        double lastRight = Double.NEGATIVE_INFINITY;
        for (double t : xs.ticks()) {
            double x = px(t);
            line(x, top, x, bottom, GRID, null);
            line(x, bottom, x, bottom + 4, INK, null);
            String label = p.xAxis().format().apply(t);
            double half = textWidth(label) / 2;
            if (x - half > lastRight + 4) {
                text(x, bottom + 15, label, "middle", INK, null);
                lastRight = x + half;
            }
        }
        double lastY = Double.POSITIVE_INFINITY;
        for (double t : ys.ticks()) {
            double y = py(t);
            line(left, y, left + plotW, y, GRID, null);
            line(left - 4, y, left, y, INK, null);
            if (y < lastY - Plot.font() - 1) {
                text(left - 6, y + 4, p.yAxis().format().apply(t), "end", INK, null);
                lastY = y;
            }
        }
        sb.append("<rect x=\"").append(Xml.num(left)).append("\" y=\"").append(Xml.num(top)).append("\" width=\"")
                .append(Xml.num(plotW)).append("\" height=\"").append(Xml.num(plotH))
                .append("\" fill=\"none\" stroke=\"#999\"/>");
        if (!p.xAxis().label().isEmpty()) {
            text(left + plotW / 2, bottom + 31, axisLabel(p.xAxis()), "middle", INK, null);
        }
        if (!p.yAxis().label().isEmpty()) {
            double cy = top + plotH / 2;
            text(12, cy, axisLabel(p.yAxis()), "middle", INK,
                    "transform=\"rotate(-90 12 " + Xml.num(cy) + ")\"");
        }
    }

    private static String axisLabel(Plot.Axis a) {
        return a.log() ? a.label() + " (log)" : a.label();
    }

    private void line(double x1, double y1, double x2, double y2, String color, String extra) {
        sb.append("<line x1=\"").append(Xml.num(x1)).append("\" y1=\"").append(Xml.num(y1)).append("\" x2=\"")
                .append(Xml.num(x2)).append("\" y2=\"").append(Xml.num(y2)).append("\" stroke=\"").append(color)
                .append('"');
        if (extra != null) {
            sb.append(' ').append(extra);
        }
        sb.append("/>");
    }

    // ---- layers

    private void layer(Layer l) {
        switch (l.kind()) {
            case BAND -> band(l);
            case LINE -> polyline(l);
            case HLINE -> {
                double y = l.y()[0];
                if (ys.accepts(y) && y >= ys.lo() && y <= ys.hi()) {
                    line(left, py(y), left + plotW, py(y), l.color(), dash(l.style()));
                }
            }
            case POINTS -> points(l);
            case LABELS -> labels(l);
        }
    }

    /** Each text above and to the right of its point, small, with a white halo so that lines under it stay clear. */
    private void labels(Layer l) {
        for (int i = 0; i < l.x().length; i++) {
            if (p.drawable(l, i) && l.tips()[i] != null) {
                text(px(l.x()[i]) + 5, py(l.y()[i]) + (l.style() ? 12 : -5), l.tips()[i], "start", l.color(),
                        "font-size=\"9\" stroke=\"#fff\" stroke-width=\"2.5\" paint-order=\"stroke\"");
            }
        }
    }

    private static String dash(boolean dashed) {
        return dashed ? "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"" : "stroke-width=\"1.5\"";
    }

    private void band(Layer l) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < l.x().length; i++) {
            if (xs.accepts(l.x()[i]) && ys.accepts(l.lo()[i]) && ys.accepts(l.hi()[i])) {
                idx.add(i);
            }
        }
        if (idx.size() < 2) {
            return;
        }
        sb.append("<path d=\"");
        for (int k = 0; k < idx.size(); k++) {
            int i = idx.get(k);
            sb.append(k == 0 ? 'M' : 'L').append(Xml.num(px(l.x()[i]))).append(' ').append(Xml.num(py(l.hi()[i])));
        }
        for (int k = idx.size() - 1; k >= 0; k--) {
            int i = idx.get(k);
            sb.append('L').append(Xml.num(px(l.x()[i]))).append(' ').append(Xml.num(py(l.lo()[i])));
        }
        sb.append("Z\" fill=\"").append(l.color()).append("\" fill-opacity=\"0.18\" stroke=\"none\"/>");
    }

    private void polyline(Layer l) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < l.x().length; i++) {
            if (p.drawable(l, i)) {
                d.append(pen ? 'L' : 'M').append(Xml.num(px(l.x()[i]))).append(' ').append(Xml.num(py(l.y()[i])));
                pen = true;
            } else {
                pen = false;
            }
        }
        if (d.length() > 0) {
            sb.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(l.color()).append("\" ")
                    .append(dash(l.style())).append("/>");
        }
    }

    private void points(Layer l) {
        for (int i = 0; i < l.x().length; i++) {
            if (!p.drawable(l, i)) {
                continue;
            }
            double x = px(l.x()[i]);
            double y = py(l.y()[i]);
            double lo = l.lo() == null ? Double.NaN : l.lo()[i];
            double hi = l.hi() == null ? Double.NaN : l.hi()[i];
            String tip = l.tips() == null ? null : l.tips()[i];
            sb.append("<g>");
            if (tip != null) {
                sb.append("<title>").append(Xml.escape(tip)).append("</title>");
            }
            if (ys.accepts(lo) && ys.accepts(hi)) {
                double y1 = py(lo);
                double y2 = py(hi);
                line(x, y1, x, y2, l.color(), null);
                line(x - 3, y1, x + 3, y1, l.color(), null);
                line(x - 3, y2, x + 3, y2, l.color(), null);
            }
            marker(x, y, l.marker(), l.color(), l.style());
            sb.append("</g>");
        }
    }

    private void marker(double x, double y, Plot.Marker m, String color, boolean hollow) {
        String paint = hollow ? "fill=\"#fff\" stroke=\"" + color + "\" stroke-width=\"1.5\""
                : "fill=\"" + color + "\" stroke=\"#fff\" stroke-width=\"0.8\"";
        double r = 3.6;
        switch (m) {
            case CIRCLE -> sb.append("<circle cx=\"").append(Xml.num(x)).append("\" cy=\"").append(Xml.num(y))
                    .append("\" r=\"").append(Xml.num(r)).append("\" ").append(paint).append("/>");
            case RING -> sb.append("<circle cx=\"").append(Xml.num(x)).append("\" cy=\"").append(Xml.num(y))
                    .append("\" r=\"7\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"/>");
            case SQUARE -> sb.append("<rect x=\"").append(Xml.num(x - r)).append("\" y=\"").append(Xml.num(y - r))
                    .append("\" width=\"").append(Xml.num(2 * r)).append("\" height=\"").append(Xml.num(2 * r))
                    .append("\" ").append(paint).append("/>");
            case TRIANGLE -> polygon(paint, x, y - r * 1.2, x + r * 1.1, y + r * 0.8, x - r * 1.1, y + r * 0.8);
            case DIAMOND -> polygon(paint, x, y - r * 1.3, x + r * 1.1, y, x, y + r * 1.3, x - r * 1.1, y);
            case CROSS -> sb.append("<path d=\"M").append(Xml.num(x - r)).append(' ').append(Xml.num(y - r))
                    .append('L').append(Xml.num(x + r)).append(' ').append(Xml.num(y + r)).append('M')
                    .append(Xml.num(x - r)).append(' ').append(Xml.num(y + r)).append('L').append(Xml.num(x + r))
                    .append(' ').append(Xml.num(y - r)).append("\" stroke=\"").append(color)
                    .append("\" stroke-width=\"2\" fill=\"none\"/>");
        }
    }

    private void polygon(String paint, double... xy) {
        sb.append("<polygon points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            sb.append(i == 0 ? "" : " ").append(Xml.num(xy[i])).append(',').append(Xml.num(xy[i + 1]));
        }
        sb.append("\" ").append(paint).append("/>");
    }

    // ---- legend

    private List<List<Map.Entry<String, Layer>>> legendRows() {
        List<List<Map.Entry<String, Layer>>> rows = new ArrayList<>();
        double maxX = p.width() - 10;
        double x = 10;
        List<Map.Entry<String, Layer>> row = new ArrayList<>();
        for (Map.Entry<String, Layer> e : p.legend().entrySet()) {
            double w = entryWidth(e.getKey());
            if (!row.isEmpty() && x + w > maxX) {
                rows.add(row);
                row = new ArrayList<>();
                x = 10;
            }
            row.add(e);
            x += w;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private static double entryWidth(String label) {
        return 26 + textWidth(label) + 12;
    }

    private void legend(List<List<Map.Entry<String, Layer>>> rows) {
        double y = p.height() + 4;
        for (List<Map.Entry<String, Layer>> row : rows) {
            double x = 10;
            for (Map.Entry<String, Layer> e : row) {
                Layer l = e.getValue();
                double cy = y + 6;
                switch (l.kind()) {
                    case BAND -> sb.append("<rect x=\"").append(Xml.num(x)).append("\" y=\"").append(Xml.num(cy - 5))
                            .append("\" width=\"20\" height=\"10\" fill=\"").append(l.color())
                            .append("\" fill-opacity=\"0.18\"/>");
                    case LINE, HLINE -> line(x, cy, x + 20, cy, l.color(), dash(l.style()));
                    case POINTS -> marker(x + 10, cy, l.marker(), l.color(), l.style());
                    case LABELS -> { }
                }
                text(x + 26, cy + 4, e.getKey(), "start", INK, null);
                x += entryWidth(e.getKey());
            }
            y += LEGEND_ROW;
        }
    }
}
