package dev.scalebench.kernels.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaUnavailableException;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Without a GPU the kernels are never loaded: opening a context fails first, saying what is missing and the fix. */
class CudaUnavailableTest {

    @Test
    void withoutAGpuTheReasonSaysWhatIsMissing() {
        Availability a = Cuda.availability();
        Assumptions.assumeFalse(a.available(), "a GPU is available here: nothing to check");
        assertThat(a.reason()).isNotBlank();
        assertThat(a.reason().toLowerCase(Locale.ROOT)).containsAnyOf("libcuda", "driver", "device", "cuinit");
        assertThat(a.fix()).isNotBlank();
        assertThatThrownBy(() -> CudaContext.open(0)).isInstanceOf(CudaUnavailableException.class)
                .hasMessageContaining(a.reason());
    }
}
