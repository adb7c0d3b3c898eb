package dev.scalebench.analysis.roofline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.cli.Cli;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RooflineTest {
    private static final HardwareProfile H100 =
            HardwareProfiles.read(Cli.PROFILES.resolve("hardware").resolve("h100-sxm.yaml"));
    private static final HardwareProfile A100 =
            HardwareProfiles.read(Cli.PROFILES.resolve("hardware").resolve("a100-80gb-sxm.yaml"));
    /** 1 TFLOP/s fp32, 1 TB/s: ridge 1 FLOP/byte. */
    private static final HardwareProfile UNIT = new HardwareProfile("unit", "unit", "gpu", List.of("unit"), 1, 1,
            1e12, Map.of("fp32", 1e12), 0, Double.NaN, false, Map.of());

    private static PointKey key(String dtype, String phase, int batch, int seq) {
        return new PointKey("m", dtype, phase, 7_000_000_000L, batch, seq);
    }

    @Test
    void measuredCeilingsDecideTheBoundAndTheDataSheetFractionsStandBeside() {
        // measured: 60 % of the data sheet's bandwidth and bf16 peak
        HardwareProfile measured = new HardwareProfile("m", "measured H100", "gpu", List.of("H100"), 132,
                80_000_000_000L, 0.6 * 3.35e12, Map.of("bf16", 0.6 * 989e12), 0, Double.NaN, true, Map.of(),
                "h100-sxm");
        PointWork decode = new PointWork(1e9, 1.4e9);
        RooflinePoint alone = Roofline.place(H100, key("bf16", "decode", 1, 512), decode, 1e-3);
        RooflinePoint both = Roofline.place(measured, H100, key("bf16", "decode", 1, 512), decode, 1e-3);
        assertThat(alone.memoryFraction()).isCloseTo(1.4e12 / 3.35e12, within(1e-12));
        assertThat(alone.bound()).isEqualTo(Bound.OVERHEAD); // 42 % of the data sheet
        assertThat(alone.specMemoryFraction()).isNaN();
        assertThat(both.memoryFraction()).isCloseTo(1.4e12 / (0.6 * 3.35e12), within(1e-12));
        assertThat(both.bound()).isEqualTo(Bound.MEMORY); // 70 % of what this GPU reaches
        assertThat(both.specMemoryFraction()).isEqualTo(alone.memoryFraction());
        assertThat(both.specComputeFraction()).isEqualTo(alone.computeFraction());
        assertThat(both.ridge()).isCloseTo(989e12 / 3.35e12, within(1e-9));
        // a dtype the data sheet has no peak for: NaN beside, the measured fraction still there
        HardwareProfile fp32Only = new HardwareProfile("s", "s", "gpu", List.of("x"), 1, 1, 3.35e12,
                Map.of("fp32", 67e12), 0, Double.NaN, false, Map.of());
        RooflinePoint noPeak = Roofline.place(measured, fp32Only, key("bf16", "decode", 1, 512), decode, 1e-3);
        assertThat(noPeak.specComputeFraction()).isNaN();
        assertThat(noPeak.computeFraction()).isCloseTo(1e12 / (0.6 * 989e12), within(1e-12));
    }

    @Test
    void aBf16GemmOnH100IsComputeBoundAsPredicted() {
        // C = A·B with 8192³: 2·8192³ FLOPs, three 8192² bf16 matrices moved; 1.4 ms
        PointWork gemm = new PointWork(2.0 * 8192 * 8192 * 8192, 3.0 * 8192 * 8192 * 2);
        RooflinePoint p = Roofline.place(H100, key("bf16", "prefill", 8192, 1), gemm, 1.4e-3);
        assertThat(p.flopsPerS()).isCloseTo(7.853654484e14, within(1e5));
        assertThat(p.bytesPerS()).isCloseTo(2.876094171e11, within(1e2));
        assertThat(p.computeFraction()).isCloseTo(0.794100554, within(1e-9));
        assertThat(p.memoryFraction()).isCloseTo(0.085853557, within(1e-9));
        assertThat(p.intensity()).isCloseTo(2730.666667, within(1e-6));
        assertThat(p.ridge()).isCloseTo(295.2238806, within(1e-7));
        assertThat(p.bound()).isEqualTo(Bound.COMPUTE);
        assertThat(p.predicted()).isEqualTo(Bound.COMPUTE);
        assertThat(p.disagrees()).isFalse();
    }

    @Test
    void aDecodeStepIsMemoryBoundAsPredicted() {
        // 7B bf16 decode at batch 1: 2 FLOPs per parameter, 2 bytes per parameter; 5 ms
        RooflinePoint p = Roofline.place(H100, key("bf16", "decode", 1, 512), new PointWork(1.4e10, 1.4e10), 5e-3);
        assertThat(p.memoryFraction()).isCloseTo(0.835820896, within(1e-9));
        assertThat(p.computeFraction()).isCloseTo(0.002831143, within(1e-9));
        assertThat(p.intensity()).isEqualTo(1.0);
        assertThat(p.bound()).isEqualTo(Bound.MEMORY);
        assertThat(p.predicted()).isEqualTo(Bound.MEMORY);
        assertThat(p.disagrees()).isFalse();
    }

    @Test
    void aTinyPointIsOverheadAndDisagreesWithItsIntensity() {
        // intensity 1000 FLOP/byte predicts compute, but 1 ms for 1 GFLOP reaches 0.1 % of the peak
        RooflinePoint p = Roofline.place(H100, key("bf16", "prefill", 1, 8), new PointWork(1e9, 1e6), 1e-3);
        assertThat(p.computeFraction()).isCloseTo(0.001011122, within(1e-9));
        assertThat(p.memoryFraction()).isCloseTo(0.000298507, within(1e-9));
        assertThat(p.bound()).isEqualTo(Bound.OVERHEAD);
        assertThat(p.predicted()).isEqualTo(Bound.COMPUTE);
        assertThat(p.disagrees()).isTrue();
    }

    @Test
    void theLargerFractionDecidesAndHalfIsTheThreshold() {
        PointKey k = key("fp32", "prefill", 1, 1);
        // 1 s steps on 1 TFLOP/s, 1 TB/s: the work is the fraction
        assertThat(Roofline.place(UNIT, k, new PointWork(0.5e12, 0.1e12), 1).bound()).isEqualTo(Bound.COMPUTE);
        assertThat(Roofline.place(UNIT, k, new PointWork(0.49e12, 0.1e12), 1).bound()).isEqualTo(Bound.OVERHEAD);
        assertThat(Roofline.place(UNIT, k, new PointWork(0.6e12, 0.7e12), 1).bound()).isEqualTo(Bound.MEMORY);
        assertThat(Roofline.place(UNIT, k, new PointWork(0.7e12, 0.6e12), 1).bound()).isEqualTo(Bound.COMPUTE);
        assertThat(Roofline.place(UNIT, k, new PointWork(0.1e12, 0.5e12), 1).bound()).isEqualTo(Bound.MEMORY);
        // intensity exactly at the ridge predicts compute; just under it, memory
        assertThat(Roofline.place(UNIT, k, new PointWork(1e12, 1e12), 1).predicted()).isEqualTo(Bound.COMPUTE);
        assertThat(Roofline.place(UNIT, k, new PointWork(0.99e12, 1e12), 1).predicted()).isEqualTo(Bound.MEMORY);
    }

    @Test
    void withoutAPeakForTheDtypeOnlyTheMemoryRoofIsKnown() {
        // no fp8 on an A100
        RooflinePoint streaming = Roofline.place(A100, key("fp8", "decode", 1, 1), new PointWork(1e12, 1.6e12), 1);
        assertThat(streaming.computeFraction()).isNaN();
        assertThat(streaming.ridge()).isNaN();
        assertThat(streaming.flopsPerS()).isEqualTo(1e12);
        assertThat(streaming.memoryFraction()).isCloseTo(1.6e12 / 2.039e12, within(1e-12));
        assertThat(streaming.bound()).isEqualTo(Bound.MEMORY);
        assertThat(streaming.predicted()).isEqualTo(Bound.MEMORY);
        assertThat(streaming.disagrees()).isFalse();

        RooflinePoint slow = Roofline.place(A100, key("-", "prefill", 1, 1), new PointWork(1e15, 1e9), 1);
        assertThat(slow.bound()).isEqualTo(Bound.OVERHEAD);
        assertThat(slow.predicted()).isEqualTo(Bound.MEMORY);
        assertThat(slow.disagrees()).isTrue();
    }

    @Test
    void unknownWorkOrABadStepTimeCannotBePlaced() {
        PointKey k = key("bf16", "prefill", 1, 1);
        assertThat(Roofline.canPlace(PointWork.UNKNOWN)).isFalse();
        assertThat(Roofline.canPlace(new PointWork(1e9, Double.NaN))).isFalse();
        assertThat(Roofline.canPlace(new PointWork(0, 1e9))).isFalse();
        assertThat(Roofline.canPlace(new PointWork(1e9, 1e9))).isTrue();
        assertThatThrownBy(() -> Roofline.place(H100, k, PointWork.UNKNOWN, 1e-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m/bf16/prefill/b1/s1");
        assertThatThrownBy(() -> Roofline.place(H100, k, new PointWork(1e9, 1e9), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Roofline.place(H100, k, new PointWork(1e9, 1e9), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
