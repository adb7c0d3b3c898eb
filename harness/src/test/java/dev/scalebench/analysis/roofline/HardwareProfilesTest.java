package dev.scalebench.analysis.roofline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.ScalebenchException;
import dev.scalebench.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareProfilesTest {
    private static final Path DIR = Cli.PROFILES.resolve("hardware");
    private static final double NONE = Double.NaN;

    /** docs/gpu.md "Data-sheet ceilings": GPU, SMs, GB, GB/s, FP32, TF32, BF16/FP16, FP8 TFLOP/s dense. */
    private record Row(String id, int sms, double gb, double gbPerS, double fp32, double tf32, double bf16,
            double fp8) { }

    private static final List<Row> DATA_SHEETS = List.of(
            new Row("a100-40gb-sxm", 108, 40, 1555, 19.5, 156, 312, NONE),
            new Row("a100-80gb-sxm", 108, 80, 2039, 19.5, 156, 312, NONE),
            new Row("a100-80gb-pcie", 108, 80, 1935, 19.5, 156, 312, NONE),
            new Row("h100-sxm", 132, 80, 3350, 67, 495, 989, 1979),
            new Row("h100-pcie", 114, 80, 2000, 51, 378, 756, 1513),
            new Row("h200-sxm", 132, 141, 4800, 67, 495, 989, 1979),
            new Row("l4", 58, 24, 300, 30.3, 60, 121, 242.5),
            new Row("l40s", 142, 48, 864, 91.6, 183, 362, 733));

    @TempDir
    Path tmp;

    private static final List<HardwareProfile> SHIPPED = HardwareProfiles.load(DIR);

    private static HardwareProfile shipped(String id) {
        return SHIPPED.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyShippedProfileLoadsSortedById() {
        assertThat(SHIPPED).extracting(HardwareProfile::id).containsExactly("a100-40gb-sxm", "a100-80gb-pcie",
                "a100-80gb-sxm", "cpu-amd-epyc-2vcpu", "h100-pcie", "h100-sxm", "h200-sxm", "l4", "l40s");
        for (HardwareProfile p : SHIPPED) {
            assertThat(HardwareProfiles.read(DIR.resolve(p.id() + ".yaml"))).isEqualTo(p);
            assertThat(p.sources()).as(p.id()).containsKeys("sms", "memory-bytes", "bandwidth-bytes-per-s",
                    "peak-flops-per-s");
            assertThat(p.measured()).as(p.id()).isFalse();
            assertThat(p.pricePerHour()).as(p.id()).isNaN();
        }
    }

    @Test
    void gpuNumbersEqualTheDesignTable() {
        for (Row r : DATA_SHEETS) {
            HardwareProfile p = shipped(r.id);
            assertThat(p.kind()).isEqualTo("gpu");
            assertThat(p.sms()).as(r.id).isEqualTo(r.sms);
            assertThat(p.memoryBytes()).as(r.id).isEqualTo((long) (r.gb * 1e9));
            assertThat(p.bandwidthBytesPerS()).as(r.id).isEqualTo(r.gbPerS * 1e9);
            assertThat(p.peakFlops("fp32")).as(r.id).isEqualTo(r.fp32 * 1e12);
            assertThat(p.peakFlops("tf32")).as(r.id).isEqualTo(r.tf32 * 1e12);
            assertThat(p.peakFlops("bf16")).as(r.id).isEqualTo(r.bf16 * 1e12);
            assertThat(p.peakFlops("fp16")).as(r.id).isEqualTo(r.bf16 * 1e12);
            assertThat(Double.valueOf(p.peakFlops("fp8"))).as(r.id).isEqualTo(Double.valueOf(r.fp8 * 1e12));
            assertThat(p.sources().get("peak-flops-per-s")).as(r.id).contains("data sheet");
        }
        assertThat(shipped("h100-sxm").ridge("bf16")).isEqualTo(989e12 / 3.35e12);
        assertThat(shipped("a100-40gb-sxm").ridge("fp8")).isNaN();
    }

    @Test
    void theCpuProfileSaysWhatWasMeasuredAndWhatComputed() {
        HardwareProfile cpu = shipped("cpu-amd-epyc-2vcpu");
        assertThat(cpu.kind()).isEqualTo("cpu");
        assertThat(cpu.sms()).isEqualTo(2);
        assertThat(cpu.peakFlopsPerS()).containsOnlyKeys("fp32");
        assertThat(cpu.peakFlops("fp32")).isEqualTo(2 * 2.445e9 * 32, org.assertj.core.data.Offset.offset(1e8));
        assertThat(cpu.bandwidthBytesPerS()).isBetween(5e9, 100e9);
        assertThat(cpu.sources().get("bandwidth-bytes-per-s")).startsWith("measured");
        assertThat(cpu.sources().get("peak-flops-per-s")).startsWith("computed, not measured");
    }

    @Test
    void realDeviceNamesMatchTheirProfile() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("NVIDIA H100 80GB HBM3", "h100-sxm"),
                Map.entry("NVIDIA H100 PCIe", "h100-pcie"),
                Map.entry("NVIDIA A100-SXM4-40GB", "a100-40gb-sxm"),
                Map.entry("NVIDIA A100 80GB PCIe", "a100-80gb-pcie"),
                Map.entry("NVIDIA A100-SXM4-80GB", "a100-80gb-sxm"),
                Map.entry("NVIDIA H200", "h200-sxm"),
                Map.entry("NVIDIA L4", "l4"),
                Map.entry("NVIDIA L40S", "l40s"),
                Map.entry("cpu: AMD EPYC", "cpu-amd-epyc-2vcpu"));
        expected.forEach((device, id) -> assertThat(HardwareProfiles.match(device, SHIPPED))
                .as(device).map(HardwareProfile::id).contains(id));
    }

    @Test
    void namesOfOtherHardwareMatchNothing() {
        for (String device : List.of("NVIDIA L40", "NVIDIA GH200 480GB", "simulated device (50 GFLOP/s, 20 GB/s)",
                "CUDA GPU 0 (sm_90)", "", "cpu: Intel(R) Xeon(R) Platinum 8375C")) {
            assertThat(HardwareProfiles.match(device, SHIPPED)).as(device).isEmpty();
        }
        assertThat(HardwareProfiles.match(null, SHIPPED)).isEmpty();
    }

    @Test
    void theMostSpecificMatchWins() {
        HardwareProfile h100 = profile("b-h100", List.of("H100"));
        HardwareProfile pcie = profile("c-h100-pcie", List.of("h100", "pcie"));
        HardwareProfile longer = profile("d-h100-long", List.of("H100 PCIe"));
        HardwareProfile twin = profile("a-h100", List.of("H100"));
        List<HardwareProfile> all = List.of(h100, pcie, longer, twin);
        assertThat(HardwareProfiles.match("NVIDIA H100 PCIe", all)).contains(pcie);
        assertThat(HardwareProfiles.match("NVIDIA H100 80GB HBM3", all)).contains(twin);
        assertThat(HardwareProfiles.match("NVIDIA H100 PCIe", List.of(h100, longer))).contains(longer);
        assertThat(HardwareProfiles.match("NVIDIA H100", List.of(profile("none", List.of())))).isEmpty();
    }

    @Test
    void substringsMatchWholeWordsOnly() {
        assertThat(HardwareProfiles.containsWord("nvidia a100-sxm4-40gb", "40gb")).isTrue();
        assertThat(HardwareProfiles.containsWord("nvidia l40s", "l4")).isFalse();
        assertThat(HardwareProfiles.containsWord("nvidia l4, l40s", "l4")).isTrue();
        assertThat(HardwareProfiles.containsWord("nvidia l40s l4", "l4")).isTrue();
        assertThat(HardwareProfiles.containsWord("h100", "")).isFalse();
    }

    private static HardwareProfile profile(String id, List<String> match) {
        return new HardwareProfile(id, id, "gpu", match, 1, 1, 1e12, Map.of("fp32", 1e12), 0, Double.NaN, false,
                Map.of());
    }

    // ---- bad files ----

    private static final String GOOD = """
            name: Test GPU
            kind: gpu
            match: [TestGPU]
            sms: 10
            memory-bytes: 8e9
            bandwidth-bytes-per-s: 1e12
            peak-flops-per-s: {fp32: 1e13, bf16: 5e13}
            sources:
              sms: spec
              memory-bytes: spec
              bandwidth-bytes-per-s: spec
              peak-flops-per-s: spec
            """;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void aMinimalProfileReads() throws IOException {
        HardwareProfile p = HardwareProfiles.read(write("test-gpu.yaml", GOOD));
        assertThat(p).isEqualTo(new HardwareProfile("test-gpu", "Test GPU", "gpu", List.of("TestGPU"), 10, 8_000_000_000L,
                1e12, Map.of("fp32", 1e13, "bf16", 5e13), 0, Double.NaN, false, Map.of("sms", "spec", "memory-bytes",
                "spec", "bandwidth-bytes-per-s", "spec", "peak-flops-per-s", "spec")));
    }

    @Test
    void aMeasuredProfileNamesItsDataSheetAndOnlyAMeasuredOneMay() throws IOException {
        HardwareProfile p = HardwareProfiles.read(write("test-gpu-measured.yaml",
                GOOD + "measured: true\nspec: test-gpu\n"));
        assertThat(p.measured()).isTrue();
        assertThat(p.spec()).isEqualTo("test-gpu");
        assertThat(HardwareProfiles.read(write("test-gpu.yaml", GOOD)).spec()).isEmpty();
        Path sheet = write("sheet.yaml", GOOD + "spec: test-gpu\n");
        assertThatThrownBy(() -> HardwareProfiles.read(sheet)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining(sheet + ":13: spec names the data-sheet profile a measured profile was compared"
                        + " with; this profile is not measured");
        Path away = write("away.yaml", GOOD + "measured: true\nspec: ../../etc/gpu\n");
        assertThatThrownBy(() -> HardwareProfiles.read(away)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining(away + ":14: spec '../../etc/gpu' must be the id of a profile in the same"
                        + " folder").hasMessageContaining("[A-Za-z0-9._-]");
    }

    @Test
    void badValuesAreReportedWithFileAndLine() throws IOException {
        Path f = write("bad.yaml", """
                name: Test GPU
                kind: tpu
                match: [TestGPU]
                sms: 10.5
                memory-bytes: lots
                bandwidth-bytes-per-s: -1e12
                peak-flops-per-s: {fp32: 1e13, bf61: 5e13}
                l2-bytes: 4e6
                price: 3
                sources:
                  sms: spec
                  memory-bytes: spec
                  bandwidth-bytes-per-s: spec
                  peak-flops-per-s: spec
                  price-per-hour: list price
                """);
        assertThatThrownBy(() -> HardwareProfiles.read(f)).isInstanceOf(ScalebenchException.class)
                .hasMessageStartingWith("8 errors in hardware profiles:")
                .hasMessageContaining(f + ":2: kind must be gpu or cpu, not 'tpu'")
                .hasMessageContaining(f + ":4: sms must be a whole number >= 1, not 10.5")
                .hasMessageContaining(f + ":5: memory-bytes must be a number, not 'lots'")
                .hasMessageContaining(f + ":6: bandwidth-bytes-per-s must be > 0, not -1e12")
                .hasMessageContaining(f + ":7: unknown key 'bf61' in peak-flops-per-s")
                .hasMessageContaining(f + ":8: l2-bytes has no source")
                .hasMessageContaining(f + ":9: unknown key 'price' in the hardware profile;")
                .hasMessageContaining(f + ":15: sources names price-per-hour, which the profile does not give");
    }

    @Test
    void missingKeysSyntaxErrorsAndEmptyFiles() throws IOException {
        Path missing = write("missing.yaml", "name: X\nkind: gpu\n");
        assertThatThrownBy(() -> HardwareProfiles.read(missing))
                .hasMessageContaining(missing + ":1: missing required key 'match' in the hardware profile")
                .hasMessageContaining(missing + ":1: missing required key 'sources' in the hardware profile");
        Path syntax = write("syntax.yaml", "name: X\nkind: [gpu\n");
        assertThatThrownBy(() -> HardwareProfiles.read(syntax)).hasMessageContaining(syntax + ":3: YAML syntax error");
        Path empty = write("empty.yaml", "# nothing\n");
        assertThatThrownBy(() -> HardwareProfiles.read(empty)).hasMessageContaining(empty + ":1: the file is empty");
    }

    @Test
    void loadReportsEveryBadFileAndIgnoresOtherFiles() throws IOException {
        write("good.yaml", GOOD);
        write("notes.txt", "not a profile");
        Path bad1 = write("bad1.yaml", GOOD.replace("sms: 10", "sms: ten"));
        Path bad2 = write("bad2.yaml", GOOD.replace("kind: gpu", "kind: npu"));
        assertThatThrownBy(() -> HardwareProfiles.load(tmp)).hasMessageStartingWith("2 errors in hardware profiles:")
                .hasMessageContaining(bad1 + ":4: sms must be a number, not 'ten'")
                .hasMessageContaining(bad2 + ":2: kind must be gpu or cpu, not 'npu'");
        Files.delete(bad1);
        Files.delete(bad2);
        assertThat(HardwareProfiles.load(tmp)).extracting(HardwareProfile::id).containsExactly("good");
        assertThat(HardwareProfiles.load(tmp.resolve("absent"))).isEmpty();
    }
}
