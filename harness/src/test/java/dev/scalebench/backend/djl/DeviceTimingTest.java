package dev.scalebench.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.scalebench.backend.cuda.CudaFacade;
import dev.scalebench.backend.cuda.CudaFacade.Availability;
import dev.scalebench.kernels.CudaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device timing of DJL steps falls back to host-only timing, once warned and fingerprinted, when JCuda cannot. */
class DeviceTimingTest {
    private static final Availability NO_DRIVER = new Availability(false, "libcuda.so.1 not found",
            "install the NVIDIA driver", 0, 0);
    private static final Availability ONE_GPU = new Availability(true, "", "", 1, 12040);

    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void resetWarning() {
        DeviceTiming.resetWarning();
    }

    @Test
    void withoutJcudaTimingIsOffSaysWhyInTheFingerprintAndWarnsOncePerProcess() {
        DeviceTiming a = DeviceTiming.gpu(0, () -> NO_DRIVER, i -> {
            throw new AssertionError("must not open a context");
        }, warnings::add);
        DeviceTiming b = DeviceTiming.gpu(1, () -> NO_DRIVER, i -> {
            throw new AssertionError("must not open a context");
        }, warnings::add);
        for (DeviceTiming t : List.of(a, b)) {
            assertThat(t.on()).isFalse();
            assertThat(t.newTimer()).isNull();
            assertThat(t.gpuInfo()).isNull();
            assertThat(t.fingerprint()).containsExactly(Map.entry(DeviceTiming.KEY,
                    "off: CUDA not usable through JCuda: libcuda.so.1 not found (install the NVIDIA driver)"));
            t.close();
        }
        assertThat(warnings).singleElement().asString().startsWith("device timing is off, steps are timed on the"
                + " host only").contains("libcuda.so.1 not found");
    }

    @Test
    void aContextThatDoesNotOpenTurnsTimingOffWithTheDriversReason() {
        DeviceTiming t = DeviceTiming.gpu(0, () -> ONE_GPU, i -> {
            throw new CudaException("cuDevicePrimaryCtxRetain(0)", 999);
        }, warnings::add);
        assertThat(t.on()).isFalse();
        assertThat(t.fingerprint().get(DeviceTiming.KEY)).startsWith("off: CUDA not usable through JCuda: the primary"
                + " context of GPU 0 did not open through JCuda: cuDevicePrimaryCtxRetain(0) failed");
        assertThat(warnings).hasSize(1);
    }

    @Test
    void onTheCpuThereIsNothingToTimeOrSay() {
        DeviceTiming t = DeviceTiming.none();
        assertThat(t.on()).isFalse();
        assertThat(t.newTimer()).isNull();
        assertThat(t.fingerprint()).isEmpty();
    }

    @Test
    void onThisMachineTheReasonIsTheDriverLayersOwn() {
        Availability a = CudaFacade.availability();
        assumeFalse(a.available(), "CUDA is usable here");
        DeviceTiming t = DeviceTiming.gpu(0, CudaFacade::availability, i -> {
            throw new AssertionError("must not open a context");
        }, warnings::add);
        assertThat(t.fingerprint().get(DeviceTiming.KEY)).contains(a.reason()).contains(a.fix());
    }
}
