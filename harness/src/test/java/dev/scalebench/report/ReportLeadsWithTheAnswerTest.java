package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.analysis.Dataset;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.Numbers;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.Headline;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.measure.Flag;
import dev.scalebench.results.TrialValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 3: {@code report.md} and {@code report.html} lead with the answer. The flagged trials are counted
 * in a banner at the top; each series' headline says only what holds within the measured levels, and what the fit
 * puts beyond them is labelled extrapolated; the per-point table (p50, p99, throughput with intervals, flags) comes
 * next; no sentence says what a form implies whatever the data.
 */
class ReportLeadsWithTheAnswerTest {

    private static final Analysis A = ReportFixtures.standard();

    /** gpt-1m prefill, batches 1..16, t = 2 ms + 0.3 ms·b: 90 % of saturation at batch 60, far beyond 16. */
    private static Analysis unsaturated(int notSteadyEvery) {
        double[] jitter = {-0.02, 0.005, 0.015};
        List<Sample> samples = new ArrayList<>();
        int n = 0;
        for (int b : new int[] {1, 2, 4, 8, 16}) {
            PointKey k = new PointKey("gpt-1m", "fp32", "prefill", 1_000_000L, b, 128);
            for (int r = 0; r < 3; r++) {
                double ns = (2e-3 + 3e-4 * b) * 1e9 * (1 + jitter[(r + b) % 3]);
                List<Flag> flags = n++ % notSteadyEvery == 0 ? List.of(Flag.NOT_STEADY) : List.of();
                samples.add(new Sample(k, Integer.toString(r), ns, ns * 1.3, ns * 1.02, Double.NaN, flags));
            }
        }
        return new Analyzer(FitOptions.DEFAULTS.withBootstrap(200), TrialMetric.P50)
                .analyze(new Dataset("results/unsaturated", "toy", samples, Map.of(), List.of()), null);
    }

    // ---- order

    @Test
    void theBannerThenTheHeadlinesThenThePointsComeFirst() {
        String md = MarkdownReport.render(A);
        int banner = md.indexOf("**Flagged trials**");
        int headlines = md.indexOf("## Headlines");
        int points = md.indexOf("## Points");
        assertThat(banner).isPositive();
        assertThat(headlines).isGreaterThan(banner);
        assertThat(points).isGreaterThan(headlines);
        assertThat(md.indexOf("## Fitted laws")).isGreaterThan(points);
        assertThat(md.indexOf("## Roofline")).isGreaterThan(points);
        assertThat(md).doesNotContain("## Findings");

        String html = HtmlReport.render(A);
        int[] at = Arrays.stream(new String[] {"id=\"flags\"", "id=\"headlines\"", "id=\"points\"",
                "id=\"throughput\"", "id=\"latency\"", "id=\"roofline\"", "id=\"residuals\"", "id=\"laws\""})
                .mapToInt(html::indexOf).toArray();
        for (int i = 0; i < at.length; i++) {
            assertThat(at[i]).as("section %d", i).isPositive();
            if (i > 0) {
                assertThat(at[i]).as("section %d after %d", i, i - 1).isGreaterThan(at[i - 1]);
            }
        }
        // the points are not hidden: the first table of the section is open
        String pointsSection = html.substring(html.indexOf("id=\"points\""), html.indexOf("id=\"throughput\""));
        assertThat(pointsSection).contains("<details open=\"open\"><summary>gpt-125m bf16 prefill");
        // all of them up to 120 points; beyond, the first only
        assertThat(pointsSection.split("<details open=\"open\">", -1)).hasSize(4 + 1);
        String big = HtmlReport.render(ReportFixtures.large(8)); // 128 points
        String bigPoints = big.substring(big.indexOf("id=\"points\""), big.indexOf("id=\"throughput\""));
        assertThat(bigPoints.split("<details", -1)).hasSize(16 + 1);
        assertThat(bigPoints.split("<details open=\"open\">", -1)).hasSize(1 + 1);
    }

