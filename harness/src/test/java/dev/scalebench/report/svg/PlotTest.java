package dev.scalebench.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PlotTest {

    private static Document xml(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void linearTicksAreNiceAndCoverTheData() {
        Scale s = Scale.linear(0.3, 9.7, false);
        assertThat(s.ticks()).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(s.lo()).isEqualTo(0.0);
        assertThat(s.hi()).isEqualTo(10.0);
        assertThat(Scale.linear(3200, 21400, true).ticks()).startsWith(0.0, 5000.0).endsWith(25000.0);
        assertThat(Scale.linear(-0.013, 0.021, false).ticks()).contains(0.0).first().isEqualTo(-0.02);
        assertThat(Scale.linear(5, 5, false).ticks()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Scale.niceStep(0.37)).isEqualTo(0.5);
        assertThat(Scale.niceStep(1.2)).isEqualTo(2.0);
    }

    @Test
    void logTicksUseDecadesThinnedOrFilledIn() {
        assertThat(Scale.log(1, 64).ticks()).containsExactly(1.0, 2.0, 5.0, 10.0, 20.0, 50.0);
        assertThat(Scale.log(1, 1e15).ticks()).hasSizeLessThanOrEqualTo(9).contains(1.0, 1e3, 1e6);
        assertThat(Scale.log(200e-6, 600e-6).ticks()).hasSizeGreaterThanOrEqualTo(2);
        Scale levels = Scale.log(1, 64).withTicks(new double[] {1, 4, 16, 64, 4});
        assertThat(levels.ticks()).containsExactly(1.0, 4.0, 16.0, 64.0);
        assertThat(levels.fraction(1)).isGreaterThan(0).isLessThan(0.05);
        assertThat(levels.fraction(8)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> Scale.log(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pixelNumbersAreTheSameInEveryLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Xml.num(12.34)).isEqualTo("12.3");
            assertThat(Xml.num(-4.56)).isEqualTo("-4.6");
            assertThat(Xml.num(-0.04)).isEqualTo("0");
            assertThat(Xml.num(7)).isEqualTo("7");
            assertThat(Xml.num(Double.NaN)).isEqualTo("0");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void rendersWellFormedSvgWithLayersLegendAndEscapedText() throws Exception {
        String svg = new Plot("a < b & \"c\"").subtitle("sub").x("batch", true, v -> Double.toString(v))
                .y("seq/s", false, v -> Double.toString(v)).yFromZero().xTicksAt(1, 4, 16)
                .band(new double[] {1, 4, 16}, new double[] {0.9, 3.5, 14}, new double[] {1.1, 4.5, 18}, "#00f",
                        "band")
                .line(new double[] {1, 4, 16}, new double[] {1, 4, 16}, "#00f", false, "fit")
                .points(new double[] {1, 4, 16}, new double[] {1, 4.1, 15}, new double[] {0.8, 3.9, 14},
                        new double[] {1.2, 4.3, 16}, "#f00", Plot.Marker.SQUARE, false, "measured",
                        new String[] {"one <1>", "two", "three"})
                .render();
        Document d = xml(svg);
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("a &lt; b &amp; &quot;c&quot;").contains("one &lt;1&gt;")
                .contains(">band</text>").contains(">fit</text>").contains(">measured</text>")
                .contains(">batch (log)</text>").doesNotContain("xmlns");
        // 3 markers + 1 in the legend, error bars with caps: 3 lines each
        assertThat(d.getElementsByTagName("rect").getLength()).isEqualTo(1 + 1 + 3 + 1 + 1);
        assertThat(count(svg, "<path d=\"M[^\"]*Z\"")).as("one filled band").isEqualTo(1);
    }

    @Test
    void valuesThatCannotBeDrawnAreSkipped() throws Exception {
        Plot p = new Plot("log").x("x", true, v -> "").y("y", true, v -> "")
                .points(new double[] {1, -1, 3, 4}, new double[] {1, 2, Double.NaN, 0}, null, null, "#000",
                        Plot.Marker.CIRCLE, false, null, null);
        assertThat(p.isEmpty()).isFalse();
        String svg = p.render();
        xml(svg);
        assertThat(count(svg, "<circle")).isEqualTo(1);
        Plot empty = new Plot("nothing").x("x", true, v -> "").y("y", true, v -> "")
                .points(new double[] {-1}, new double[] {-2}, null, null, "#000", Plot.Marker.CIRCLE, false, null,
                        null);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.render()).contains("no data to plot");
    }

    @Test
    void markersLieInsideThePlotAtTheirValues() {
        String svg = new Plot("").size(400, 300).x("x", false, v -> "").y("y", false, v -> "")
                .points(new double[] {0, 10}, new double[] {0, 10}, null, null, "#000", Plot.Marker.CIRCLE, false,
                        null, null)
                .render();
        Matcher m = Pattern.compile("<circle cx=\"([\\d.]+)\" cy=\"([\\d.]+)\"").matcher(svg);
        assertThat(m.find()).isTrue();
        double x0 = Double.parseDouble(m.group(1));
        double y0 = Double.parseDouble(m.group(2));
        assertThat(m.find()).isTrue();
        double x1 = Double.parseDouble(m.group(1));
        double y1 = Double.parseDouble(m.group(2));
        assertThat(x1).isGreaterThan(x0);
        assertThat(y1).as("larger values higher up").isLessThan(y0);
        assertThat(x0).isGreaterThan(0);
        assertThat(x1).isLessThan(400);
        assertThat(y1).isGreaterThan(0);
        assertThat(y0).isLessThan(300);
    }

    private static Plot throughput(double[] y, double[] lo, double[] hi) {
        return new Plot("t").x("batch", true, v -> "").y("seq/s", false, v -> "").yFromZero()
                .points(new double[] {1, 4, 16}, y, lo, hi, "#000", Plot.Marker.CIRCLE, false, null, null);
    }

    @Test
    void aLinearAxisWhoseValuesSpanMoreThanTenfoldIsDrawnLogarithmic() {
        // values 1k to 9k: linear, from zero
        Plot narrow = throughput(new double[] {1000, 4000, 9000}, null, null);
        assertThat(narrow.yLog()).isFalse();
        assertThat(narrow.render()).contains(">seq/s</text>").doesNotContain("seq/s (log)");
        // 1k to 12k: more than 10×, logarithmic, and labelled so
        Plot wide = throughput(new double[] {1000, 4000, 12000}, null, null);
        assertThat(wide.yLog()).isTrue();
        assertThat(wide.render()).contains(">seq/s (log)</text>");
        // one wide interval is enough: on a linear axis it would flatten the other points
        Plot interval = throughput(new double[] {1000, 1500, 2000}, new double[] {900, 1400, 300},
                new double[] {1100, 1600, 40000});
        assertThat(interval.yLog()).isTrue();
        assertThat(interval.render()).contains(">seq/s (log)</text>");
        // a band counts too, and exactly 10× stays linear
        assertThat(new Plot("").y("y", false, v -> "").band(new double[] {1, 2}, new double[] {1, 1},
                new double[] {10, 10}, "#000", null).yLog()).isFalse();
        assertThat(new Plot("").y("y", false, v -> "").band(new double[] {1, 2}, new double[] {1, 1},
                new double[] {10.5, 10}, "#000", null).yLog()).isTrue();
        // signed values, or a reference line at zero, keep it linear; so does yLinear()
        assertThat(new Plot("").y("r", false, v -> "").points(new double[] {1, 2}, new double[] {-0.5, 0.5}, null,
                null, "#000", Plot.Marker.CIRCLE, false, null, null).yLog()).isFalse();
        assertThat(new Plot("").y("r", false, v -> "").hline(0, "#999", true, null).points(new double[] {1, 2},
                new double[] {0.01, 0.5}, null, null, "#000", Plot.Marker.CIRCLE, false, null, null).yLog()).isFalse();
        Plot kept = throughput(new double[] {1000, 4000, 12000}, null, null).yLinear();
        assertThat(kept.yLog()).isFalse();
        assertThat(kept.render()).contains(">seq/s</text>");
    }

    @Test
    void aLongLegendWrapsAndGrowsTheChart() {
        Plot p = new Plot("t").size(300, 200).x("x", false, v -> "").y("y", false, v -> "");
        for (int i = 0; i < 8; i++) {
            p.line(new double[] {0, 1}, new double[] {i, i + 1}, "#000", false, "series number " + i);
        }
        String svg = p.render();
        Matcher m = Pattern.compile("viewBox=\"0 0 300 (\\d+)\"").matcher(svg);
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThan(200 + 3 * 16);
    }

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
