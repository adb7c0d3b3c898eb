package dev.scalebench.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

class DriverLayerTest {

    @Test
    void availabilityAgreesWithTheProbeAndExplainsItself() {
        Availability a = Cuda.availability();
        if (!CudaProbe.driver().found()) {
            assertThat(a.available()).isFalse();
            assertThat(a.reason()).contains("libcuda.so.1");
            assertThat(a.fix()).isNotBlank();
            assertThatThrownBy(Cuda::devices).isInstanceOf(CudaUnavailableException.class)
                    .hasMessageContaining(a.reason());
        }
        if (a.available()) {
            assertThat(a.deviceCount()).isPositive();
            assertThat(a.reason()).isEmpty();
        } else {
            assertThat(a.deviceCount()).isZero();
            assertThatThrownBy(() -> CudaContext.open(0)).isInstanceOf(CudaUnavailableException.class);
        }
    }

    @Test
    void cubinsAreChosenOnlyWhereTheyRun() {
        assertThat(KernelModule.cubinArch(8, 0)).contains("sm_80");
        assertThat(KernelModule.cubinArch(8, 9)).contains("sm_80"); // sm_80 code runs on later 8.x
        assertThat(KernelModule.cubinArch(9, 0)).contains("sm_90");
        assertThat(KernelModule.cubinArch(10, 0)).isEmpty(); // Blackwell: PTX JIT
        assertThat(KernelModule.cubinArch(7, 5)).isEmpty();
    }

    @Test
    void nvrtcGetsEveryQuotedHeaderTransitivelyAndOnlyOnce() {
        Map<String, String> files = Map.of("a.cuh", "#include \"b.cuh\"\nint a;", "b.cuh", "#include \"a.cuh\"\nint b;");
        Map<String, String> got = new LinkedHashMap<>();
        Nvrtc.collectHeaders("#include <cuda_fp16.h>\n  #  include \"a.cuh\"\n", n -> Optional.ofNullable(files.get(n)),
                got);
        assertThat(got).containsOnlyKeys("a.cuh", "b.cuh");
    }

    @Test
    void errorsNameTheCallTheResultAndTheFix() {
        CudaException oom = new CudaException("cuMemAlloc(1024 bytes)", CUresult.CUDA_ERROR_OUT_OF_MEMORY);
        assertThat(oom.isOutOfMemory()).isTrue();
        assertThat(oom.isSticky()).isFalse();
        assertThat(oom.getMessage()).contains("cuMemAlloc(1024 bytes)", "CUDA_ERROR_OUT_OF_MEMORY", "too little free");
        CudaException fault = new CudaException("cuCtxSynchronize", CUresult.CUDA_ERROR_ILLEGAL_ADDRESS);
        assertThat(fault.isSticky()).isTrue();
        assertThat(new CudaException("cuModuleLoadData", CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION).getMessage())
                .contains("update the driver");
    }

    @Test
    void gridHelpersRoundUpAndRejectEmptyDimensions() {
        assertThat(Dim3.blocks(1, 256)).isEqualTo(1);
        assertThat(Dim3.blocks(257, 256)).isEqualTo(2);
        assertThat(Dim3.blocks(0, 256)).isEqualTo(1);
        assertThat(Dim3.of(2, 3, 4).volume()).isEqualTo(24);
        assertThatThrownBy(() -> Dim3.of(0)).hasMessageContaining(">= 1");
    }

    @Test
    void gpuInfoDerivesArchitectureAndBandwidth() {
        GpuInfo h100 = new GpuInfo(0, "NVIDIA H100 80GB HBM3", 9, 0, 132, 85_000_000_000L, 1_980_000, 2_619_000, 5120,
                52_428_800, 232_448, "0000:1B:00.0", "");
        assertThat(h100.arch()).isEqualTo("sm_90");
        assertThat(h100.theoreticalBandwidth()).isCloseTo(3.352e12, org.assertj.core.data.Offset.offset(1e10));
        assertThat(h100.fingerprint()).containsEntry("gpu.compute.capability", "9.0").doesNotContainKey("gpu.uuid");
    }
}
