package dev.scalebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.ScalebenchException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecJsonTest {
    final SpecLoader loader = new SpecLoader(SpecLoaderTest.PROFILES);

    @Test
    void profilesRoundTripLosslesslyThroughText() throws Exception {
        for (String name : List.of("smoke", "nightly")) {
            SweepSpec s = loader.loadProfile(name);
            String text = new ObjectMapper().writeValueAsString(SpecJson.toJson(s));
            JsonNode back = new ObjectMapper().readTree(text);
            assertThat(SpecJson.fromJson(back)).isEqualTo(s);
        }
    }

    @Test
    void torchScriptAndNullsRoundTrip() {
        ModelSpec ts = new ModelSpec("mine", null, new TorchScriptSpec(Path.of("/m/tiny.pt"), List.of(
                new TorchScriptSpec.Input("x", List.of("batch", "seq", "16"), null, 0),
                new TorchScriptSpec.Input("ids", List.of("batch"), "int64", 50000))));
        SweepSpec s = new SweepSpec("t", "sim", "gpu:1", List.of(DType.FP16), List.of(Phase.DECODE), List.of(ts),
                List.of(1, 2), List.of(3), 7, Order.SEQUENTIAL, -5, Defaults.MEASURE, Duration.ofMillis(1500), null, null);
        ObjectNode j = SpecJson.toJson(s);
        assertThat(j.get("budget").asText()).isEqualTo("PT1.5S");
        assertThat(SpecJson.fromJson(j)).isEqualTo(s);
    }

    @Test
    void aMalformedStoredSpecIsBadInputNamingTheField() {
        ObjectNode j = SpecJson.toJson(loader.loadProfile("smoke"));
        j.remove("measure");
        assertThatThrownBy(() -> SpecJson.fromJson(j)).isInstanceOf(ScalebenchException.class)
                .hasMessageContaining("'measure'");
    }
}
