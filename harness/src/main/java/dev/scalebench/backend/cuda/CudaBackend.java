package dev.scalebench.backend.cuda;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.backend.Session;
import dev.scalebench.config.Phase;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaException;
import dev.scalebench.kernels.GpuInfo;
import dev.scalebench.kernels.ops.Kernels;
import dev.scalebench.plan.SweepPoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cuda} backend on one GPU: the device's primary context and scalebench's kernels, loaded once; each
 * {@link #open(SweepPoint)} builds a decoder on the device ({@link CudaDecoder}: either family of synthetic decoder),
 * released by {@link Session#close()}. A prefill or decode point gets a {@link CudaDecoderSession}, a generate point a
 * {@link CudaGenerationSession}.
 */
public final class CudaBackend implements Backend {

    private final CudaContext context;
    private final Kernels kernels;
    private final long seed;
    private final DeviceInfo info;
    private boolean broken;

    private CudaBackend(CudaContext context, Kernels kernels, long seed) {
        this.context = context;
        this.kernels = kernels;
        this.seed = seed;
        GpuInfo gpu = context.device();
        this.info = new DeviceInfo("gpu:" + gpu.index(), gpu.name(), gpu.memoryBytes());
    }

    /** Opens GPU {@code index} and loads the kernels; everything is released again when loading fails. */
    static CudaBackend open(int index, long seed) {
        CudaContext context = CudaContext.open(index);
        try {
            return new CudaBackend(context, Kernels.load(context), seed);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return CudaBackendProvider.NAME;
    }

    @Override
    public DeviceInfo device() {
        return info;
    }

    @Override
    public Session open(SweepPoint point) throws BackendException {
        if (broken) {
            throw new BackendException(FailureKind.ENGINE_ERROR, "the GPU context of this sweep failed"
                    + " earlier with an unrecoverable error (see the first failed point); restart to go on", null);
        }
        if (!point.model().isDecoder()) {
            throw new BackendException(FailureKind.UNSUPPORTED, "the cuda backend runs synthetic decoder"
                    + " models only; TorchScript model '" + point.model().name() + "' needs backend: djl", null);
        }
        context.makeCurrent();
        if (point.phase() == Phase.GENERATE) {
            return CudaGenerationSession.open(this, point);
        }
        return CudaDecoderSession.open(this, point);
    }

    CudaContext context() {
        return context;
    }

    Kernels kernels() {
        return kernels;
    }

    long seed() {
        return seed;
    }

    /**
     * Classifies a failure: out of device memory, a shape the kernels do not support, or an engine error; a sticky
     * error (a kernel faulted, the context is lost) also marks the backend broken.
     */
    BackendException failure(String what, RuntimeException e) {
        if (e instanceof CudaException c) {
            if (c.isOutOfMemory()) {
                return new BackendException(FailureKind.OUT_OF_MEMORY, what + ": out of memory: "
                        + c.getMessage(), c);
            }
            if (c.isSticky()) {
                markBroken();
            }
            return new BackendException(FailureKind.ENGINE_ERROR, what + ": " + c.getMessage(), c);
        }
        if (e instanceof IllegalArgumentException) {
            return new BackendException(FailureKind.UNSUPPORTED, what + ": " + e.getMessage(), e);
        }
        return new BackendException(FailureKind.ENGINE_ERROR, what + ": " + e, e);
    }

    /** Marks the context unusable (a kernel faulted): later points fail at once instead of one by one. */
    void markBroken() {
        broken = true;
    }

    @Override
    public java.util.OptionalLong deviceMemoryPeakBytes() {
        return java.util.OptionalLong.of(context.memory().peakBytes());
    }

    @Override
    public Map<String, String> fingerprint() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("engine", "scalebench-cuda");
        f.put("jcuda.version", Cuda.JCUDA_VERSION);
        f.put("cuda.driver.version", Cuda.availability().driverVersionString());
        f.put("device", info.id());
        f.put("device.name", info.name());
        f.put("device.memory.bytes", Long.toString(info.memoryBytes()));
        f.putAll(context.device().fingerprint());
        kernels.loadReport().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                f.put("kernels." + line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        });
        return f;
    }

    @Override
    public void close() {
        try {
            kernels.close();
        } finally {
            context.close();
        }
    }
}
