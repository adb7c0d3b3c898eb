package dev.scalebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Llama-family presets have the published shapes of their models: each total below is the parameter count the
 * model's publisher states (its config.json and weights), independent of the formula the loader checks it with.
 */
class LlamaPresetsTest {
    final ModelCatalog catalog = new ModelCatalog(SpecLoaderTest.PROFILES.resolve("models"));

    /** Published parameter counts (Hugging Face model pages' safetensors totals). */
    static final Map<String, Long> PUBLISHED = Map.of(
            "llama-3.2-1b", 1_235_814_400L,
            "llama-3.2-3b", 3_212_749_824L,
            "llama-3.1-8b", 8_030_261_248L,
            "mistral-7b-v0.3", 7_248_023_552L,
            "qwen2.5-7b", 7_615_616_512L,
            "llama-3.1-70b", 70_553_706_496L);

    @Test
    void eachPresetHasItsModelsPublishedParameterCount() {
        assertThat(catalog.errors()).isEmpty();
        PUBLISHED.forEach((name, count) -> assertThat(catalog.get(name).parameterCount()).as(name).isEqualTo(count));
    }

    @Test
    void theFamilyIsRmsNormRopeSwiGluGqaAndTheLmHeadIsTiedOnlyWhereTheModelTiesIt() {
        for (String name : PUBLISHED.keySet()) {
            ModelConfig m = catalog.get(name);
            assertThat(m.family().norm()).as(name).isEqualTo(ModelConfig.Norm.RMS);
            assertThat(m.family().rope()).as(name).isTrue();
            assertThat(m.gated()).as(name).isTrue();
            assertThat(m.kvHeads()).as(name).isLessThan(m.heads());
        }
        assertThat(catalog.get("llama-3.2-1b").family().tiedEmbeddings()).isTrue();
        assertThat(catalog.get("llama-3.2-3b").family().tiedEmbeddings()).isTrue();
        assertThat(catalog.get("llama-3.1-8b").family().tiedEmbeddings()).isFalse();
        assertThat(catalog.get("llama-3.1-8b").family().ropeTheta()).isEqualTo(500_000);
        assertThat(catalog.get("mistral-7b-v0.3").family().ropeTheta()).isEqualTo(1_000_000);
        assertThat(catalog.get("qwen2.5-7b").family().qkvBias()).isTrue();
        assertThat(catalog.get("llama-3.1-8b").family().qkvBias()).isFalse();
        ModelConfig tiny = catalog.get("llama-tiny");
        assertThat(tiny.parameterCount()).isBetween(1_000_000L, 10_000_000L);
        assertThat(tiny.family()).isEqualTo(catalog.get("llama-3.1-8b").family());
    }

    @Test
    void theUntiedHeadAndTheBiasesCountAndAWrongTotalNamesThem(@TempDir Path dir) throws IOException {
        ModelConfig tied = new ModelConfig("t", 2, 64, 4, 2, 128, 1000, true,
                new ModelConfig.Family(ModelConfig.Norm.RMS, 10_000, true, false));
        ModelConfig untied = new ModelConfig("u", 2, 64, 4, 2, 128, 1000, true,
                new ModelConfig.Family(ModelConfig.Norm.RMS, 10_000, false, false));
        ModelConfig biased = new ModelConfig("b", 2, 64, 4, 2, 128, 1000, true,
                new ModelConfig.Family(ModelConfig.Norm.RMS, 10_000, false, true));
        assertThat(untied.parameterCount() - tied.parameterCount()).isEqualTo(1000L * 64);
        assertThat(biased.parameterCount() - untied.parameterCount()).isEqualTo(2L * (64 + 2 * 2 * 16));

        Files.writeString(dir.resolve("m.yaml"), """
                name: m
                layers: 2
                hidden: 64
                heads: 4
                kv-heads: 2
                ffn: 128
                vocab: 1000
                gated: true
                norm: rms
                rope-theta: 10000
                tied-embeddings: false
                parameters: %d
                """.formatted(tied.parameterCount()));
        Files.writeString(dir.resolve("n.yaml"), """
                name: n
                layers: 2
                hidden: 64
                heads: 4
                ffn: 128
                vocab: 1000
                norm: batch
                rope-theta: -1
                parameters: 1
                """);
        ModelCatalog c = new ModelCatalog(dir);
        assertThat(c.errorsByPreset().get("m")).singleElement().asString()
                .contains("m.yaml:12", "does not match", String.valueOf(untied.parameterCount()), "LM head");
        assertThat(String.valueOf(c.errorsByPreset().get("n"))).contains("norm 'batch' is unknown (allowed: layer, rms)",
                "rope-theta -1.0 must be >= 0");
        assertThatThrownBy(() -> c.get("n")).isInstanceOf(SpecException.class);
    }

    @Test
    void aFamilyRoundTripsThroughTheStoredSpecAndAGptPresetsSpecIsUnchanged() {
        ModelConfig q = catalog.get("qwen2.5-7b");
        ModelSpec back = SpecJsonProbe.roundTrip(ModelSpec.of(q));
        assertThat(back.decoder()).isEqualTo(q);
        assertThat(SpecJsonProbe.json(ModelSpec.of(catalog.get("gpt-125m")))).doesNotContain("family");
        assertThat(SpecJsonProbe.json(ModelSpec.of(q))).contains("\"rope-theta\":1000000.0", "\"qkv-bias\":true");
    }
}
