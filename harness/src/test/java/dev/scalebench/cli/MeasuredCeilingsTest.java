package dev.scalebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.report.FitsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} picks a measured profile ({@code hardware/measured/}, as {@code calibrate} writes it) for the
 * device it matches: fractions of the measured ceilings decide the bound, and those of the data sheet stay beside.
 */
class MeasuredCeilingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sim backend's device, as its fingerprint names it. */
    private static final String SIM_MATCH = "[simulated device]";

    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void sweepOnce() throws IOException {
        Path spec = Files.writeString(tmp.resolve("tiny.yaml"), """
                name: tiny
                backend: sim
                model: [gpt-1m]
                dtype: fp32
                phase: [prefill, decode]
                batch: [1, 16]
                seq: [32]
                replicates: 1
                measure:
                  warmup: {min-iterations: 2, min-time: 1ms, steady-cv: 0.5, max-time: 50ms}
                  iterations: {min: 5, min-time: 5ms, max-time: 50ms}
                  target-ci: 0
                  trial-timeout: 30s
                """);
        Path results = tmp.resolve("results");
        Cli.Result sweep = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", results.toString(), "--no-analyze", "--no-history");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        try (Stream<Path> dirs = Files.list(results)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static String profile(String name, boolean measured, double bandwidth, double fp32) {
        return "name: " + name + "\nkind: gpu\nmatch: " + SIM_MATCH + "\nsms: 1\nmemory-bytes: 8e9\n"
                + "bandwidth-bytes-per-s: " + bandwidth + "\npeak-flops-per-s: {fp32: " + fp32 + "}\n"
                + (measured ? "measured: true\nspec: sim-sheet\n" : "")
                + "sources: {sms: s, memory-bytes: s, bandwidth-bytes-per-s: s, peak-flops-per-s: s}\n";
    }

    private static JsonNode analyze(Path profiles) throws IOException {
        Cli.Result r = Cli.run("analyze", run.toString(), "--bootstrap", "0", "--profiles-dir", profiles.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(run.resolve("fits.json").toFile());
    }

    private static List<Double> values(JsonNode fits, String field) {
        List<Double> out = new ArrayList<>();
        fits.path("roofline").forEach(p -> out.add(p.path(field).asDouble(Double.NaN)));
        return out;
    }

    @Test
    void aMeasuredProfileChangesTheFractionsAndTheDataSheetFractionStays() throws IOException {
        Path profiles = tmp.resolve("profiles");
        Path hardware = Files.createDirectories(profiles.resolve("hardware"));
        Files.writeString(hardware.resolve("sim-sheet.yaml"), profile("sim data sheet", false, 20e9, 50e9));

        JsonNode sheet = analyze(profiles);
        assertThat(sheet.path("hardware").path("id").asText()).isEqualTo("sim-sheet");
        assertThat(sheet.has("spec")).isFalse();
        List<Double> sheetCompute = values(sheet, "computeFraction");
        List<Double> sheetMemory = values(sheet, "memoryFraction");
        assertThat(sheetCompute).hasSize(4).allSatisfy(f -> assertThat(f).isPositive());
        assertThat(values(sheet, "specComputeFraction")).allSatisfy(f -> assertThat(f).isNaN());

        // calibrate found half the data sheet's bandwidth and peak
        Path measured = Files.createDirectories(hardware.resolve("measured"));
        Files.writeString(measured.resolve("sim-measured.yaml"), profile("sim measured", true, 10e9, 25e9));
        JsonNode both = analyze(profiles);
        assertThat(both.path("hardware").path("id").asText()).isEqualTo("sim-measured");
        assertThat(both.path("hardware").path("measured").asBoolean()).isTrue();
        assertThat(both.path("spec").path("id").asText()).isEqualTo("sim-sheet");
        List<Double> compute = values(both, "computeFraction");
        List<Double> memory = values(both, "memoryFraction");
        for (int i = 0; i < compute.size(); i++) {
            // the same run, analysed again: equal up to the significant digits fits.json keeps
            assertThat(compute.get(i)).isCloseTo(2 * sheetCompute.get(i), within(1e-5 * compute.get(i)));
            assertThat(memory.get(i)).isCloseTo(2 * sheetMemory.get(i), within(1e-5 * memory.get(i)));
        }
        assertThat(values(both, "specComputeFraction")).containsExactlyElementsOf(sheetCompute);
        assertThat(values(both, "specMemoryFraction")).containsExactlyElementsOf(sheetMemory);
        // fits.json reads back with both profiles, so the reports can be regenerated from it
        Analysis back = FitsJson.read(run.resolve("fits.json"));
        assertThat(back.hardware().spec()).isEqualTo("sim-sheet");
        assertThat(back.spec().id()).isEqualTo("sim-sheet");
        assertThat(back.roofline()).allSatisfy(p -> assertThat(p.specComputeFraction()).isPositive());
        String md = Files.readString(run.resolve("report.md"));
        assertThat(md).contains("sim measured (sim-measured, measured); data sheet beside it: sim data sheet"
                + " (sim-sheet, data sheet)").contains("Data sheet (sim-sheet): memory bandwidth")
                .contains("of measured FLOP/s").contains("of data-sheet FLOP/s");

        // --hardware names the data sheet: no measured ceilings, no fractions beside
        Cli.Result r = Cli.run("analyze", run.toString(), "--bootstrap", "0", "--profiles-dir", profiles.toString(),
                "--hardware", "sim-sheet");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode named = JSON.readTree(run.resolve("fits.json").toFile());
        assertThat(values(named, "computeFraction")).containsExactlyElementsOf(sheetCompute);
        assertThat(named.has("spec")).isFalse();
        // ... or the measured one by its id
        r = Cli.run("analyze", run.toString(), "--bootstrap", "0", "--profiles-dir", profiles.toString(),
                "--hardware", "sim-measured");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JSON.readTree(run.resolve("fits.json").toFile()).path("spec").path("id").asText())
                .isEqualTo("sim-sheet");
    }
}
