package dev.scalebench.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.ScalebenchException;
import dev.scalebench.backend.BackendUnavailableException;
import dev.scalebench.backend.Diagnosis;
import dev.scalebench.config.DeviceSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code djl} backend: DJL with its PyTorch engine. Never downloads: {@code ai.djl.offline} is set to
 * {@code true} unless the environment or a system property already says otherwise. On a GPU machine without
 * {@code PYTORCH_LIBRARY_PATH}, {@link LibtorchDiscovery} first looks for a CUDA libtorch that DJL's JNI fits;
 * otherwise the libtorch flavour defaults to {@code cpu} (the {@code pytorch-native-cpu} jar on the class path)
 * unless {@code PYTORCH_FLAVOR} is set.
 */
public final class DjlBackendProvider implements BackendProvider {

    /** The name sweep files use. */
    public static final String NAME = "djl";

    static final String GPU_FIX = "for a GPU, set PYTORCH_FLAVOR=cu128 and point PYTORCH_LIBRARY_PATH (with "
            + "PYTORCH_VERSION=2.7.1) at a CUDA libtorch, or let DJL download it once with ai.djl.offline=false";

    @Override
    public String name() {
        return NAME;
    }

    /** The device, and the engine's version and build: PyTorch's, DJL's and libtorch's flavour. */
    @Override
    public List<String> resumeKeys() {
        return List.of("device", "device.name", "engine.version", "djl.version", "pytorch.flavor", "threads.intra",
                "threads.inter");
    }

    /**
     * One line, {@code DJL PyTorch engine}: the engine opened on {@code auto} with its device and fingerprint, or
     * why it did not load and what to do.
     */
    @Override
    public List<Diagnosis> diagnose(boolean defaultBackend) {
        String name = "DJL PyTorch engine";
        Diagnosis d;
        try (Backend b = open("auto", 0)) {
            StringBuilder sb = new StringBuilder();
            b.fingerprint().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            d = Diagnosis.ok(name, "device " + b.device().id() + " (" + b.device().name() + "); " + sb);
        } catch (ScalebenchException e) {
            d = Diagnosis.absent(name, e.getMessage(), "build with ./mvnw package (pytorch-native-cpu comes from Maven"
                    + " Central); for a GPU set PYTORCH_FLAVOR=cu128, PYTORCH_LIBRARY_PATH=<torch/lib> and"
                    + " PYTORCH_VERSION=2.7.1");
        } catch (RuntimeException | LinkageError e) {
            d = Diagnosis.absent(name, e.toString(),
                    "check that the runtime jars include pytorch-engine, pytorch-jni and pytorch-native-cpu");
        }
        return List.of(d.withRequired(defaultBackend));
    }

    @Override
    public Backend open(String device, long seed) {
        Engine engine = engine();
        return new DjlBackend(engine, resolve(device, engine.getGpuCount()), seed);
    }

    /** Loads the PyTorch engine offline, or says why it cannot. */
    static Engine engine() {
        if (setting("ai.djl.offline").isEmpty()) {
            System.setProperty("ai.djl.offline", "true");
        }
        // a CUDA libtorch on a GPU machine, set as system properties; nothing without a GPU
        LibtorchChoice libtorch = LibtorchDiscovery.applyToSystem(System.err::println);
        if (setting("PYTORCH_FLAVOR").isEmpty()) {
            System.setProperty("PYTORCH_FLAVOR", "cpu");
        }
        try {
            Engine engine = Engine.getEngine("PyTorch");
            if (engine == null) {
                throw new BackendUnavailableException("DJL PyTorch engine not found on the class path", null);
            }
            return engine;
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailableException("DJL PyTorch engine failed to load (" + e.getMessage()
                    + "); check PYTORCH_FLAVOR / PYTORCH_LIBRARY_PATH, or remove them to use the bundled CPU libtorch"
                    + (libtorch.outcome() == LibtorchChoice.Outcome.FOUND ? " (scalebench found "
                            + libtorch.chosen().orElseThrow().describe() + "; PYTORCH_FLAVOR=cpu keeps the CPU"
                            + " libtorch)" : ""),
                    e);
        }
    }

    /**
     * The device a spec names: {@code auto} is {@code gpu:0} when the engine sees a GPU, else {@code cpu};
     * {@code gpu} / {@code gpu:N} require that GPU.
     */
    static Device resolve(String spec, int gpuCount) {
        DeviceSpec d = DeviceSpec.parse(spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new BackendUnavailableException("device '" + spec + "' is not cpu, gpu, gpu:N or auto",
                        null));
        return switch (d.kind()) {
            case AUTO -> gpuCount > 0 ? Device.gpu(0) : Device.cpu();
            case CPU -> Device.cpu();
            case GPU -> {
                if (gpuCount == 0) {
                    throw new BackendUnavailableException("device " + spec + ": the DJL PyTorch engine sees no GPU (flavour "
                            + setting("PYTORCH_FLAVOR").orElse("?") + "); " + GPU_FIX, null);
                }
                if (d.gpu() >= gpuCount) {
                    throw new BackendUnavailableException("device " + spec + ": only " + gpuCount + " GPU(s) visible", null);
                }
                yield Device.gpu(d.gpu());
            }
        };
    }

    /** A setting from a system property, else the environment. */
    static Optional<String> setting(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            v = System.getenv(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
