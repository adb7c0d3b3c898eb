package dev.scalebench.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.Phase;
import org.junit.jupiter.api.Test;

class MemoryModelTest {
    static SweepPoint point(String model, DType d, Phase ph, int b, int s) {
        return new SweepPoint("djl", "gpu", d, ph, PlanFixtures.model(model), b, s);
    }

    @Test
    void decodeKvCacheFollowsTheFormula() {
        ModelConfig m = PlanFixtures.CATALOG.get("gpt-10m");
        MemoryModel.Estimate e = MemoryModel.estimate(point("gpt-10m", DType.FP32, Phase.DECODE, 4, 99));
        long kvDim = (long) m.kvHeads() * m.headDim();
        assertThat(e.kvCache()).isEqualTo(2L * m.layers() * 4 * 100 * kvDim * 4);
        assertThat(e.weights()).isEqualTo(m.parameterCount() * 4);
    }

    @Test
    void prefillActivationsIncludeTheScoreMatrix() {
        ModelConfig m = PlanFixtures.CATALOG.get("gpt-125m");
        MemoryModel.Estimate e = MemoryModel.estimate(point("gpt-125m", DType.BF16, Phase.PREFILL, 8, 4096));
        assertThat(e.kvCache()).isZero();
        long scores = 2L * 8 * m.heads() * 4096L * 4096 * 2;
        assertThat(e.activations()).isGreaterThan(scores);
        assertThat(e.activations()).isLessThan(scores * 2);
    }

    @Test
    void aBigDecodePointIsInfeasibleOnASmallDeviceAndASmallOneFits() {
        long gib16 = 16L << 30;
        assertThat(MemoryModel.infeasibility(point("gpt-1.3b", DType.BF16, Phase.DECODE, 1, 128), gib16)).isEmpty();
        var why = MemoryModel.infeasibility(point("gpt-1.3b", DType.BF16, Phase.DECODE, 256, 8192), gib16);
        assertThat(why).isPresent();
        assertThat(why.get()).matches("needs [0-9.]+ GiB \\(weights 2\\.4 GiB, KV cache [0-9.]+ GiB, activations "
                + "[0-9.]+ [KMG]iB\\) > 14\\.4 GiB usable of 16\\.0 GiB");
        assertThat(MemoryModel.infeasibility(point("gpt-13b", DType.BF16, Phase.DECODE, 256, 8192), -1)).isEmpty();
    }

    @Test
    void aTorchScriptPointCountsOnlyItsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.write(dir.resolve("m.pt"), new byte[2000]);
        var ts = new dev.scalebench.config.ModelSpec("m", null, new dev.scalebench.config.TorchScriptSpec(f, java.util.List.of()));
        SweepPoint p = new SweepPoint("djl", "cpu", DType.FP32, Phase.PREFILL, ts, 64, 4096);
        assertThat(MemoryModel.estimate(p)).isEqualTo(new MemoryModel.Estimate(2000, 0, 0));
        assertThat(MemoryModel.infeasibility(p, 2000)).isPresent();
        assertThat(MemoryModel.infeasibility(p, 1 << 20)).isEmpty();
    }

    @Test
    void theWholeLadderFitsAtBatchOneOnAnEightyGigabyteGpu() {
        for (String name : new String[] {"gpt-125m", "gpt-350m", "gpt-760m", "gpt-1.3b", "gpt-2.7b", "gpt-6.7b", "gpt-13b"}) {
            assertThat(MemoryModel.infeasibility(point(name, DType.BF16, Phase.DECODE, 1, 2048), 80L << 30)).as(name).isEmpty();
        }
    }
}
