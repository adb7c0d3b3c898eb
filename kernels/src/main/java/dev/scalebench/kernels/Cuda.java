package dev.scalebench.kernels;

import static dev.scalebench.kernels.CudaException.check;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.CUuuid;
import jcuda.driver.JCudaDriver;

/**
 * The entry point: whether CUDA is usable here ({@link #availability()}, which never throws) and what GPUs there
 * are. JCuda's driver library is loaded on first use; it needs only the driver's {@code libcuda.so.1}.
 */
public final class Cuda {

    private static volatile Availability cached;

    private Cuda() {
    }

    /**
     * Whether CUDA can be used, found once per process: the driver library is there, JCuda's JNI loads against it,
     * {@code cuInit} succeeds and a device is visible. Never throws.
     */
    public static Availability availability() {
        Availability a = cached;
        if (a == null) {
            synchronized (Cuda.class) {
                a = cached;
                if (a == null) {
                    a = probe();
                    cached = a;
                }
            }
        }
        return a;
    }

    private static Availability probe() {
        CudaProbe.Part driver = CudaProbe.driver();
        if (!driver.found()) {
            return Availability.no(driver.detail(), driver.fix(), 0);
        }
        int[] version = {0};
        try {
            int r = JCudaDriver.cuDriverGetVersion(version);
            if (r != CUresult.CUDA_SUCCESS) {
                version[0] = 0;
            }
        } catch (LinkageError e) {
            return Availability.no("JCuda's driver binding did not load against " + driver.detail() + ": "
                    + e.getMessage(), "check that the NVIDIA driver is installed and matches the machine's"
                    + " architecture (JCuda " + JCUDA_VERSION + " ships natives for linux-x86_64)", 0);
        }
        int r = JCudaDriver.cuInit(0);
        if (r != CUresult.CUDA_SUCCESS) {
            return Availability.no("cuInit failed: " + CUresult.stringFor(r) + " (driver CUDA "
                    + versionString(version[0]) + ")", r == CUresult.CUDA_ERROR_NO_DEVICE
                    ? "run on a machine with an NVIDIA GPU, or check CUDA_VISIBLE_DEVICES and the container's GPU access"
                    : "check the driver with nvidia-smi", version[0]);
        }
        int[] count = {0};
        r = JCudaDriver.cuDeviceGetCount(count);
        if (r != CUresult.CUDA_SUCCESS || count[0] == 0) {
            return Availability.no("the driver sees no CUDA device", "check CUDA_VISIBLE_DEVICES and nvidia-smi",
                    version[0]);
        }
        return new Availability(true, "", "", count[0], version[0]);
    }

    /** The JCuda release this build binds to (its JNI libraries are built against this CUDA version). */
    public static final String JCUDA_VERSION = "12.6.0";

    /** Every visible GPU. */
    public static List<GpuInfo> devices() {
        Availability a = availability();
        a.require();
        List<GpuInfo> out = new ArrayList<>();
        for (int i = 0; i < a.deviceCount(); i++) {
            out.add(device(i));
        }
        return out;
    }

    /** One GPU, by ordinal. */
    public static GpuInfo device(int index) {
        Availability a = availability();
        a.require();
        if (index < 0 || index >= a.deviceCount()) {
            throw new IllegalArgumentException("GPU " + index + " does not exist: " + a.deviceCount() + " visible");
        }
        CUdevice dev = handle(index);
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, dev), "cuDeviceGetName");
        long[] mem = {0};
        check(JCudaDriver.cuDeviceTotalMem(mem, dev), "cuDeviceTotalMem");
        String[] bus = {""};
        if (JCudaDriver.cuDeviceGetPCIBusId(bus, 64, dev) != CUresult.CUDA_SUCCESS) {
            bus[0] = "";
        }
        return new GpuInfo(index, cString(name),
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT), mem[0],
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE),
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE),
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH),
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE),
                attribute(dev, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN),
                bus[0].strip(), uuid(dev));
    }

    static CUdevice handle(int index) {
        CUdevice dev = new CUdevice();
        check(JCudaDriver.cuDeviceGet(dev, index), "cuDeviceGet(" + index + ")");
        return dev;
    }

    private static int attribute(CUdevice dev, int attribute) {
        int[] v = {-1};
        return JCudaDriver.cuDeviceGetAttribute(v, attribute, dev) == CUresult.CUDA_SUCCESS ? v[0] : -1;
    }

    private static String uuid(CUdevice dev) {
        CUuuid u = new CUuuid();
        if (JCudaDriver.cuDeviceGetUuid(u, dev) != CUresult.CUDA_SUCCESS || u.bytes == null || u.bytes.length != 16) {
            return "";
        }
        StringBuilder s = new StringBuilder("GPU-");
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(String.format(java.util.Locale.ROOT, "%02x", u.bytes[i] & 0xff));
        }
        return s.toString();
    }

    static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /** A CUDA version number ({@code 1000·major + 10·minor}) as {@code major.minor}, or {@code unknown}. */
    static String versionString(int v) {
        return v <= 0 ? "unknown" : v / 1000 + "." + v % 1000 / 10;
    }
}
