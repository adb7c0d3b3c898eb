package dev.scalebench.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.Session;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.TorchScriptSpec;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DjlTorchScriptTest {

    private static final Path FIXTURE = Path.of("src/test/resources/torchscript/tiny-mlp.pt");

    private static SweepPoint point(Path path, int batch) {
        TorchScriptSpec spec = new TorchScriptSpec(path,
                List.of(new TorchScriptSpec.Input("x", List.of("batch", "seq", "16"), "fp32", 0)));
        return new SweepPoint("djl", "cpu", DType.FP32, Phase.PREFILL, new ModelSpec("tiny-mlp", null, spec), batch, 4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8})
    void runsStepsAtTwoBatchSizes(int batch) throws Exception {
        try (Backend backend = new DjlBackendProvider().open("cpu", 1);
                TorchScriptSession s = (TorchScriptSession) backend.open(point(FIXTURE, batch))) {
            for (int i = 0; i < 5; i++) {
                s.step();
            }
            assertThat(s.outputShape()).isEqualTo(new Shape(batch, 4, 8));
        }
    }

    @Test
    void missingFileIsABackendException() {
        try (Backend backend = new DjlBackendProvider().open("cpu", 1)) {
            assertThatThrownBy(() -> backend.open(point(Path.of("no/such/model.pt"), 1)))
                    .isInstanceOf(BackendException.class)
                    .hasMessageContaining("no/such/model.pt")
                    .hasMessageContaining("not found");
        }
    }

    @Test
    void unloadableFileIsABackendException() {
        try (Backend backend = new DjlBackendProvider().open("cpu", 1)) {
            Path notAModel = Path.of("pom.xml");
            assertThatThrownBy(() -> {
                try (Session s = backend.open(point(notAModel, 1))) {
                    s.step();
                }
            }).isInstanceOf(BackendException.class).hasMessageContaining("pom.xml");
        }
    }
}
