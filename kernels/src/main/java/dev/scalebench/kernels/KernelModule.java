package dev.scalebench.kernels;

import static dev.scalebench.kernels.CudaException.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * One compiled {@code .cu} file loaded into a context. The build puts {@code <name>.sm_80.cubin},
 * {@code <name>.sm_90.cubin}, {@code <name>.ptx} and the sources under {@code /cuda/} on the class path; loading
 * tries, in order, the cubin for the device's architecture, the PTX (JIT-compiled by the driver), and NVRTC on the
 * source. {@link #source()} says which worked, {@link #notes()} why the ones before it did not.
 */
public final class KernelModule implements AutoCloseable {

    static final String RESOURCES = "/cuda/";

    private final CudaContext context;
    private final String name;
    private final CUmodule module;
    private final String source;
    private final List<String> notes;
    private final Map<String, CudaFunction> functions = new HashMap<>();
    private boolean closed;

    private KernelModule(CudaContext context, String name, CUmodule module, String source, List<String> notes) {
        this.context = context;
        this.name = name;
        this.module = module;
        this.source = source;
        this.notes = List.copyOf(notes);
    }

    /**
     * Loads {@code name} ({@code gemm} for {@code gemm.cu}) into the context, current on this thread.
     *
     * @throws CudaException when no form of the module loads; its message lists why each failed
     */
    public static KernelModule load(CudaContext context, String name) {
        context.makeCurrent();
        GpuInfo gpu = context.device();
        List<String> notes = new ArrayList<>();
        Optional<String> cubin = cubinArch(gpu.ccMajor(), gpu.ccMinor());
        if (cubin.isEmpty()) {
            notes.add("no cubin is built for " + gpu.arch() + " (only sm_80 for 8.x and sm_90 for 9.0)");
        } else {
            byte[] bin = resource(name + "." + cubin.get() + ".cubin");
            if (bin == null) {
                notes.add(name + "." + cubin.get() + ".cubin is not in the jar (built without nvcc)");
            } else {
                Optional<CUmodule> m = tryLoad(bin, "cubin " + cubin.get(), notes);
                if (m.isPresent()) {
                    return new KernelModule(context, name, m.get(), "cubin " + cubin.get(), notes);
                }
            }
        }
        byte[] ptx = resource(name + ".ptx");
        if (ptx == null) {
            notes.add(name + ".ptx is not in the jar (built without nvcc)");
        } else {
            Optional<CUmodule> m = tryLoad(nullTerminated(ptx), "PTX", notes);
            if (m.isPresent()) {
                return new KernelModule(context, name, m.get(), "PTX (JIT by the driver)", notes);
            }
        }
        byte[] cu = resource(name + ".cu");
        if (cu == null) {
            notes.add(name + ".cu is not in the jar");
        } else {
            try {
                byte[] compiled = Nvrtc.compile(name + ".cu", new String(cu, StandardCharsets.UTF_8),
                        KernelModule::resourceText, gpu);
                Optional<CUmodule> m = tryLoad(compiled, "NVRTC output", notes);
                if (m.isPresent()) {
                    return new KernelModule(context, name, m.get(), "NVRTC " + gpu.arch(), notes);
                }
            } catch (Nvrtc.NvrtcException e) {
                notes.add(e.getMessage());
            }
        }
        throw new CudaException("loading kernel module '" + name + "' for " + gpu.name() + " (" + gpu.arch()
                + "): " + String.join("; ", notes) + ". Fix: build with nvcc on the PATH (./mvnw package), or make"
                + " libnvrtc.so.12 loadable (LD_LIBRARY_PATH)", CUresult.CUDA_ERROR_NOT_FOUND);
    }

    /** The cubin that runs on compute capability {@code major.minor}: sm_80 on any 8.x, sm_90 on 9.0. */
    static Optional<String> cubinArch(int major, int minor) {
        if (major == 8) {
            return Optional.of("sm_80");
        }
        if (major == 9 && minor == 0) {
            return Optional.of("sm_90");
        }
        return Optional.empty();
    }

    private static Optional<CUmodule> tryLoad(byte[] image, String what, List<String> notes) {
        CUmodule m = new CUmodule();
        int r = JCudaDriver.cuModuleLoadData(m, image);
        if (r == CUresult.CUDA_SUCCESS) {
            return Optional.of(m);
        }
        notes.add(what + " did not load: " + new CudaException("cuModuleLoadData", r).getMessage());
        return Optional.empty();
    }

    private static byte[] nullTerminated(byte[] text) {
        byte[] z = java.util.Arrays.copyOf(text, text.length + 1);
        z[text.length] = 0;
        return z;
    }

    static byte[] resource(String file) {
        try (InputStream in = KernelModule.class.getResourceAsStream(RESOURCES + file)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<String> resourceText(String file) {
        byte[] b = resource(file);
        return b == null ? Optional.empty() : Optional.of(new String(b, StandardCharsets.UTF_8));
    }

    /** The module's name ({@code gemm}). */
    public String name() {
        return name;
    }

    /** Which form loaded: {@code cubin sm_90}, {@code PTX (JIT by the driver)} or {@code NVRTC sm_90}. */
    public String source() {
        return source;
    }

    /** Why the forms tried before {@link #source()} did not load (empty when the first one did). */
    public List<String> notes() {
        return notes;
    }

    /** A kernel of this module by its (extern "C") name. */
    public CudaFunction function(String kernel) {
        ensureOpen();
        return functions.computeIfAbsent(kernel, k -> {
            CUfunction f = new CUfunction();
            check(JCudaDriver.cuModuleGetFunction(f, module, k), "cuModuleGetFunction(" + name + "." + k + ")");
            return new CudaFunction(this, k, f);
        });
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("kernel module '" + name + "' is unloaded");
        }
        context.ensureOpen();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            JCudaDriver.cuModuleUnload(module);
        }
    }
}
