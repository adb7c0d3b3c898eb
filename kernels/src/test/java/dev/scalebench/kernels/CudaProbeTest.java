package dev.scalebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CudaProbeTest {

    @Test
    void findsTheDriverInLdLibraryPathFirst(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("libcuda.so.1"));
        assertThat(CudaProbe.findDriver("/nonexistent:" + dir)).contains(dir.resolve("libcuda.so.1"));
    }

    @Test
    void everyMissingPartSaysWhyAndWhatToDo() {
        for (CudaProbe.Part p : new CudaProbe.Part[] {CudaProbe.driver(), CudaProbe.device(), CudaProbe.nvcc()}) {
            assertThat(p.detail()).isNotBlank();
            if (p.found()) {
                assertThat(p.fix()).isNull();
            } else {
                assertThat(p.fix()).isNotBlank();
            }
        }
    }

    @Test
    void deviceNodeAgreesWithTheFileSystem() {
        assertThat(CudaProbe.device().found()).isEqualTo(Files.exists(Path.of("/dev/nvidia0")));
    }
}
