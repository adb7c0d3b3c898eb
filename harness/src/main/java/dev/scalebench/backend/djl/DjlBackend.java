package dev.scalebench.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.util.cuda.CudaUtils;
import dev.scalebench.Host;
import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.Session;
import dev.scalebench.backend.cuda.CudaFacade;
import dev.scalebench.backend.cuda.CudaFacade.EventTimer;
import dev.scalebench.backend.cuda.CudaFacade.GpuInfo;
import dev.scalebench.plan.SweepPoint;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DJL / PyTorch backend on one device: synthetic decoder points and TorchScript user models. Made by
 * {@link DjlBackendProvider}; each {@link #open(SweepPoint)} gets its own sub-manager, released by
 * {@link Session#close()}. On a GPU, sessions also time each step's forward with CUDA events
 * ({@link DeviceTiming}), so that {@link Session#lastDeviceNanos()} gives device time next to the host's.
 */
public final class DjlBackend implements Backend {

    private final Engine engine;
    private final Device device;
    private final long seed;
    private final NDManager root;
    private final DeviceInfo info;
    private final DeviceTiming timing;

    /**
     * @param engine the loaded PyTorch engine
     * @param device the resolved device ({@code cpu()} or {@code gpu(N)})
     * @param seed seed for weights and inputs
     */
    DjlBackend(Engine engine, Device device, long seed) {
        this.engine = engine;
        this.device = device;
        this.seed = seed;
        this.root = engine.newBaseManager(device);
        this.timing = device.isGpu() ? DeviceTiming.gpu(device.getDeviceId()) : DeviceTiming.none();
        this.info = describe(device, timing);
    }

    @Override
    public String name() {
        return DjlBackendProvider.NAME;
    }

    @Override
    public DeviceInfo device() {
        return info;
    }

    /** The seed weights and inputs derive from. */
    public long seed() {
        return seed;
    }

    @Override
    public Session open(SweepPoint point) throws BackendException {
        EventTimer timer;
        try {
            timer = timing.newTimer();
        } catch (RuntimeException e) {
            throw Failures.map("cannot create the CUDA events of " + point.id(), e);
        }
        try {
            if (point.model().isDecoder()) {
                return DecoderSession.open(root, point, seed, timer);
            }
            return TorchScriptSession.open(root, point, seed, timer);
        } catch (BackendException | RuntimeException e) {
            if (timer != null) {
                timer.close();
            }
            throw e;
        }
    }

    /**
     * Device memory in use on this backend's GPU, bytes: total minus free through the driver ({@code cuMemGetInfo}
     * via {@link CudaFacade}, where device timing reached the driver), else DJL's reading ({@code nvidia-smi}). It
     * counts every process on the device and what PyTorch's caching allocator has reserved, not only what tensors
     * hold. Empty on the CPU, or when neither source answers. Not for the timed loop: a driver call or a process.
     */
    public java.util.OptionalLong gpuMemoryUsedBytes() {
        if (!device.isGpu()) {
            return java.util.OptionalLong.empty();
        }
        long used = timing.usedBytes();
        if (used >= 0) {
            return java.util.OptionalLong.of(used);
        }
        return safe(() -> CudaUtils.getGpuMemory(device)).map(MemoryUsage::getUsed).filter(u -> u >= 0)
                .map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }

    /**
     * Returns the blocks PyTorch's caching allocator holds but no tensor uses to the driver
     * ({@code torch.cuda.empty_cache()}), so that a reading of {@link #gpuMemoryUsedBytes()} taken next starts from
     * what live tensors hold. Nothing on the CPU; a failure is ignored (the reading then includes the cache).
     */
    public void releaseCachedGpuMemory() {
        if (device.isGpu()) {
            safe(() -> {
                ai.djl.pytorch.jni.JniUtils.emptyCudaCache();
                return Boolean.TRUE;
            });
        }
    }

    @Override
    public Map<String, String> fingerprint() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("engine", engine.getEngineName());
        f.put("engine.version", engine.getVersion());
        f.put("djl.version", Engine.getDjlVersion());
        f.put("pytorch.flavor", DjlBackendProvider.setting("PYTORCH_FLAVOR").orElse("auto"));
        libtorchPath().ifPresent(p -> f.put("libtorch.path", p));
        f.putAll(threadFacts());
        LibtorchDiscovery.systemFact().ifPresent(d -> f.put("pytorch.discovered", d));
        f.put("device", info.id());
        f.put("device.name", info.name());
        f.put("device.memory.bytes", Long.toString(info.memoryBytes()));
        if (info.isGpu()) {
            f.put("cuda.version", safe(CudaUtils::getCudaVersionString).orElse("unknown"));
            CudaFacade.gpuName(device.getDeviceId()).ifPresent(n -> f.put("gpu.name", n));
            f.put("gpu.compute.capability",
                    safe(() -> CudaUtils.getComputeCapability(device.getDeviceId())).orElse("unknown"));
            f.putAll(timing.fingerprint()); // the driver's facts (gpu.*) where JCuda reaches it, and device.timing
        }
        return f;
    }

    /**
     * libtorch's intra-op pool ({@code at::set_num_threads}, which also sets OpenMP's and MKL's counts) can be set at
     * any time; its inter-op pool only before the first parallel work in the process, so a second backend in one JVM
     * keeps the first one's inter-op count, and reports it.
     */
    @Override
    public Map<String, String> applyThreads(int intraOp, int interOp) {
        try {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(intraOp);
            if (ai.djl.pytorch.jni.JniUtils.getNumInteropThreads() != interOp) {
                ai.djl.pytorch.jni.JniUtils.setNumInteropThreads(interOp);
            }
        } catch (RuntimeException e) {
            // libtorch refuses a second inter-op setting once parallel work has started: the count in force stays
        }
        return threadFacts();
    }

    /** The thread counts in force and the variables libtorch's pools read, as fingerprint facts. */
    private static Map<String, String> threadFacts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("threads.intra", safe(() -> Integer.toString(ai.djl.pytorch.jni.JniUtils.getNumThreads()))
                .orElse("unknown"));
        f.put("threads.inter", safe(() -> Integer.toString(ai.djl.pytorch.jni.JniUtils.getNumInteropThreads()))
                .orElse("unknown"));
        for (String v : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS")) {
            String value = System.getenv(v);
            f.put("env." + v, value == null ? "unset" : value);
        }
        return f;
    }

    @Override
    public void close() {
        root.close();
        timing.close();
    }

    private static Optional<String> libtorchPath() {
        return safe(ai.djl.pytorch.jni.LibUtils::getLibtorchPath);
    }

    private static DeviceInfo describe(Device device, DeviceTiming timing) {
        if (device.isGpu() && timing.gpuInfo() != null) {
            GpuInfo g = timing.gpuInfo();
            return new DeviceInfo("gpu:" + device.getDeviceId(), g.name(), g.memoryBytes());
        }
        if (device.isGpu()) {
            String name = "CUDA GPU " + device.getDeviceId()
                    + safe(() -> CudaUtils.getComputeCapability(device.getDeviceId())).map(c -> " (sm_" + c + ")").orElse("");
            long mem = safe(() -> CudaUtils.getGpuMemory(device)).map(MemoryUsage::getMax).orElse(-1L);
            return new DeviceInfo("gpu:" + device.getDeviceId(), name, mem);
        }
        return new DeviceInfo("cpu", Host.cpuModel().orElse(System.getProperty("os.arch")), Host.physicalMemoryBytes());
    }

    private static <T> Optional<T> safe(java.util.function.Supplier<T> s) {
        try {
            return Optional.ofNullable(s.get());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
