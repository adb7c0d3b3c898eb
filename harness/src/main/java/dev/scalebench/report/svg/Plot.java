package dev.scalebench.report.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * One chart as inline SVG: a title, two axes (linear or log), and layers drawn in the order bands, reference
 * lines, lines, points. Values that cannot be drawn (NaN, or not positive on a log axis) are skipped. The legend
 * sits under the x axis and grows the chart downwards, so it never covers data.
 *
 * <p>A y axis asked to be linear is drawn logarithmic when the values it has to show (points, their intervals,
 * bands, lines, reference lines) are all positive and span more than {@value #LOG_SPAN}×: on a linear axis one
 * wide interval would flatten everything else onto the x axis. {@link #yLinear()} keeps it linear (signed
 * quantities, such as residuals). Log axes are labelled so ("(log)").
 *
 * <pre>{@code
 * String svg = new Plot("gpt-1m prefill, seq 128")
 *         .x("batch", true, Numbers::si).y("seq/s", false, Numbers::si).yFromZero()
 *         .band(x, lo, hi, Plot.PALETTE.get(0), "95 % band")
 *         .line(x, fit, Plot.PALETTE.get(0), false, "fit")
 *         .points(bx, tput, tputLo, tputHi, Plot.PALETTE.get(0), Plot.Marker.CIRCLE, false, "measured", null)
 *         .render();
 * }</pre>
 */
public final class Plot {

    /** Marker shapes. {@code RING} is a larger hollow circle, for drawing attention to a point. */
    public enum Marker { CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS, RING }

    /** Colour-blind-safe categorical colours (Okabe–Ito, without yellow), then greys. */
    public static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
            "#56B4E9", "#000000", "#7f7f7f");

    /** A linear y axis whose values span more than this factor is drawn logarithmic (unless {@link #yLinear()}). */
    public static final double LOG_SPAN = 10;

    private static final double CHAR_W = 6.1;
    private static final int FONT = 11;

    private final String title;
    private String subtitle;
    private int width = 440;
    private int height = 300;
    private Axis xAxis = new Axis("", false, Xml::num);
    private Axis yAxis = new Axis("", false, Xml::num);
    private boolean yZero;
    private boolean yLinearOnly;
    private double[] xTicks;
    private final List<Layer> layers = new ArrayList<>();

    /** A chart with {@code title} (may be empty). */
    public Plot(String title) {
        this.title = title == null ? "" : title;
    }

    /** A second, smaller title line. */
    public Plot subtitle(String text) {
        this.subtitle = text;
        return this;
    }

    /** Width and height in pixels, legend excluded (default 440 × 300). */
    public Plot size(int w, int h) {
        this.width = w;
        this.height = h;
        return this;
    }

    /** The x axis: its label, whether it is logarithmic, and how tick values print. */
    public Plot x(String label, boolean log, DoubleFunction<String> format) {
        this.xAxis = new Axis(label, log, format);
        return this;
    }

    /** The y axis: its label, whether it is logarithmic, and how tick values print. */
    public Plot y(String label, boolean log, DoubleFunction<String> format) {
        this.yAxis = new Axis(label, log, format);
        return this;
    }

    /** Makes a linear y axis start at (or include) zero. */
    public Plot yFromZero() {
        this.yZero = true;
        return this;
    }

    /** Keeps a linear y axis linear whatever the span of its values (for signed quantities). */
    public Plot yLinear() {
        this.yLinearOnly = true;
        return this;
    }

    /**
     * Whether the y axis is drawn logarithmic: asked for, or linear but its values are all positive and span more
     * than {@value #LOG_SPAN}× (and {@link #yLinear()} was not called).
     */
    public boolean yLog() {
        if (yAxis.log) {
            return true;
        }
        if (yLinearOnly) {
            return false;
        }
        Bounds b = bounds(false, false);
        return b.found() && b.min() > 0 && b.max() > LOG_SPAN * b.min();
    }

    /** Puts the x ticks at these levels (e.g. the measured batch sizes) instead of round numbers. */
    public Plot xTicksAt(double... levels) {
        this.xTicks = levels.clone();
        return this;
    }

    /** A filled band between {@code lo} and {@code hi} over {@code x}. */
    public Plot band(double[] x, double[] lo, double[] hi, String color, String label) {
        layers.add(new Layer(Kind.BAND, x.clone(), hi.clone(), lo.clone(), hi.clone(), color, false, null, label,
                null));
        return this;
    }

    /** A line through {@code (x, y)}, broken where a value cannot be drawn. */
    public Plot line(double[] x, double[] y, String color, boolean dashed, String label) {
        layers.add(new Layer(Kind.LINE, x.clone(), y.clone(), null, null, color, dashed, null, label, null));
        return this;
    }

    /** A horizontal reference line across the whole plot at {@code y} (e.g. zero residual). */
    public Plot hline(double y, String color, boolean dashed, String label) {
        layers.add(new Layer(Kind.HLINE, new double[0], new double[] {y}, null, null, color, dashed, null, label,
                null));
        return this;
    }

    /**
     * Markers at {@code (x, y)} with vertical error bars from {@code lo} to {@code hi} (either may be null, or
     * NaN for a point without a bar), and optional hover texts {@code tips} (one per point, may be null).
     */
    public Plot points(double[] x, double[] y, double[] lo, double[] hi, String color, Marker marker, boolean hollow,
            String label, String[] tips) {
        layers.add(new Layer(Kind.POINTS, x.clone(), y.clone(), lo == null ? null : lo.clone(),
                hi == null ? null : hi.clone(), color, hollow, marker, label, tips == null ? null : tips.clone()));
        return this;
    }

    /**
     * Small texts beside the points {@code (x, y)} (e.g. the batch of each point of a curve), in {@code color}: up
     * and to the right of each, or down and to the right when {@code below} (so that two curves that share a
     * region can put their labels on either side); drawn above every other layer, never in the legend.
     */
    public Plot labels(double[] x, double[] y, String[] texts, String color, boolean below) {
        layers.add(new Layer(Kind.LABELS, x.clone(), y.clone(), null, null, color, below, null, null,
                texts.clone()));
        return this;
    }

    /** Whether no layer has a value that can be drawn. */
    public boolean isEmpty() {
        return !bounds(xAxis.log, true).found() || !bounds(yAxis.log, false).found();
    }

    /** The chart as an {@code <svg>} element. */
    public String render() {
        if (!yAxis.log && yLog()) {
            yAxis = new Axis(yAxis.label, true, yAxis.format);
        }
        return new PlotRenderer(this).render();
    }

    // ---- state shared with the renderer

    enum Kind { BAND, LINE, HLINE, POINTS, LABELS }

    record Axis(String label, boolean log, DoubleFunction<String> format) {
    }

    /** One layer; arrays are cut to the shortest, so that mismatched input draws what it can. */
    record Layer(Kind kind, double[] x, double[] y, double[] lo, double[] hi, String color, boolean style,
            Marker marker, String label, String[] tips) {
        Layer {
            if (kind != Kind.HLINE) {
                int n = Math.min(x.length, y.length);
                n = lo == null ? n : Math.min(n, lo.length);
                n = hi == null ? n : Math.min(n, hi.length);
                n = tips == null ? n : Math.min(n, tips.length);
                x = Arrays.copyOf(x, n);
                y = Arrays.copyOf(y, n);
                lo = lo == null ? null : Arrays.copyOf(lo, n);
                hi = hi == null ? null : Arrays.copyOf(hi, n);
                tips = tips == null ? null : Arrays.copyOf(tips, n);
            }
        }
    }

    record Bounds(double min, double max) {
        boolean found() {
            return min <= max;
        }
    }

    String title() {
        return title;
    }

    String subtitleText() {
        return subtitle;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    Axis xAxis() {
        return xAxis;
    }

    Axis yAxis() {
        return yAxis;
    }

    boolean yZero() {
        return yZero;
    }

    double[] xTicks() {
        return xTicks;
    }

    List<Layer> layers() {
        return layers;
    }

    static double charWidth() {
        return CHAR_W;
    }

    static int font() {
        return FONT;
    }

    /** Legend entries by label, first layer of each label wins. */
    Map<String, Layer> legend() {
        Map<String, Layer> m = new LinkedHashMap<>();
        for (Layer l : layers) {
            if (l.label() != null && !l.label().isEmpty()) {
                m.putIfAbsent(l.label(), l);
            }
        }
        return m;
    }

    /** Range of the drawable values along x ({@code alongX}) or y. */
    Bounds bounds(boolean log, boolean alongX) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Layer l : layers) {
            List<double[]> arrays = new ArrayList<>();
            if (alongX) {
                arrays.add(l.x());
            } else {
                arrays.add(l.y());
                if (l.lo() != null) {
                    arrays.add(l.lo());
                }
                if (l.hi() != null) {
                    arrays.add(l.hi());
                }
            }
            for (double[] a : arrays) {
                for (int i = 0; i < a.length; i++) {
                    double v = a[i];
                    boolean ok = Double.isFinite(v) && (!log || v > 0);
                    if (ok && l.kind() != Kind.HLINE) {
                        ok = drawable(l, i);
                    }
                    if (ok) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return new Bounds(min, max);
    }

    /** Whether point {@code i} of a layer has a drawable x and y (on the configured axes). */
    boolean drawable(Layer l, int i) {
        double x = l.x()[i];
        double y = l.y()[i];
        return Double.isFinite(x) && (!xAxis.log || x > 0) && Double.isFinite(y) && (!yAxis.log || y > 0);
    }
}
