package dev.scalebench.measure.nvml;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * NVML, the NVIDIA Management Library ({@code libnvidia-ml.so.1}, which ships with every driver; no CUDA runtime
 * needed), opened: {@link #open()} loads the library and calls {@code nvmlInit_v2}, {@link #close()} calls
 * {@code nvmlShutdown} (NVML counts the two, so instances may overlap). Use it in try-with-resources:
 *
 * <pre>{@code
 * try (Nvml nvml = Nvml.open()) {
 *     NvmlDevice gpu = nvml.deviceForCuda(0);
 *     long mJ = gpu.energyMillijoules();
 * } catch (NvmlException e) {
 *     System.err.println(e.getMessage());   // "absent: libnvidia-ml.so.1 not found", "nvmlInit_v2: Driver Not Loaded (NVML error 9)"
 * }
 * }</pre>
 *
 * <p>Every failed call throws an {@link NvmlException} whose message names the call and NVML's text for the code.
 * The system property {@value #LIBRARY_PROPERTY} names another library file (the tests' fake driver).
 */
public final class Nvml implements AutoCloseable {

    /** The library's name, found through the dynamic linker's search path. */
    public static final String LIBRARY = "libnvidia-ml.so.1";
    /** A system property naming the library file to load instead of {@value #LIBRARY}. */
    public static final String LIBRARY_PROPERTY = "scalebench.nvml.library";

    private static final int NAME_BYTES = 96;

    private final NvmlLibrary lib;
    private final String library;
    private boolean closed;

    private Nvml(NvmlLibrary lib, String library) {
        this.lib = lib;
        this.library = library;
    }

    /**
     * Loads the library ({@value #LIBRARY_PROPERTY}, else {@value #LIBRARY}) and initialises NVML.
     *
     * @throws NvmlException {@link NvmlException#absent() absent} when the library cannot be loaded; the init's
     *     error otherwise (no driver loaded, no permission...)
     */
    public static Nvml open() {
        String name = library();
        NvmlLibrary lib = load(name);
        Nvml nvml = new Nvml(lib, name);
        nvml.check("nvmlInit_v2", lib::nvmlInit_v2);
        return nvml;
    }

    /** The library {@link #open()} loads. */
    public static String library() {
        String p = System.getProperty(LIBRARY_PROPERTY);
        return p == null || p.isBlank() ? LIBRARY : p.trim();
    }

    private static NvmlLibrary load(String name) {
        try {
            return Native.load(name, NvmlLibrary.class);
        } catch (UnsatisfiedLinkError e) {
            boolean file = name.contains("/") && Files.isRegularFile(Path.of(name));
            throw new NvmlException("dlopen", NvmlException.LIBRARY_NOT_FOUND, file
                    ? "absent: " + name + " could not be loaded: " + firstLine(e.getMessage())
                    : "absent: " + name + " not found");
        } catch (LinkageError | RuntimeException e) { // JNA's own native part could not be loaded
            throw new NvmlException("dlopen", NvmlException.LIBRARY_NOT_FOUND, "absent: JNA could not load "
                    + name + ": " + firstLine(e.toString()));
        }
    }

    /** The driver's version, e.g. {@code 550.54.15}. */
    public String driverVersion() {
        byte[] b = new byte[NAME_BYTES];
        check("nvmlSystemGetDriverVersion", () -> lib.nvmlSystemGetDriverVersion(b, b.length));
        return Native.toString(b);
    }

    /** How many GPUs NVML sees (all of the machine's, whatever {@code CUDA_VISIBLE_DEVICES} says). */
    public int deviceCount() {
        IntByReference n = new IntByReference();
        check("nvmlDeviceGetCount_v2", () -> lib.nvmlDeviceGetCount_v2(n));
        return n.getValue();
    }

    /** GPU {@code index} in NVML's numbering (PCI bus order, as {@code nvidia-smi} numbers them). */
    public NvmlDevice device(int index) {
        PointerByReference h = new PointerByReference();
        check("nvmlDeviceGetHandleByIndex_v2(" + index + ")", () -> lib.nvmlDeviceGetHandleByIndex_v2(index, h));
        return new NvmlDevice(this, h.getValue(), index);
    }

    /** Every GPU NVML sees, in its order. */
    public List<NvmlDevice> devices() {
        List<NvmlDevice> all = new ArrayList<>();
        for (int i = 0, n = deviceCount(); i < n; i++) {
            all.add(device(i));
        }
        return all;
    }

    /**
     * The GPU that CUDA calls {@code ordinal} in this process ({@code gpu:N} of a backend), through this process's
     * {@code CUDA_VISIBLE_DEVICES}: see {@link #deviceForCuda(int, String)}.
     */
    public NvmlDevice deviceForCuda(int ordinal) {
        return deviceForCuda(ordinal, System.getenv("CUDA_VISIBLE_DEVICES"));
    }

    /**
     * The GPU that CUDA calls {@code ordinal} when {@code CUDA_VISIBLE_DEVICES} is {@code visible}: unset, the
     * NVML device of the same index; else its {@code ordinal}-th entry, an NVML index or a (prefix of a) UUID
     * ({@code GPU-...}). CUDA numbers the visible GPUs fastest first and NVML by PCI bus; on a machine of one GPU
     * model the two agree (set {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} where models are mixed).
     *
     * @throws NvmlException when the entry names no GPU, or a MIG instance (NVML's energy counter and clocks are
     *     the whole GPU's, not one instance's: {@link NvmlException#notSupported() not supported})
     */
    public NvmlDevice deviceForCuda(int ordinal, String visible) {
        if (visible == null) {
            return device(ordinal);
        }
        String[] entries = visible.split(",", -1);
        String fn = "CUDA_VISIBLE_DEVICES=" + visible;
        if (ordinal < 0 || ordinal >= entries.length || entries[ordinal].isBlank()) {
            throw new NvmlException(fn, NvmlException.NOT_FOUND, fn + ": has no GPU " + ordinal);
        }
        String e = entries[ordinal].trim();
        if (e.matches("\\d{1,9}")) {
            return device(Integer.parseInt(e));
        }
        if (e.startsWith("MIG-")) {
            throw new NvmlException(fn, NvmlException.NOT_SUPPORTED, fn + ": GPU " + ordinal + " is MIG instance "
                    + e + "; NVML's energy counter and clocks are the whole GPU's, not an instance's");
        }
        if (e.startsWith("GPU-")) {
            for (NvmlDevice d : devices()) {
                if (d.uuid().startsWith(e)) {
                    return d;
                }
            }
        }
        throw new NvmlException(fn, NvmlException.NOT_FOUND, fn + ": entry '" + e + "' names no GPU that NVML sees");
    }

    /** Calls an NVML function; throws its error. */
    void check(String function, IntSupplier call) {
        int code;
        try {
            code = call.getAsInt();
        } catch (UnsatisfiedLinkError e) {
            throw new NvmlException(function, NvmlException.FUNCTION_NOT_FOUND, function + ": not in " + library
                    + " (a driver older than the function)");
        }
        if (code != 0) {
            throw new NvmlException(function, code, function + ": " + errorString(code) + " (NVML error " + code
                    + ")");
        }
    }

    NvmlLibrary lib() {
        return lib;
    }

    private String errorString(int code) {
        try {
            String s = lib.nvmlErrorString(code);
            return s == null || s.isBlank() ? "unknown error" : s;
        } catch (RuntimeException | LinkageError e) {
            return "unknown error";
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Shuts NVML down (once; further calls do nothing). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                lib.nvmlShutdown();
            } catch (RuntimeException | LinkageError e) {
                // nothing to do: the process is letting go of NVML
            }
        }
    }
}
