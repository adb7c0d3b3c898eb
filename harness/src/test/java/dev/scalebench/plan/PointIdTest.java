package dev.scalebench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import org.junit.jupiter.api.Test;

class PointIdTest {

    @Test
    void writesAndReadsTheOneFormat() {
        PointId id = new PointId("gpt-1m", "fp32", "prefill", 4, 64);
        assertThat(id).hasToString("gpt-1m/fp32/prefill/b4/s64");
        assertThat(PointId.parse("gpt-1m/fp32/prefill/b4/s64")).isEqualTo(id);
    }

    @Test
    void aModelNameWithSlashesIsSplitFromTheRight() {
        PointId id = PointId.parse("models/my/net.pt/bf16/decode/b16/s1024");
        assertThat(id.model()).isEqualTo("models/my/net.pt");
        assertThat(id.dtype()).isEqualTo("bf16");
        assertThat(id.phase()).isEqualTo("decode");
        assertThat(id.batch()).isEqualTo(16);
        assertThat(id.seq()).isEqualTo(1024);
        assertThat(PointId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void refusesTextThatIsNotAPointIdNamingIt() {
        for (String bad : new String[] {"", "gpt/fp32/prefill/4/s64", "gpt/fp32/prefill/b4", "fp32/prefill/b4/s64",
                "gpt/fp32/prefill/b0/s64", "gpt/fp32/prefill/bx/s64"}) {
            assertThatThrownBy(() -> PointId.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.isEmpty() ? "''" : bad.substring(0, 3));
        }
    }

    @Test
    void theSweepPointAndTheTrialUseIt() {
        ModelConfig c = new ModelConfig("gpt-1m", 2, 64, 4, 4, 256, 512, false);
        SweepPoint p = new SweepPoint("sim", "cpu", DType.FP32, Phase.DECODE, ModelSpec.of(c), 8, 128);
        assertThat(p.id()).isEqualTo("gpt-1m/fp32/decode/b8/s128");
        assertThat(p.pointId()).isEqualTo(PointId.parse(p.id()));
        Trial t = new Trial(p, 3, 0);
        assertThat(t.id()).isEqualTo("gpt-1m/fp32/decode/b8/s128#r3");
        assertThat(TrialId.parse(t.id())).isEqualTo(p.pointId().trial(3));
        assertThat(TrialId.pointOf(t.id())).isEqualTo(p.id());
    }

    @Test
    void refusesTextThatIsNotATrialId() {
        assertThatThrownBy(() -> TrialId.parse("gpt-1m/fp32/decode/b8/s128")).hasMessageContaining("not a trial id");
        assertThatThrownBy(() -> TrialId.parse("gpt-1m/fp32/decode/b8/s128#rx")).hasMessageContaining("#rx");
    }

    @Test
    void aGeneratePointCarriesItsOutputLength() {
        PointId id = new PointId("llama-tiny", "fp32", "generate", 4, 64, 32);
        assertThat(id).hasToString("llama-tiny/fp32/generate/b4/s64/o32");
        assertThat(PointId.parse("llama-tiny/fp32/generate/b4/s64/o32")).isEqualTo(id);
        assertThat(PointId.parse("models/o7/fp32/generate/b4/s64/o7").model()).isEqualTo("models/o7");
        assertThat(new SweepPoint("sim", "cpu", DType.FP32, Phase.GENERATE,
                ModelSpec.of(new ModelConfig("gpt-1m", 2, 64, 4, 4, 256, 512, false)), 4, 64, 32).tokensPerStep())
                .as("a request's output tokens").isEqualTo(128);
        assertThatThrownBy(() -> new SweepPoint("sim", "cpu", DType.FP32, Phase.GENERATE,
                ModelSpec.of(new ModelConfig("gpt-1m", 2, 64, 4, 4, 256, 512, false)), 4, 64))
                .hasMessageContaining("output 0 must be >= 1 for generate");
    }
}
