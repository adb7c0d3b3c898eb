package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.analysis.gate.MetricTest;
import dev.scalebench.analysis.gate.PointVerdict;
import dev.scalebench.analysis.gate.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gate.json} read back by Jackson, {@code gate.md}'s size and order, and the three files written together. */
class GateReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesTheFourFilesAtomicallyIntoANewFolder(@TempDir Path tmp) throws IOException {
        GateResult r = GateFixtures.standard();
        Instant when = Instant.parse("2026-01-02T03:04:05Z");
        Path dir = tmp.resolve("gate/out");
        List<Path> files = GateReports.write(dir, r, when);
        assertThat(files).containsExactly(dir.resolve("gate.json"), dir.resolve("gate.md"),
                dir.resolve("gate-junit.xml"), dir.resolve("gate.html"));
        assertThat(Files.readString(files.get(0), StandardCharsets.UTF_8)).isEqualTo(GateJson.render(r));
        assertThat(Files.readString(files.get(1), StandardCharsets.UTF_8)).isEqualTo(GateMarkdown.render(r));
        assertThat(Files.readString(files.get(2), StandardCharsets.UTF_8)).isEqualTo(JunitXml.render(r, when));
        assertThat(Files.readString(files.get(3), StandardCharsets.UTF_8)).isEqualTo(GateHtml.render(r));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("gate.json", "gate.md", "gate-junit.xml", "gate.html");
        }
    }

    @Test
    void jsonReadsBackWithTheFieldsOfTheResult() throws IOException {
        GateResult r = GateFixtures.standard();
        JsonNode j = JSON.readTree(GateJson.render(r));
        assertThat(j.get("schema").intValue()).isEqualTo(1);
        assertThat(j.get("verdict").textValue()).isEqualTo("REGRESSION");
        assertThat(j.get("exitCode").intValue()).isEqualTo(1);
        JsonNode policy = j.get("policy");
        assertThat(policy.get("name").textValue()).isEqualTo("fixture");
        assertThat(policy.get("margins").get("p99").doubleValue()).isEqualTo(0.05);
        assertThat(policy.get("margins").get("throughput").doubleValue()).isEqualTo(0.05);
        assertThat(policy.get("alpha").doubleValue()).isEqualTo(0.05);
        assertThat(policy.get("warningFdr").doubleValue()).isEqualTo(0.1);
        assertThat(policy.get("minTrials").intValue()).isEqualTo(5);
        assertThat(policy.get("resamples").intValue()).isEqualTo(2000);
        assertThat(policy.get("blocking").textValue()).contains("decode");
        assertThat(j.get("baseline").get("runId").textValue()).isEqualTo(r.baseline().runId());
        assertThat(j.get("candidate").get("sweep").textValue()).isEqualTo("sim");
        assertThat(j.get("candidate").get("source").textValue()).isEqualTo(r.candidate().source());
        assertThat(texts(j.get("envMismatches"))).isEqualTo(r.envMismatches());
        assertThat(texts(j.get("onlyInBaseline"))).isEqualTo(r.onlyInBaseline());
        assertThat(texts(j.get("onlyInCandidate"))).isEqualTo(r.onlyInCandidate());
        assertThat(texts(j.get("notes"))).isEqualTo(r.notes());
        JsonNode counts = j.get("counts");
        for (Verdict v : Verdict.values()) {
            assertThat(counts.get(v.name()).longValue()).as("count of %s", v).isEqualTo(r.count(v));
        }
        assertThat(counts.get("warnings").intValue()).isEqualTo(1);
        assertThat(counts.get("failing").intValue()).isEqualTo(1);
        assertThat(counts.get("blocking").intValue()).isEqualTo(4);

        JsonNode points = j.get("points");
        assertThat(points).hasSize(r.points().size());
        for (int i = 0; i < r.points().size(); i++) {
            PointVerdict p = r.points().get(i);
            JsonNode jp = points.get(i);
            assertThat(jp.get("id").textValue()).isEqualTo(p.pointId());
            assertThat(jp.get("blocking").booleanValue()).isEqualTo(p.blocking());
            assertThat(jp.get("trials").get("baseline").intValue()).isEqualTo(p.baselineTrials());
            assertThat(jp.get("trials").get("candidate").intValue()).isEqualTo(p.candidateTrials());
            assertThat(jp.get("failed").intValue()).isEqualTo(p.candidateFailed());
            assertThat(jp.get("verdict").textValue()).isEqualTo(p.verdict().name());
            assertThat(jp.get("reason").textValue()).isEqualTo(p.reason());
            assertThat(jp.get("tests")).hasSize(p.tests().size());
            for (int k = 0; k < p.tests().size(); k++) {
                MetricTest t = p.tests().get(k);
                JsonNode jt = jp.get("tests").get(k);
                assertThat(jt.get("metric").textValue()).isEqualTo(t.metric().id());
                assertThat(jt.get("margin").doubleValue()).isEqualTo(t.margin());
                assertThat(jt.get("baselineMedian").doubleValue()).isCloseTo(t.baselineMedian(), rel(t.baselineMedian()));
                assertThat(jt.get("candidateMedian").doubleValue())
                        .isCloseTo(t.candidateMedian(), rel(t.candidateMedian()));
                assertThat(jt.get("ratio").doubleValue()).isCloseTo(t.ratio(), rel(t.ratio()));
                if (!t.tested()) {
                    continue;
                }
                assertThat(jt.get("interval").get(0).doubleValue()).isCloseTo(t.interval().lo(), rel(1));
                assertThat(jt.get("interval").get(1).doubleValue()).isCloseTo(t.interval().hi(), rel(1));
                assertThat(jt.get("level").doubleValue()).isEqualTo(0.9);
                assertThat(jt.get("pRegression").doubleValue()).isCloseTo(t.pRegression(), rel(1));
                assertThat(jt.get("pRegressionAdjusted").doubleValue()).isCloseTo(t.pRegressionAdjusted(), rel(1));
                assertThat(jt.get("pImprovementAdjusted").doubleValue()).isCloseTo(t.pImprovementAdjusted(), rel(1));
                assertThat(jt.get("pPass").doubleValue()).isCloseTo(t.pPass(), rel(1));
                assertThat(jt.get("verdict").textValue()).isEqualTo(t.verdict().name());
                assertThat(jt.get("reason").textValue()).isEqualTo(t.reason());
                assertThat(jt.get("trialsNeeded").intValue()).isEqualTo(t.trialsNeeded());
            }
        }
        JsonNode few = points.get(3).get("tests");
        assertThat(few).as("too few trials: the medians the runs have, untested").hasSize(2);
        assertThat(few.get(0).get("baselineMedian").doubleValue()).isPositive();
        assertThat(few.get(0).get("candidateMedian").doubleValue()).isPositive();
        assertThat(few.get(0).get("ratio").doubleValue()).isPositive();
        assertThat(few.get(0).get("interval").get(0).isNull()).isTrue();
        assertThat(few.get(0).get("pRegressionAdjusted").isNull()).isTrue();
        assertThat(few.get(0).get("reason").textValue()).startsWith("p99 not tested: too few OK trials");
        assertThat(points.get(2).get("tests").get(0).get("trialsNeeded").intValue()).isPositive();
    }

    @Test
    void jsonWritesNanAsNull() throws IOException {
        GateResult r = GateFixtures.standard();
        PointVerdict p = r.points().get(0);
        MetricTest t = p.tests().get(0);
        MetricTest nan = new MetricTest(t.metric(), t.margin(), Double.NaN, t.candidateMedian(), Double.NaN,
                dev.scalebench.stats.Interval.UNDEFINED, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Verdict.INCONCLUSIVE, "n/a", 0);
        List<PointVerdict> points = new ArrayList<>(r.points());
        points.set(0, new PointVerdict(p.pointId(), p.blocking(), 5, 5, 0, List.of(nan), Verdict.INCONCLUSIVE, "x"));
        GateResult changed = new GateResult(r.policy(), r.baseline(), r.candidate(), r.envMismatches(), points,
                r.onlyInBaseline(), r.onlyInCandidate(), r.notes(), r.verdict());
        JsonNode jt = JSON.readTree(GateJson.render(changed)).get("points").get(0).get("tests").get(0);
        assertThat(jt.get("baselineMedian").isNull()).isTrue();
        assertThat(jt.get("ratio").isNull()).isTrue();
        assertThat(jt.get("interval").get(0).isNull()).isTrue();
        assertThat(jt.get("pPass").isNull()).isTrue();
        assertThat(GateMarkdown.render(changed)).contains("| — | 1.39 ms | — | — |");
    }

    @Test
    void markdownListsThePointsThatNeedAttentionFirstInOrderOfUrgency() {
        String md = GateMarkdown.render(GateFixtures.standard());
        assertThat(md).startsWith("## scalebench gate: **REGRESSION** (exit 1)\n\n");
        assertThat(md).contains("1 of 4 blocking points regressed: m/fp32/decode/b2/s64.");
        String attention = md.substring(md.indexOf("### Points that need attention"), md.indexOf("<details>"));
        int regression = attention.indexOf("| m/fp32/decode/b2/s64 |");
        int inconclusive = attention.indexOf("| m/fp32/decode/b4/s64 |");
        int tooFew = attention.indexOf("| m/fp32/decode/b8/s64 |");
        int warning = attention.indexOf("| m/fp32/decode/b16/s64 (non-blocking) |");
        int improved = attention.indexOf("| m/fp32/decode/b32/s64 (non-blocking) |");
        assertThat(List.of(regression, inconclusive, tooFew, warning, improved)).doesNotContain(-1).isSorted();
        assertThat(attention).as("passes stay in the details").doesNotContain("m/fp32/decode/b1/s64");
        assertThat(md).contains("+15.2 % [+13.0 %, +17.4 %]");
        assertThat(md).contains("<details><summary>All 6 points</summary>").endsWith("</details>\n");
        assertThat(md).contains("engine.version: 2.7.1 → 2.8.0");
        assertThat(md).contains("**Only in the baseline** (not gated): m/fp32/prefill/b1/s256");
        assertThat(md).doesNotContainPattern("[\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}]");
    }

    @Test
    void markdownOfFiveHundredPointsFitsInAComment() {
        for (boolean allBlocking : new boolean[] {true, false}) {
            GateResult r = GateFixtures.large(500, allBlocking);
            assertThat(r.points().size() - r.count(Verdict.PASS)).as("many points need attention (%s)",
                    allBlocking ? "inconclusive: with 5 trials no p-value clears Holm over 1000 tests" : "warnings")
                    .isGreaterThan(150);
            String md = GateMarkdown.render(r);
            assertThat(md.length()).isLessThan(65_536).isLessThanOrEqualTo(GateMarkdown.MAX_CHARS);
            assertThat(md).containsPattern("_\\d+ more points not shown here: see gate\\.json\\._");
            assertThat(md).endsWith("</details>\n");
            int rows = md.split("\n\\| m/fp32", -1).length - 1;
            assertThat(rows).as("rows shown").isGreaterThan(100);
        }
    }

    @Test
    void markdownOfAPassIsShort() {
        GateResult r = GateFixtures.large(6, true);
        List<PointVerdict> passes = r.points().stream()
                .map(p -> new PointVerdict(p.pointId(), true, 5, 5, 0, p.tests(), Verdict.PASS, "ok")).toList();
        GateResult pass = new GateResult(r.policy(), r.baseline(), r.candidate(), List.of(), passes, List.of(),
                List.of(), List.of(), Verdict.PASS);
        String md = GateMarkdown.render(pass);
        assertThat(md).startsWith("## scalebench gate: **PASS** (exit 0)");
        assertThat(md).contains("None of the 6 blocking points regressed beyond its margin (p99 +5 %, throughput −5 %).")
                .contains("Every point passed.").contains("The deploy may go ahead.");
        assertThat(md).doesNotContain("Points that need attention").doesNotContain("not shown here");
    }

    @Test
    void markdownEscapesTextFromTheData() {
        GateResult r = GateFixtures.standard();
        List<PointVerdict> points = new ArrayList<>(r.points());
        PointVerdict p = points.get(1);
        points.set(1, new PointVerdict("a|b*c_<script>", p.blocking(), 5, 5, 0, p.tests(), p.verdict(), "x | y"));
        GateResult changed = new GateResult(r.policy(), r.baseline(), r.candidate(), r.envMismatches(), points,
                r.onlyInBaseline(), r.onlyInCandidate(), List.of("a note | with *stars*"), r.verdict());
        String md = GateMarkdown.render(changed);
        assertThat(md).contains("a\\|b\\*c\\_&lt;script&gt;").doesNotContain("a|b").doesNotContain("<script");
        assertThat(md).contains("- a note \\| with \\*stars\\*");
    }

    private static org.assertj.core.data.Offset<Double> rel(double v) {
        return org.assertj.core.data.Offset.offset(Math.abs(v) * 1e-5 + 1e-12);
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.textValue()));
        return out;
    }
}
