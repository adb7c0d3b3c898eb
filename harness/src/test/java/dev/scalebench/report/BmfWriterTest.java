package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.analysis.Dataset;
import dev.scalebench.analysis.GenerationSamples;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.analysis.compare.Effect;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.pipeline.Analyzer;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bencher Metric Format ({@link BmfWriter}): the three renderings of the report fixtures byte for byte against
 * golden files (also under other locales), every one of them valid as Bencher documents the format
 * ({@link BmfFormat}), their numbers the results' own, and the rules for what is unknown (no NaN, no null, bounds
 * omitted).
 *
 * <p>After an intended change of the output: {@code -Dgolden.update=true} (see {@link ReportGoldenTest}).
 */
class BmfWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- golden files

    @Test
    void analysisMatchesTheGoldenFile() {
        String bmf = BmfWriter.render(ReportFixtures.standard());
        assertThat(bmf).isEqualTo(ReportChecks.golden("bmf-analyze.json", bmf));
    }

    @Test
    void comparisonMatchesTheGoldenFile() {
        String bmf = BmfWriter.render(CompareReportFixtures.standard());
        assertThat(bmf).isEqualTo(ReportChecks.golden("bmf-compare.json", bmf));
    }

    @Test
    void gateMatchesTheGoldenFile() {
        String bmf = BmfWriter.render(GateFixtures.standard());
        assertThat(bmf).isEqualTo(ReportChecks.golden("bmf-gate.json", bmf));
    }

    @Test
    void outputIsByteIdenticalUnderGermanTurkishAndArabicLocales() {
        String a = ReportChecks.golden("bmf-analyze.json", BmfWriter.render(ReportFixtures.standard()));
        String c = ReportChecks.golden("bmf-compare.json", BmfWriter.render(CompareReportFixtures.standard()));
        String g = ReportChecks.golden("bmf-gate.json", BmfWriter.render(GateFixtures.standard()));
        ReportChecks.inOtherLocales(l -> {
            assertThat(BmfWriter.render(ReportFixtures.standard())).as("analyze under %s", l).isEqualTo(a);
            assertThat(BmfWriter.render(CompareReportFixtures.standard())).as("compare under %s", l).isEqualTo(c);
            assertThat(BmfWriter.render(GateFixtures.standard())).as("gate under %s", l).isEqualTo(g);
        });
    }

    // ---- the format

    @Test
    void everyRenderingIsValidBmf() {
        List<String> docs = List.of(BmfWriter.render(ReportFixtures.standard()),
                BmfWriter.render(CompareReportFixtures.standard()), BmfWriter.render(GateFixtures.standard()),
                BmfWriter.render(EnergyFitsTest.analysis(true)), BmfWriter.render(generation()));
        for (String d : docs) {
            assertThat(BmfFormat.problems(d)).as(d).isEmpty();
            assertThat(d).doesNotContain("null", "NaN", "Infinity");
        }
    }

    @Test
    void theCheckerFindsWhatBencherWouldRefuse() {
        assertThat(BmfFormat.problems("[]")).containsExactly("$: ARRAY where the schema wants object");
        assertThat(BmfFormat.problems("{\"b\": {\"latency\": {\"lower_value\": 1}}}"))
                .containsExactly("$[\"b\"][\"latency\"]: required 'value' is missing");
        assertThat(BmfFormat.problems("{\"b\": {\"latency\": {\"value\": \"1\"}}}"))
                .containsExactly("$[\"b\"][\"latency\"][\"value\"]: STRING where the schema wants number");
        assertThat(BmfFormat.problems("{\"b\": {\"latency\": {\"value\": null}}}")).hasSize(1);
        assertThat(BmfFormat.problems("{\"b\": {\"latency\": {\"value\": NaN}}}")).singleElement().asString()
                .startsWith("not JSON");
        assertThat(BmfFormat.problems("{\"b\": {\"latency\": {\"value\": 2, \"lower_value\": 3}}}"))
                .containsExactly("b / latency: lower_value 3 > value 2");
        assertThat(BmfFormat.problems("{\"b\": {\"latency\": {\"value\": 2, \"upper_value\": 1}}}"))
                .containsExactly("b / latency: upper_value 1 < value 2");
        assertThat(BmfFormat.problems("{\"b\": {\"Latency P99\": {\"value\": 2, \"unit\": \"ns\"}}}"))
                .containsExactly("b / Latency P99: not a measure slug (kebab case, at most 64 characters)",
                        "b / Latency P99: unknown key unit");
        assertThat(BmfFormat.problems("{\"\": {\"latency\": {\"value\": 1}}}")).hasSize(1);
        assertThat(BmfFormat.problems("{\"b\": {}}")).containsExactly("b: no measure");
        assertThat(BmfFormat.schema().get("$id").asText()).isEqualTo("https://bencher.dev/bmf.json");
    }

    @Test
    void everyMetricHasASlugBencherAccepts() {
        Set<String> slugs = new java.util.HashSet<>();
        for (TrialMetric m : TrialMetric.values()) {
            String s = BmfDocument.slug(m);
            assertThat(s).as(m.id()).matches("[a-z0-9]+(-[a-z0-9]+)*").hasSizeLessThanOrEqualTo(64);
            assertThat(BmfDocument.ratioSlug(m)).hasSizeLessThanOrEqualTo(64);
            assertThat(slugs.add(s)).as("slug %s once", s).isTrue();
        }
        assertThat(BmfDocument.slug(TrialMetric.THROUGHPUT)).as("Bencher's built-in measure").isEqualTo("throughput");
        assertThat(BmfDocument.slug(TrialMetric.P999)).isEqualTo("latency-p99-9");
        assertThat(BmfDocument.slug(TrialMetric.TPOT_P99)).isEqualTo("tpot-p99");
        assertThat(BmfDocument.slug(TrialMetric.JOULES_PER_TOKEN)).isEqualTo("joules-per-token");
    }

    @Test
    void unknownValuesAndBoundsAreOmittedNeverNull() throws IOException {
        String d = new BmfDocument()
                .add("p", "latency-p50", 10, new Interval(9, 11))
                .add("p", "latency-p99", Double.NaN, new Interval(9, 11))           // not measured: left out
                .add("p", "throughput", 5, Interval.UNDEFINED)                        // one trial: no bounds
                .add("p", "ttft-p50", 5, new Interval(6, 7))                          // a lower bound above the value
                .add("p", "tpot-p50", 5, new Interval(Double.NEGATIVE_INFINITY, 4))  // unbounded; upper below
                .add("q", "latency-p50", Double.NaN, null)                          // q: nothing known, no benchmark
                .render();
        JsonNode n = JSON.readTree(d);
        assertThat(n.fieldNames()).toIterable().containsExactly("p");
        assertThat(n.get("p").fieldNames()).toIterable().containsExactly("latency-p50", "throughput", "ttft-p50",
                "tpot-p50");
        assertThat(n.at("/p/latency-p50").toString()).isEqualTo("{\"value\":10,\"lower_value\":9,\"upper_value\":11}");
        assertThat(n.at("/p/throughput").toString()).isEqualTo("{\"value\":5}");
        assertThat(n.at("/p/ttft-p50").toString()).isEqualTo("{\"value\":5,\"upper_value\":7}");
        assertThat(n.at("/p/tpot-p50").toString()).isEqualTo("{\"value\":5}");
        assertThat(new BmfDocument().render()).isEqualTo("{}\n");
        assertThatThrownBy(() -> new BmfDocument().add("p", "latency", 1, null).add("p", "latency", 2, null))
                .hasMessageContaining("'p' has measure 'latency' twice");
        assertThatThrownBy(() -> new BmfDocument().add("p", "Latency", 1, null)).hasMessageContaining("'Latency'");
        assertThatThrownBy(() -> new BmfDocument().add("", "latency", 1, null)).hasMessageContaining("1 to 1024");
    }

    // ---- the numbers are the results' own

    @Test
    void analysisHasEachPointsFiguresWithTheirIntervalsInNanosecondsAndTokensPerSecond() throws IOException {
        Analysis a = ReportFixtures.standard();
        JsonNode n = JSON.readTree(BmfWriter.render(a));
        assertThat(n.size()).isEqualTo(a.points().size());
        PointStats p = a.points().get(0);
        JsonNode b = n.get(p.point().id());
        assertThat(b.fieldNames()).toIterable().containsExactly("latency-p50", "latency-p99", "throughput");
        assertThat(b.at("/latency-p50/value").doubleValue()).isCloseTo(p.p50Ns(), within(p.p50Ns() * 1e-5));
        assertThat(b.at("/latency-p50/lower_value").doubleValue()).isCloseTo(p.p50Ci().lo(), within(p.p50Ns() * 1e-5));
        assertThat(b.at("/latency-p99/upper_value").doubleValue()).isCloseTo(p.p99Ci().hi(), within(p.p99Ns() * 1e-5));
        assertThat(b.at("/throughput/value").doubleValue()).isCloseTo(p.tokensPerS(), within(p.tokensPerS() * 1e-5));
    }

    @Test
    void energyPerTokenIsAMeasureWhereTheTrialsReadEnergy() throws IOException {
        Analysis with = EnergyFitsTest.analysis(true);
        JsonNode n = JSON.readTree(BmfWriter.render(with));
        PointStats p = with.points().get(3);
        JsonNode j = n.get(p.point().id()).get("joules-per-token");
        double v = p.energy().joulesPerToken().value();
        assertThat(j.get("value").doubleValue()).as("six significant digits").isCloseTo(v, within(v * 1e-5));
        assertThat(j.get("lower_value").doubleValue()).isCloseTo(0.99e-3 * Math.pow(8, -0.8), within(v * 1e-5));
        assertThat(BmfWriter.render(EnergyFitsTest.analysis(false))).doesNotContain("joules");
    }

    @Test
    void aGeneratePointHasItsEndToEndLatenciesAndItsTokenLatencies() throws IOException {
        Analysis g = generation();
        JsonNode n = JSON.readTree(BmfWriter.render(g));
        PointStats p = g.points().get(0);
        assertThat(n.get(p.point().id()).fieldNames()).toIterable().containsExactly("e2e-p50", "e2e-p99",
                "ttft-p50", "ttft-p99", "tpot-p50", "tpot-p99", "throughput");
        assertThat(n.get(p.point().id()).at("/tpot-p99/value").doubleValue())
                .isCloseTo(p.generation().tpotP99().value(), within(p.generation().tpotP99().value() * 1e-5));
    }

    @Test
    void comparisonHasTheOtherRunsMediansAndTheRatiosWithTheirIntervals() throws IOException {
        Comparison c = CompareReportFixtures.standard();
        JsonNode n = JSON.readTree(BmfWriter.render(c));
        int effects = 0;
        for (var row : c.matched(1)) {
            JsonNode b = n.get(row.arm(1).point().id());
            assertThat(b).as(row.key().id()).isNotNull();
            for (Effect e : row.effects()) {
                JsonNode r = b.get(BmfDocument.ratioSlug(e.metric()));
                assertThat(r.get("value").doubleValue()).isCloseTo(e.ratio(), within(e.ratio() * 1e-5));
                assertThat(r.get("lower_value").doubleValue()).isCloseTo(e.ci().lo(), within(e.ratio() * 1e-5));
                assertThat(b.at("/" + BmfDocument.slug(e.metric()) + "/value").doubleValue())
                        .isCloseTo(e.other(), within(e.other() * 1e-5));
                effects++;
            }
        }
        assertThat(effects).isPositive();
    }

    @Test
    void moreThanTwoRunsNameEachOtherRunsBenchmarksByItsLabel() throws IOException {
        Comparison c = CompareReportFixtures.large(3, 4);
        JsonNode n = JSON.readTree(BmfWriter.render(c));
        Set<String> labels = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(f -> labels.add(f.substring(f.lastIndexOf(' ') + 1)));
        assertThat(labels).containsExactly("[B]", "[C]");
        assertThat(BmfFormat.problems(BmfWriter.render(c))).isEmpty();
    }

    @Test
    void gateHasTheCandidatesMediansAndTheTestedRatiosWithTheGatesInterval() throws IOException {
        GateResult r = GateFixtures.standard();
        JsonNode n = JSON.readTree(BmfWriter.render(r));
        assertThat(n.fieldNames()).toIterable().containsExactlyElementsOf(
                r.points().stream().map(PointVerdict::pointId).toList());
        List<String> untested = new ArrayList<>();
        for (PointVerdict p : r.points()) {
            for (MetricTest t : p.tests()) {
                JsonNode b = n.get(p.pointId());
                assertThat(b.at("/" + BmfDocument.slug(t.metric()) + "/value").doubleValue())
                        .isCloseTo(t.candidateMedian(), within(t.candidateMedian() * 1e-5));
                JsonNode ratio = b.get(BmfDocument.ratioSlug(t.metric()));
                if (!t.tested()) {
                    assertThat(ratio).as("an untested metric has no ratio").isNull();
                    untested.add(p.pointId());
                    continue;
                }
                assertThat(ratio.get("value").doubleValue()).isCloseTo(t.ratio(), within(1e-5));
                assertThat(ratio.get("lower_value").doubleValue()).isCloseTo(t.interval().lo(), within(1e-5));
                assertThat(ratio.get("upper_value").doubleValue()).isCloseTo(t.interval().hi(), within(1e-5));
            }
        }
        assertThat(untested).as("b8 has too few trials").contains("m/fp32/decode/b8/s64");
        Map<String, Long> measures = new java.util.TreeMap<>();
        n.forEach(b -> b.fieldNames().forEachRemaining(m -> measures.merge(m, 1L, Long::sum)));
        assertThat(measures.keySet()).containsExactly("latency-p99", "latency-p99-ratio", "throughput",
                "throughput-ratio");
    }

    private static Analysis generation() {
        Dataset data = new Dataset("synthetic generate", "toy", GenerationSamples.of("llama-tiny",
                new int[] {1, 2, 4}, new int[] {8}, b -> 4e6 + 1e6 * b, b -> 2e6 + 0.5e6 * b, 3, 0.02, 5), Map.of(),
                List.of());
        return new Analyzer(FitOptions.DEFAULTS.withBootstrap(100), TrialMetric.P50).analyze(data, null);
    }
}