    // ---- the banner

    @Test
    void theBannerCountsTheFlaggedTrialsOfEveryPoint() {
        // 32 points of 3 trials but one of 1: 94 trials; 2 not-steady at each of the 4 decode batch-1 points
        String md = MarkdownReport.render(A);
        assertThat(md).contains("- ⚠️ **8 of 94 trials flagged not-steady:** warm-up reached its time limit")
                .contains("- ⚠️ **1 of 94 trials flagged gc:** a garbage collection paused the JVM")
                .contains("- ⚠️ **1 of 94 trials flagged p99-low-confidence:** fewer than 10 000 steps");
        assertThat(md).contains("**8 of 94 trials flagged not-steady:** warm-up reached its time limit before the "
                + "step latency settled");
        // most frequent first
        assertThat(md.indexOf("not-steady:**")).isLessThan(md.indexOf("gc:**"));
        String html = HtmlReport.render(A);
        assertThat(html).contains("<li><b>8 of 94 trials flagged not-steady:</b> warm-up reached")
                .contains("<li><b>1 of 94 trials flagged gc:</b>");

        // the banner counts what the points carry: one more gc trial anywhere, one more in the banner
        List<PointStats> points = new ArrayList<>(A.points());
        points.set(0, points.get(0).withFlags(Map.of(Flag.GC, 1)));
        Analysis more = new Analysis(A.schema(), A.source(), A.device(), A.metric(), A.options(), points, A.fits(),
                A.hardware(), A.roofline(), A.warnings());
        assertThat(MarkdownReport.render(more)).contains("**2 of 94 trials flagged gc:**");
        // and without flags there is no banner
        List<PointStats> clean = A.points().stream().map(p -> p.withFlags(Map.of())).toList();
        Analysis none = new Analysis(A.schema(), A.source(), A.device(), A.metric(), A.options(), clean, A.fits(),
                A.hardware(), A.roofline(), A.warnings());
        assertThat(MarkdownReport.render(none)).doesNotContain("Flagged trials").doesNotContain("⚠️ **");
        assertThat(HtmlReport.render(none)).doesNotContain("id=\"flags\"");
    }

    @Test
    void flagsTravelFromTheTrialsToTheBannerAndThePointRows() {
        // every 4th of 15 trials not-steady: 4 of them
        Analysis a = unsaturated(4);
        assertThat(a.points()).extracting(p -> p.flags().getOrDefault(Flag.NOT_STEADY, 0))
                .containsExactly(1, 1, 1, 0, 1);
        String md = MarkdownReport.render(a);
        assertThat(md).contains("**4 of 15 trials flagged not-steady:**");
        assertThat(md).contains("| ⚠️ 1 | 128 | 3 |").contains("| not-steady 1/3 |");
        assertThat(md).containsPattern("\\| 8 \\| 128 \\| 3 \\| [^\\n]* \\|  \\|\\n");
        // fits.json keeps the counts, so a report regenerated from it says the same
        Analysis back = FitsJson.fromJson(FitsJson.toJson(a), "fits.json");
        assertThat(back.points()).extracting(PointStats::flags).containsExactlyElementsOf(
                a.points().stream().map(PointStats::flags).toList());
        assertThat(MarkdownReport.render(back)).contains("**4 of 15 trials flagged not-steady:**");
    }

    @Test
    void theSweepsLineSaysTheSameAsTheBanner() {
        List<TrialValues> trials = List.of(trial(List.of(Flag.NOT_STEADY)),
                trial(List.of(Flag.NOT_STEADY, Flag.GC, Flag.NOT_STEADY)), trial(List.of()));
        assertThat(FlagNotes.line(trials)).isEqualTo("flags: 2 of 3 trials not-steady (warm-up never settled), "
                + "1 of 3 trials gc (GC pauses in the measured loop); flagged trials are kept and marked in the "
                + "report");
        assertThat(FlagNotes.line(List.of(trial(List.of()), trial(List.of())))).isNull();
        assertThat(FlagNotes.counts(trials)).isEqualTo(Map.of(Flag.NOT_STEADY, 2, Flag.GC, 1));
    }

