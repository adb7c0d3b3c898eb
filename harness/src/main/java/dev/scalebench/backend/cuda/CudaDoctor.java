package dev.scalebench.backend.cuda;

import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.Diagnosis;
import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaProbe;
import dev.scalebench.kernels.GpuInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code scalebench doctor} says about CUDA, for {@link CudaBackendProvider#diagnose(boolean)}: the driver
 * library, a GPU device node and nvcc (found without loading them), JCuda's driver binding and each GPU it sees
 * (name, compute capability, SMs, memory), the kernels built into the jar, and NVRTC for compiling them at run time.
 * Every part is optional for a CPU sweep; only the driver binding is required, and only when {@code cuda} is the
 * default backend.
 */
final class CudaDoctor {

    private CudaDoctor() {
    }

    static List<Diagnosis> diagnose(boolean defaultBackend) {
        List<Diagnosis> out = new ArrayList<>();
        for (CudaProbe.Part p : List.of(CudaProbe.driver(), CudaProbe.device(), CudaProbe.nvcc())) {
            out.add(part(p));
        }
        Availability a = Cuda.availability();
        out.add(Diagnosis.of("JCuda driver binding", a.available(), a.available()
                ? "JCuda " + Cuda.JCUDA_VERSION + ", driver CUDA " + a.driverVersionString() + ", " + a.deviceCount()
                        + " GPU(s)"
                : a.reason(), a.fix()).withRequired(defaultBackend));
        List<GpuInfo> gpus = List.of();
        if (a.available()) {
            try {
                gpus = Cuda.devices();
            } catch (RuntimeException e) {
                out.add(Diagnosis.absent("GPUs", e.getMessage(), "check the driver with nvidia-smi"));
            }
        }
        for (GpuInfo g : gpus) {
            out.add(Diagnosis.ok("GPU " + g.index(), String.format(Locale.ROOT,
                    "%s, compute capability %d.%d (%s), %d SMs, %.1f GiB", g.name(), g.ccMajor(), g.ccMinor(),
                    g.arch(), g.sms(), g.memoryBytes() / (double) (1L << 30))));
        }
        out.add(kernels());
        out.add(part(CudaProbe.nvrtc()));
        return out;
    }

    /** The GPUs JCuda sees; empty without a driver, or when asking it fails. */
    static List<DeviceInfo> gpus() {
        try {
            if (!Cuda.availability().available()) {
                return List.of();
            }
            return Cuda.devices().stream().map(g -> new DeviceInfo("gpu:" + g.index(), g.name(), g.memoryBytes()))
                    .toList();
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    private static Diagnosis part(CudaProbe.Part p) {
        return Diagnosis.of(p.name(), p.found(), p.detail(), p.fix());
    }

    private static Diagnosis kernels() {
        List<String> kernels = CudaProbe.builtKernels();
        boolean skipped = kernels.isEmpty() && CudaProbe.kernelBuildSkipped();
        return Diagnosis.of("kernels in the jar", !kernels.isEmpty(), kernels.isEmpty()
                ? (skipped ? "none: the build skipped them (-Dkernels.skip=true, as ./scalebench builds when nvidia-smi"
                        + " sees no GPU); NVRTC compiles the sources at run time"
                        : "none: built without nvcc; NVRTC compiles the sources at run time")
                : kernels.size() + " (" + String.join(", ", kernels) + ")",
                skipped ? "build them: SCALEBENCH_BUILD_KERNELS=1 ./scalebench doctor (rebuilds with them), or ./mvnw"
                        + " package; either needs nvcc (the CUDA toolkit on the PATH or CUDA_HOME)"
                        : "install the CUDA toolkit (nvcc on the PATH or CUDA_HOME) and rebuild with ./mvnw package, or"
                        + " make NVRTC loadable (below)");
    }
}
