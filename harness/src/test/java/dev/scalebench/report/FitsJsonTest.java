package dev.scalebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.pipeline.Analysis;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsJsonTest {

    private static final Analysis A = ReportFixtures.standard();

    @Test
    void unboundedIntervalsRoundTripAsInfinity() throws Exception {
        ObjectMapper m = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(FitsJson.toJson(ReportFixtures.standard()));
        com.fasterxml.jackson.databind.node.ObjectNode est = (com.fasterxml.jackson.databind.node.ObjectNode)
                root.path("fits").path(0).path("forms").path(0).path("params").path(0);
        est.put("hi", "Infinity");
        Analysis back = FitsJson.fromJson(m.writeValueAsString(root), "test");
        assertThat(back.fits().get(0).forms().get(0).params().get(0).hi()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(FitsJson.toJson(back)).contains("\"hi\": \"Infinity\"");
        est.put("hi", "lots");
        assertThatThrownBy(() -> FitsJson.fromJson(m.writeValueAsString(root), "test"))
                .isInstanceOf(ScalebenchException.class).hasMessageContaining("Infinity");
    }

    @Test
    void roundTripGivesBackAnEqualEnoughAnalysis() {
        Analysis back = FitsJson.fromJson(FitsJson.toJson(A), "fits.json");
        // everything but the doubles is exact; doubles agree to the six digits written
        assertThat(Equal.differences(A, back, 1e-5)).isEmpty();
        assertThat(back.points()).hasSize(32);
        assertThat(back.fits()).hasSize(A.fits().size());
        assertThat(back.hardware().peakFlopsPerS()).isEqualTo(A.hardware().peakFlopsPerS());
        // and writing what was read gives the same bytes: the file is a fixed point
        assertThat(FitsJson.toJson(back)).isEqualTo(FitsJson.toJson(A));
    }

    @Test
    void theComparisonSeesADifference() {
        Analysis back = FitsJson.fromJson(FitsJson.toJson(A).replace("\"trials\": 3", "\"trials\": 4"), "x");
        assertThat(Equal.differences(A, back, 1e-5)).isNotEmpty().first().asString().contains("trials");
    }

    @Test
    void notANumberIsWrittenAsNullAndReadBackAsNaN() throws Exception {
        String json = FitsJson.toJson(A);
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode single = null;
        for (JsonNode p : root.get("points")) {
            if (p.get("trials").asInt() == 1) {
                single = p;
            }
        }
        assertThat(single).as("the fixture's single-trial point").isNotNull();
        assertThat(single.get("p50Ci").get(0).isNull()).isTrue();
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
        PointStats back = FitsJson.fromJson(json, "x").points().stream().filter(p -> p.trials() == 1).findFirst()
                .orElseThrow();
        assertThat(back.p50Ci().lo()).isNaN();
        Estimate gamma = FitsJson.fromJson(json, "x").fits().stream().flatMap(f -> f.forms().stream())
                .map(f -> f.estimate("gamma")).filter(e -> e != null).findFirst().orElseThrow();
        assertThat(gamma.value()).isEqualTo(0.91);
        assertThat(gamma.hasInterval()).isFalse();
    }

    @Test
    void numbersHaveSixSignificantDigitsInAFixedNotation() {
        assertThat(JsonText.number(JsonText.round(1234567.89))).isEqualTo("1234570");
        assertThat(JsonText.number(JsonText.round(0.000123456789))).isEqualTo("0.000123457");
        assertThat(JsonText.number(JsonText.round(1.23456789e-7))).isEqualTo("1.23457e-7");
        assertThat(JsonText.number(JsonText.round(9.89e14))).isEqualTo("989000000000000");
        assertThat(JsonText.number(JsonText.round(1e15))).isEqualTo("1e15");
        assertThat(JsonText.number(JsonText.round(-2.5e-9))).isEqualTo("-2.5e-9");
        assertThat(JsonText.number(JsonText.round(2.0))).isEqualTo("2");
        assertThat(JsonText.number(JsonText.round(-0.0))).isEqualTo("0");
        assertThat(JsonText.round(Double.NaN)).isNull();
        assertThat(JsonText.round(Double.POSITIVE_INFINITY)).isNull();
        assertThat(new BigDecimal("1.23457e-7").doubleValue()).isEqualTo(1.23457e-7);
    }

    @Test
    void fieldsComeInAFixedOrder() throws Exception {
        JsonNode root = new ObjectMapper().readTree(FitsJson.toJson(A));
        List<String> top = new ArrayList<>();
        root.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("schema", "source", "device", "metric", "options", "warnings", "hardware",
                "points", "fits", "roofline");
        assertThat(root.get("schema").asInt()).isEqualTo(2);
        List<String> peaks = new ArrayList<>();
        root.get("hardware").get("peakFlopsPerS").fieldNames().forEachRemaining(peaks::add);
        assertThat(peaks).isSorted();
        List<String> form = new ArrayList<>();
        root.get("fits").get(0).get("forms").get(0).fieldNames().forEachRemaining(form::add);
        assertThat(form).containsExactly("form", "formula", "aicc", "akaikeWeight", "huberScale", "converged",
                "convergence", "bootstrapFailures", "flags", "params", "derived", "residuals", "validation", "band");
    }

    @Test
    void anotherSchemaIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fits.json");
        Files.writeString(f, FitsJson.toJson(A).replaceFirst("\"schema\": 2", "\"schema\": 3"));
        assertThatThrownBy(() -> FitsJson.read(f)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("schema 3 is not supported")
                .extracting(e -> ((ScalebenchException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void schemaOneIsStillRead(@TempDir Path dir) throws Exception {
        // schema 1 had no throughput intervals (and meant geometric means by p50Ns...)
        Path f = dir.resolve("fits.json");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(FitsJson.toJson(A));
        root.put("schema", 1);
        root.get("points").forEach(p -> ((ObjectNode) p).remove(List.of("seqPerSCi", "tokensPerSCi")));
        Files.writeString(f, root.toPrettyString());
        Analysis back = FitsJson.read(f);
        assertThat(back.schema()).isEqualTo(1);
        assertThat(back.points()).hasSameSizeAs(A.points());
        assertThat(back.points().get(0).seqPerS()).isCloseTo(A.points().get(0).seqPerS(),
                org.assertj.core.data.Percentage.withPercentage(1e-3));
        assertThat(back.points().get(0).seqPerSCi().isDefined()).isFalse();
    }

    @Test
    void aWrongFieldIsNamedWithItsPath() {
        String json = FitsJson.toJson(A).replaceFirst("\"trials\": 3", "\"trials\": \"three\"");
        assertThatThrownBy(() -> FitsJson.fromJson(json, "run/fits.json"))
                .hasMessage("run/fits.json: points[0].trials: expected an integer, found string \"three\"");
        String noBound = FitsJson.toJson(A).replaceFirst("\"bound\": \"\\w+\"", "\"bound\": \"cosmic\"");
        assertThatThrownBy(() -> FitsJson.fromJson(noBound, "f"))
                .hasMessageContaining("roofline[0].bound: unknown value 'cosmic'")
                .hasMessageContaining("(expected compute, memory or overhead)");
        String missing = FitsJson.toJson(A).replaceFirst("\"device\": \"[^\"]*\",\n", "");
        assertThatThrownBy(() -> FitsJson.fromJson(missing, "f")).hasMessage("f: device: missing");
    }

    @Test
    void damagedOrMissingFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fits.json");
        assertThatThrownBy(() -> FitsJson.read(f)).hasMessage(f + ": no such file");
        String text = FitsJson.toJson(A);
        Files.writeString(f, text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> FitsJson.read(f)).isInstanceOf(ScalebenchException.class)
                .hasMessageStartingWith(f + ": not valid JSON: ").hasMessageContaining("line ");
        Files.writeString(f, "[1, 2]");
        assertThatThrownBy(() -> FitsJson.read(f)).hasMessage(f + ": top level: expected an object, found array");
    }

    @Test
    void unknownFieldsAreIgnoredSoTheSchemaCanGrow() {
        String json = FitsJson.toJson(A).replaceFirst("\\{\n", "{\n  \"addedLater\": {\"x\": [1, 2]},\n");
        assertThat(FitsJson.fromJson(json, "f").points()).hasSize(32);
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fits.json");
        Files.writeString(f, "old");
        FitsJson.write(f, A);
        assertThat(Files.readString(f)).isEqualTo(FitsJson.toJson(A));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("fits.json");
        }
        assertThat(FitsJson.read(f).source()).isEqualTo(A.source());
    }

    @Test
    void everyFormIsWrittenWithItsBandAndValidation() {
        Analysis back = FitsJson.fromJson(FitsJson.toJson(A), "x");
        SeriesFit first = back.fits().get(0);
        FormFit best = first.best();
        assertThat(best.band().x()).hasSize(25);
        assertThat(best.validation()).extracting(v -> v.leftOut()).containsExactly(1, 2);
        assertThat(best.residuals()).hasSameSizeAs(first.x());
        assertThat(back.fits()).anySatisfy(f -> assertThat(f.forms()).anySatisfy(ff -> {
            assertThat(ff.converged()).isFalse();
            assertThat(ff.bootstrapFailures()).isEqualTo(412);
        }));
    }
}
