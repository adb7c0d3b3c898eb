package dev.scalebench.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import org.junit.jupiter.api.Test;

class FamiliesTest {

    private static SweepPoint point(ModelConfig m) {
        return new SweepPoint("cuda", "gpu:0", DType.BF16, Phase.DECODE, ModelSpec.of(m), 4, 128);
    }

    @Test
    void gptStylePresetsPassAndEveryOtherFamilyIsUnsupportedWithWhatItNeeds() {
        ModelConfig gpt = new ModelConfig("gpt-1m", 2, 64, 4, 4, 256, 512, false);
        assertThatCode(() -> Families.requireGptStyle("cuda", point(gpt))).doesNotThrowAnyException();

        ModelConfig qwen = new ModelConfig("q", 2, 64, 4, 2, 128, 1000, true,
                new ModelConfig.Family(ModelConfig.Norm.RMS, 1_000_000, false, true));
        assertThatThrownBy(() -> Families.requireGptStyle("cuda", point(qwen))).isInstanceOf(BackendException.class)
                .satisfies(e -> assertThat(((BackendException) e).kind()).isEqualTo(FailureKind.UNSUPPORTED))
                .hasMessageContainingAll("model q needs rms norm", "theta 1000000", "an untied LM head",
                        "Q/K/V biases", "the cuda backend implements", "backend: djl or sim");
    }
}
