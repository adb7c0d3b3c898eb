package dev.scalebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
    final ModelCatalog catalog = new ModelCatalog(SpecLoaderTest.PROFILES.resolve("models"));

    @Test
    void everyShippedPresetLoadsAndStatesItsTrueParameterCount() {
        assertThat(catalog.errors()).isEmpty();
        assertThat(catalog.names()).containsExactly("gpt-1m", "gpt-10m", "gpt-40m", "gpt-125m", "gpt-350m", "gpt-760m",
                "gpt-1.3b", "gpt-2.7b", "gpt-6.7b", "gpt-13b", "llama-tiny", "llama-3.2-1b", "llama-3.2-3b",
                "mistral-7b-v0.3", "qwen2.5-7b", "llama-3.1-8b", "llama-3.1-70b");
        // parameter counts are checked on load; here they are also near their names
        assertThat(catalog.get("gpt-1m").parameterCount()).isBetween(900_000L, 1_200_000L);
        assertThat(catalog.get("gpt-10m").parameterCount()).isBetween(9_000_000L, 11_000_000L);
        assertThat(catalog.get("gpt-40m").parameterCount()).isBetween(38_000_000L, 44_000_000L);
        assertThat(catalog.get("gpt-125m").parameterCount()).isBetween(115_000_000L, 135_000_000L);
        assertThat(catalog.get("gpt-1.3b").parameterCount()).isBetween(1_250_000_000L, 1_450_000_000L);
        assertThat(catalog.get("gpt-13b").parameterCount()).isBetween(12_000_000_000L, 14_000_000_000L);
        ModelConfig g = catalog.get("gpt-10m");
        assertThat(g.gated()).isTrue();
        assertThat(g.kvHeads()).isLessThan(g.heads());
        assertThat(catalog.description("gpt-125m")).contains("GPT-3");
    }

    @Test
    void aWrongParameterCountOrShapeIsAnErrorWithItsLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("m.yaml"), """
                name: m
                layers: 2
                hidden: 64
                heads: 4
                ffn: 256
                vocab: 100
                parameters: 12345
                """);
        Files.writeString(dir.resolve("q.yaml"), """
                name: other
                layers: 0
                hidden: 64
                heads: 5
                kv-heads: 3
                ffn: 256
                vocab: 100
                gated: maybe
                """);
        ModelCatalog c = new ModelCatalog(dir);
        assertThat(c.all()).isEmpty();
        String all = String.join("\n", c.errors().stream().map(SpecError::toString).toList());
        assertThat(all).contains("m.yaml:7: parameters 12345 does not match the configuration, which has 105024",
                "q.yaml:1: name 'other' must match the file name 'q.yaml'",
                "q.yaml:2: layers 0 must be >= 1",
                "q.yaml:8: gated must be true or false, not 'maybe'",
                "q.yaml:1: missing required key 'parameters'");
        assertThatThrownBy(c::requireValid).isInstanceOf(SpecException.class);
        assertThatThrownBy(() -> c.get("m")).isInstanceOf(SpecException.class).hasMessageContaining("m.yaml:7");
    }
}