    private static TrialValues trial(List<Flag> flags) {
        return new TrialValues("p", 0, 1, 1, 1, 1, 1, 1, 1, 1, flags);
    }

    // ---- headlines

    @Test
    void aSaturationBeyondTheMeasuredBatchesIsNeverTheHeadline() {
        // gpt-125m decode at seq 128: b90 = 1.11k, measured up to batch 64
        String md = MarkdownReport.render(A);
        String line = line(md, "- *gpt-125m bf16 decode at seq 128, over batch*: ");
        assertThat(line).contains("at batch 64, the largest measured").contains("has not saturated")
                .doesNotContain("610k").doesNotContain("1.11k").doesNotContain("saturates");
        String next = md.substring(md.indexOf(line) + line.length() + 1);
        assertThat(next).startsWith("  - *Extrapolated, beyond the measured batches 1–64:* saturation at 610k seq/s "
                + "[589k, 629k]; 90 % of it at batch 1.11k [1k, 1.25k]");
        // in HTML the extrapolated figures are inside their labelled block only
        String html = HtmlReport.render(A);
        String li = html.substring(html.indexOf("<li><b>gpt-125m bf16 decode at seq 128, over batch</b>"));
        li = li.substring(0, li.indexOf("</li>"));
        String outside = li.replaceAll("<div class=\"extrapolated\">.*?</div>", "");
        assertThat(outside).doesNotContain("610k").doesNotContain("1.11k");
        assertThat(li).contains("<div class=\"extrapolated\"><span class=\"tag\">extrapolated</span> beyond the "
                + "measured batches 1–64: saturation at 610k");
        // a saturation reached within the measured batches is the headline
        assertThat(line(md, "- *gpt-125m bf16 prefill at seq 128, over batch*: "))
                .contains("Throughput saturates at 22.5k seq/s [21.8k, 23.2k]; 90 % of it is reached at batch 27");
    }

    @Test
    void noHeadlineStatesALevelOutsideTheMeasuredRange() {
        for (Analysis a : List.of(A, unsaturated(1000))) {
            for (SeriesFit f : a.fits()) {
                Headline h = Headline.of(f);
                FormFit best = f.best();
                double min = Arrays.stream(f.x()).min().orElseThrow();
                double max = Arrays.stream(f.x()).max().orElseThrow();
                for (String name : List.of("b90", "knee")) {
                    Estimate e = best.estimate(name);
                    if (e != null && (e.value() > max || e.value() < min)) {
                        assertThat(h.measured()).as("%s of %s", name, f.key().label())
                                .doesNotContain("batch " + Numbers.si(e.value()))
                                .doesNotContain("batch " + Numbers.sig(e.value(), 2));
                        assertThat(h.extrapolated()).as("%s of %s", name, f.key().label()).isNotNull();
                    }
                }
            }
        }
        // the fitted synthetic series: 90 % of saturation at batch ~60, measured up to 16
        SeriesFit f = unsaturated(1000).fits().get(0);
        Headline h = Headline.of(f);
        assertThat(h.measured()).startsWith("throughput reaches ").contains("at batch 16, the largest measured")
                .doesNotContain("saturates");
        assertThat(h.extrapolatedLabel()).isEqualTo("extrapolated, beyond the measured batches 1–16");
        assertThat(h.extrapolated()).startsWith("saturation at 3.");
        assertThat(MarkdownReport.render(unsaturated(1000))).contains("  - *Extrapolated, beyond the measured batches "
                + "1–16:* saturation at 3.");
    }

