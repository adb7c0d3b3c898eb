package dev.scalebench.analysis.roofline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which profiles a device's roofline is drawn against: measured before data sheet, and the data sheet beside. */
class CeilingsTest {
    private static final String DEVICE = "NVIDIA H100 80GB HBM3";

    @TempDir
    Path dir;

    private static String profile(String match, boolean measured, String spec, double bandwidth) {
        return "name: x\nkind: gpu\nmatch: [" + match + "]\nsms: 132\nmemory-bytes: 80e9\n"
                + "bandwidth-bytes-per-s: " + bandwidth + "\npeak-flops-per-s: {bf16: 9.89e14}\n"
                + (measured ? "measured: true\n" : "") + (spec == null ? "" : "spec: " + spec + "\n")
                + "sources: {sms: s, memory-bytes: s, bandwidth-bytes-per-s: s, peak-flops-per-s: s}\n";
    }

    private void write(String rel, String text) throws IOException {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @Test
    void withoutAMeasuredProfileTheDataSheetDecidesAlone() throws IOException {
        write("h100-sxm.yaml", profile("H100", false, null, 3.35e12));
        Ceilings c = Ceilings.forDevice(DEVICE, dir);
        assertThat(c.hardware().id()).isEqualTo("h100-sxm");
        assertThat(c.spec()).isNull();
        assertThat(Ceilings.forDevice("NVIDIA L4", dir)).isEqualTo(Ceilings.NONE);
        assertThat(Ceilings.forDevice("", dir)).isEqualTo(Ceilings.NONE);
        assertThat(Ceilings.forDevice(DEVICE, dir.resolve("absent"))).isEqualTo(Ceilings.NONE);
    }

    @Test
    void aMatchingMeasuredProfileWinsAndBringsTheDataSheetItNames() throws IOException {
        write("h100-sxm.yaml", profile("H100", false, null, 3.35e12));
        write("h100-other.yaml", profile("NVIDIA H100 80GB", false, null, 1e12)); // a more specific data sheet
        write("measured/nvidia-h100-80gb-hbm3.yaml", profile(DEVICE, true, "h100-sxm", 3.0e12));
        Ceilings c = Ceilings.forDevice(DEVICE, dir);
        assertThat(c.hardware().id()).isEqualTo("nvidia-h100-80gb-hbm3");
        assertThat(c.hardware().bandwidthBytesPerS()).isEqualTo(3.0e12);
        assertThat(c.spec().id()).isEqualTo("h100-sxm"); // named, not the better match
        // another GPU does not pick up this machine's measurement
        assertThat(Ceilings.forDevice("NVIDIA H100 PCIe", dir).hardware().id()).isEqualTo("h100-sxm");
    }

    @Test
    void aMeasuredProfileWhoseDataSheetIsGoneFallsBackToTheMatchingOne() throws IOException {
        write("h100-sxm.yaml", profile("H100", false, null, 3.35e12));
        write("measured/m.yaml", profile(DEVICE, true, "h100-gone", 3.0e12));
        assertThat(Ceilings.forDevice(DEVICE, dir).spec().id()).isEqualTo("h100-sxm");
        write("measured/m.yaml", profile(DEVICE, true, null, 3.0e12));
        assertThat(Ceilings.forDevice(DEVICE, dir).spec().id()).isEqualTo("h100-sxm");
        Files.delete(dir.resolve("h100-sxm.yaml"));
        Ceilings alone = Ceilings.forDevice(DEVICE, dir);
        assertThat(alone.hardware().id()).isEqualTo("m");
        assertThat(alone.spec()).isNull();
    }
}
