package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.BottleneckShift;
import dev.scalebench.analysis.roofline.BottleneckShift.Kind;
import dev.scalebench.analysis.roofline.ShiftFinder;
import dev.scalebench.report.ReportFixtures.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bottleneck shifts in fits.json, report.md, report.html and on the roofline chart. */
class ShiftReportTest {

    /**
     * {@link ReportFixtures#standard()} with the shifts {@link ShiftFinder} finds in its batch series (three trials
     * per level with the fixture's jitter; the seq series have two levels, too few).
     */
    static Analysis withShifts() {
        Analysis a = ReportFixtures.standard();
        List<Model> models = List.of(new Model("gpt-125m", 124_439_808L, 12, 768),
                new Model("gpt-350m", 354_823_168L, 24, 1024));
        ShiftFinder finder = new ShiftFinder(a.hardware(), 400, 1, 0.95);
        List<BottleneckShift> shifts = new ArrayList<>();
        int idx = 0;
        for (Model m : models) {
            for (String ph : new String[] {"prefill", "decode"}) {
                for (int s : new int[] {128, 512}) {
                    List<ShiftFinder.Level> levels = new ArrayList<>();
                    for (int b : new int[] {1, 4, 16, 64}) {
                        double t = ReportFixtures.seconds(m, ph, b, s);
                        levels.add(new ShiftFinder.Level(b, "bf16", new PointWork(ReportFixtures.flops(m, ph, b, s),
                                ReportFixtures.bytes(m, ph, b, s)), t, ReportFixtures.trials(t, 3, idx++)));
                    }
                    SeriesKey key = new SeriesKey(Axis.BATCH, m.name(), "bf16", ph, 0, s);
                    SeriesFit fit = a.fits().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
                    shifts.addAll(finder.find(key.id(), key.label(), "batch", ph, levels,
                            "roofline".equals(fit.selected()) ? fit.best().estimate("knee") : null));
                }
            }
        }
        return new Analysis(a.schema(), a.source(), a.device(), a.metric(), a.options(), a.points(), a.fits(),
                a.hardware(), a.roofline(), a.warnings(), a.spec(), a.repairs(), a.capacity(), shifts);
    }

    @Test
    void theFixtureHasCrossingsAndSeriesBoundAlike() {
        List<BottleneckShift> s = withShifts().shifts();
        assertThat(s).extracting(BottleneckShift::kind).contains(Kind.CROSSING, Kind.NONE);
        assertThat(s).filteredOn(x -> x.kind() == Kind.CROSSING).allSatisfy(c -> {
            assertThat(c.level()).isBetween(c.below(), c.above());
            assertThat(c.lo()).isLessThanOrEqualTo(c.level());
            assertThat(c.hi()).isGreaterThanOrEqualTo(c.level());
        });
    }

    @Test
    void fitsJsonRoundTripsTheShiftsToTheSameBytes() {
        Analysis a = withShifts();
        String json = FitsJson.toJson(a);
        assertThat(json).contains("\"shifts\": [").contains("\"kind\": \"crossing\"").contains("\"kind\": \"none\"");
        Analysis back = FitsJson.fromJson(json, "fits.json");
        assertThat(Equal.differences(a.shifts(), back.shifts(), 1e-5)).isEmpty();
        assertThat(FitsJson.toJson(back)).isEqualTo(json);
        // an interval end beyond the measured range survives the trip
        BottleneckShift c = a.shifts().stream().filter(x -> x.kind() == Kind.CROSSING).findFirst().orElseThrow();
        BottleneckShift open = new BottleneckShift(c.series(), c.label(), c.axis(), c.kind(), c.from(), c.to(),
                c.level(), c.lo(), Double.POSITIVE_INFINITY, c.below(), c.above(), c.minLevel(), c.maxLevel(),
                c.resamples(), c.sentence());
        Analysis withOpen = new Analysis(a.schema(), a.source(), a.device(), a.metric(), a.options(), a.points(),
                a.fits(), a.hardware(), a.roofline(), a.warnings(), a.spec(), a.repairs(), a.capacity(), List.of(open));
        assertThat(FitsJson.fromJson(FitsJson.toJson(withOpen), "x").shifts().get(0).hi())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> FitsJson.fromJson(json.replaceFirst("\"kind\": \"crossing\"", "\"kind\": \"cliff\""),
                "fits.json")).isInstanceOf(ScalebenchException.class).hasMessageContaining("crossing, knee or none");
    }

    @Test
    void theMarkdownSectionMatchesItsGoldenFile() {
        String md = MarkdownReport.render(withShifts());
        String section = md.substring(md.indexOf("## Bottleneck shifts"));
        assertThat(section).isEqualTo(ReportChecks.golden("shifts.md", section));
        // shifts first, then the series bound alike; one line per shift
        assertThat(section).contains("leaves ").contains("-bound over all measured batches 1–64");
        assertThat(section.indexOf("leaves ")).isLessThan(section.indexOf("over all measured"));
        assertThat(section.lines().filter(l -> l.startsWith("- ")).count()).isEqualTo(withShifts().shifts().size());
    }

    @Test
    void theHtmlListsTheSentencesAndTheChartDrawsThePathOfOneSeriesWithItsShift() {
        Analysis a = withShifts();
        String html = HtmlReport.render(a);
        assertThat(html).contains("<h3 id=\"shifts\">Bottleneck shifts</h3>");
        for (BottleneckShift s : a.shifts()) {
            assertThat(html).contains("<li>" + dev.scalebench.report.svg.Xml.escape(s.sentence()) + "</li>");
        }
        BottleneckShift drawn = ShiftReport.drawn(a);
        assertThat(drawn.kind()).isEqualTo(Kind.CROSSING);
        assertThat(ShiftReport.path(a, drawn)).hasSize(4);
        String chart = RooflineChart.render(a);
        assertThat(chart).contains("path of " + dev.scalebench.report.svg.Xml.escape(drawn.label()))
                .contains("shift: " + drawn.from().id() + " → " + drawn.to().id());
        ReportChecks.assertSelfContained(html);
    }

    @Test
    void withoutShiftsTheReportsAreUnchanged() {
        Analysis a = ReportFixtures.standard();
        assertThat(a.shifts()).isEmpty();
        assertThat(MarkdownReport.render(a)).doesNotContain("Bottleneck shift")
                .isEqualTo(ReportChecks.golden("report.md", MarkdownReport.render(a)));
        assertThat(FitsJson.toJson(a)).doesNotContain("\"shifts\"");
        assertThat(HtmlReport.render(a)).doesNotContain("Bottleneck shifts").doesNotContain("path of ");
    }
}