    @Test
    void eachSeriesLabelIsPrintedOnce() {
        String md = MarkdownReport.render(A);
        for (SeriesFit f : A.fits()) {
            assertThat(md).doesNotContain(f.key().label() + "*: " + f.key().label());
        }
    }

    // ---- sentences that hold by construction

    @Test
    void noSentenceOrCellSaysWhatTheFormImpliesWhateverTheData() {
        Analysis a = unsaturated(1000);
        FormFit linear = a.fits().get(0).forms().stream().filter(ff -> ff.form().equals("linear")).findFirst()
                .orElseThrow();
        // the fit computes the gains of one more doubling beyond b90 (fits.json keeps them) ...
        assertThat(linear.estimate("doubling_throughput").value()).isCloseTo(1 / 19.0,
                org.assertj.core.data.Offset.offset(1e-9));
        // ... but they are the same for every linear fit, so no report says them
        for (String text : List.of(MarkdownReport.render(a), HtmlReport.render(a), MarkdownReport.render(A),
                HtmlReport.render(A))) {
            assertThat(text).doesNotContain("doubling").doesNotContainPattern("\\d % latency")
                    .doesNotContain("grows in proportion to batch");
        }
        assertThat(a.fits().get(0).sentence()).doesNotContain("doubling");
    }

    // ---- per-point table

    @Test
    void thePointsTableHasIntervalsForP50P99AndThroughputAndTheFlags() {
        String md = MarkdownReport.render(A);
        assertThat(md).contains("| batch | seq | trials | p50 [95 % CI] | p99 [95 % CI] | seq/s [95 % CI] | tokens/s "
                + "| flags (trials) |");
        String row = line(md, "| ⚠️ 1 | 128 | 3 | 205 µs");
        assertThat(row).contains("not-steady 2/3").matches(".*\\| 4\\.88k \\[[\\d.]+k, [\\d.]+k] \\|.*");
        // the throughput interval is the latency interval turned over: batch / [hi, lo]
        PointStats p = A.points().stream().filter(q -> q.point().id().equals("gpt-125m/bf16/decode/b1/s128"))
                .findFirst().orElseThrow();
        assertThat(row).contains(Numbers.si(1 / (p.metricCi().hi() * 1e-9)) + ", "
                + Numbers.si(1 / (p.metricCi().lo() * 1e-9)) + "]");
    }

    // ---- log axes

    @Test
    void throughputChartsWhoseValuesSpanMoreThanTenfoldHaveALogAxis() {
        List<String> svgs = Charts.throughput(A).values().stream().flatMap(List::stream).toList();
        int log = 0;
        int linear = 0;
        for (Map.Entry<String, List<PointStats>> g : Tables.groups(A.points(), p -> p.point().model() + " "
                + p.point().dtype() + " " + p.point().phase() + " · seq " + p.point().seq()).entrySet()) {
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (PointStats p : g.getValue()) {
                double[] ci = Format.throughputCi(p);
                for (double v : new double[] {p.seqPerS(), ci[0], ci[1]}) {
                    if (v > 0) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            String svg = svgs.stream().filter(c -> c.contains("<title>" + g.getKey() + "</title>")).findFirst()
                    .orElseThrow();
            if (max > 10 * min) {
                assertThat(svg).as(g.getKey()).contains(">throughput, seq/s (log)</text>");
                log++;
            } else if (max < 5 * min) {
                assertThat(svg).as(g.getKey()).contains(">throughput, seq/s</text>");
                linear++;
            }
        }
        assertThat(log).as("charts spanning more than 10×").isPositive();
        assertThat(linear).as("charts spanning less than 5×").isPositive();
        // latency charts are log already; residuals stay linear (signed)
        assertThat(Charts.residuals(A).values().stream().flatMap(List::stream))
                .allMatch(c -> c.contains(">ln(observed / fitted)</text>"));
    }

    private static String line(String text, String start) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(start) + ".*$").matcher(text);
        assertThat(m.find()).as("a line starting with %s", start).isTrue();
        return m.group();
    }
}
