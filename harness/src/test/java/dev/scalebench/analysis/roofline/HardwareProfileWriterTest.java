package dev.scalebench.analysis.roofline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareProfileWriterTest {

    @TempDir
    Path tmp;

    @Test
    void everyShippedProfileWrittenReadsBackEqual() throws IOException {
        List<HardwareProfile> shipped = HardwareProfiles.load(Cli.PROFILES.resolve("hardware"));
        assertThat(shipped).hasSizeGreaterThan(5);
        for (HardwareProfile p : shipped) {
            Path f = Files.writeString(tmp.resolve(p.id() + ".yaml"), HardwareProfileWriter.toYaml(p, List.of("x")));
            assertThat(HardwareProfiles.read(f)).as(p.id()).isEqualTo(p);
        }
    }

    @Test
    void aMeasuredProfileWithAwkwardTextReadsBackEqual() throws IOException {
        HardwareProfile p = new HardwareProfile("m", "GPU \"quoted\" \\ name: with # colon", "gpu",
                List.of("NVIDIA H100 80GB HBM3"), 132, 85_045_346_304L, 3.012e12,
                Map.of("fp32", 5.1e13, "bf16", 6.625e14), 52_428_800L, 4.76, true,
                Map.of("sms", "a\tb", "memory-bytes", "line\nbreak", "bandwidth-bytes-per-s", "x: y # z",
                        "peak-flops-per-s", "p", "l2-bytes", "l", "price-per-hour", "$"), "h100-sxm");
        String yaml = HardwareProfileWriter.toYaml(p, List.of("header line", ""));
        assertThat(yaml).startsWith("# header line\n#\nname: ").contains("bandwidth-bytes-per-s: 3.012e12\n")
                .contains("  bf16: 6.625e14\n").contains("measured: true\nspec: \"h100-sxm\"\n");
        Path f = Files.writeString(tmp.resolve("m.yaml"), yaml);
        assertThat(HardwareProfiles.read(f)).isEqualTo(p);
    }

    @Test
    void numbersArePlainWhenSmallAndScientificWhenLarge() {
        assertThat(HardwareProfileWriter.number(3.35e12)).isEqualTo("3.35e12");
        assertThat(HardwareProfileWriter.number(1e15)).isEqualTo("1e15");
        assertThat(HardwareProfileWriter.number(156.5e9)).isEqualTo("1.565e11");
        assertThat(HardwareProfileWriter.number(4.76)).isEqualTo("4.76");
        assertThat(HardwareProfileWriter.number(132)).isEqualTo("132");
    }
}
