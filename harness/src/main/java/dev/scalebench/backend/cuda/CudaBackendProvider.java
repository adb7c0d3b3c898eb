package dev.scalebench.backend.cuda;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.BackendUnavailableException;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.Diagnosis;
import dev.scalebench.config.DeviceSpec;
import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaException;
import java.util.List;
import java.util.Locale;

/** Provides the {@code cuda} backend. It needs a GPU: {@code cpu} is refused, {@code auto} means {@code gpu:0}. */
public final class CudaBackendProvider implements BackendProvider {

    /** The name sweep files use. */
    public static final String NAME = "cuda";

    @Override
    public String name() {
        return NAME;
    }

    /** The GPU, the driver and the JCuda binding must be those the run started with. */
    @Override
    public List<String> resumeKeys() {
        return List.of("device", "device.name", "cuda.driver.version", "jcuda.version");
    }

    /** The CUDA toolchain, part by part (see {@link CudaDoctor}). */
    @Override
    public List<Diagnosis> diagnose(boolean defaultBackend) {
        return CudaDoctor.diagnose(defaultBackend);
    }

    @Override
    public List<DeviceInfo> gpus() {
        return CudaDoctor.gpus();
    }

    @Override
    public Backend open(String device, long seed) {
        int index = gpuIndex(device);
        Availability a = Cuda.availability();
        if (!a.available()) {
            throw new BackendUnavailableException("the cuda backend needs a GPU: " + a.reason() + "; " + a.fix(), null);
        }
        if (index >= a.deviceCount()) {
            throw new BackendUnavailableException("device gpu:" + index + ": only " + a.deviceCount()
                    + " GPU(s) visible", null);
        }
        try {
            return CudaBackend.open(index, seed);
        } catch (CudaException e) {
            throw new BackendUnavailableException("the cuda backend could not start on gpu:" + index + ": "
                    + e.getMessage(), e);
        }
    }

    /** The GPU a device spec names: {@code auto}, {@code gpu} and {@code gpu:N}. */
    static int gpuIndex(String spec) {
        DeviceSpec d = DeviceSpec.parse(spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new BackendUnavailableException("device '" + spec + "' is not gpu, gpu:N or auto",
                        null));
        if (d.kind() == DeviceSpec.Kind.CPU) {
            throw new BackendUnavailableException("the cuda backend runs only on a GPU; device 'cpu' needs backend: djl",
                    null);
        }
        return d.gpu();
    }
}
