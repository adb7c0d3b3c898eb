package dev.scalebench.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.BackendUnavailableException;
import dev.scalebench.cli.Cli;
import dev.scalebench.kernels.Cuda;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a machine without a GPU the cuda backend says why, and a sweep on it stops cleanly before measuring. */
class CudaUnavailableTest {

    @Test
    void theProviderIsFoundAndParsesDevices() {
        assertThat(BackendProvider.names()).contains("cuda");
        assertThat(CudaBackendProvider.gpuIndex("auto")).isZero();
        assertThat(CudaBackendProvider.gpuIndex("gpu")).isZero();
        assertThat(CudaBackendProvider.gpuIndex("GPU:3")).isEqualTo(3);
        assertThatThrownBy(() -> CudaBackendProvider.gpuIndex("cpu")).hasMessageContaining("backend: djl");
        assertThatThrownBy(() -> CudaBackendProvider.gpuIndex("gpu:x")).hasMessageContaining("gpu:N");
        assertThatThrownBy(() -> CudaBackendProvider.gpuIndex("gpu:-1")).hasMessageContaining("gpu:N");
    }

    @Test
    void openingWithoutAGpuSaysUnavailableWithTheReasonAndTheFix() {
        assumeFalse(Cuda.availability().available(), "this machine has a usable GPU");
        assertThatThrownBy(() -> BackendProvider.find("cuda").open("auto", 1))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("unavailable: the cuda backend needs a GPU: ")
                .hasMessageContaining(Cuda.availability().reason())
                .hasMessageContaining(Cuda.availability().fix());
    }

    @Test
    void aSweepOnTheCudaBackendExitsWithTheReasonAndMeasuresNothing(@TempDir Path tmp) throws Exception {
        assumeFalse(Cuda.availability().available(), "this machine has a usable GPU");
        Path spec = Files.writeString(tmp.resolve("g.yaml"), """
                name: g
                backend: cuda
                device: auto
                dtype: bf16
                phase: [prefill]
                model: [gpt-1m]
                batch: [1]
                seq: [16]
                replicates: 1
                """);
        Cli.Result r = Cli.run("sweep", "--profile", spec.toString(), "--profiles-dir", Cli.PROFILES.toString(),
                "--results-dir", tmp.resolve("results").toString(), "--no-history");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(4);
        assertThat(r.err()).contains("unavailable: the cuda backend needs a GPU").doesNotContain("\tat ");
        Path results = tmp.resolve("results");
        if (Files.isDirectory(results)) {
            try (Stream<Path> s = Files.walk(results)) {
                assertThat(s.filter(p -> p.getFileName().toString().equals("trials.jsonl"))
                        .filter(p -> p.toFile().length() > 0)).isEmpty();
            }
        }
    }
}
