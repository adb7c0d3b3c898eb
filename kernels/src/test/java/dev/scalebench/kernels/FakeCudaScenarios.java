package dev.scalebench.kernels;

import java.util.Arrays;
import java.util.Locale;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUgraph;
import jcuda.driver.JCudaDriver;

/**
 * What {@link FakeCudaTest} runs in child JVMs against the fake driver: {@code main(scenario)} uses the driver layer
 * and prints what it saw as {@code key=value} lines, for the test to check.
 */
final class FakeCudaScenarios {

    static final float[] FLOATS = {0f, -1.5f, 3.25f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, 1e-7f};
    static final short[] SHORTS = {0, 1, -1, Short.MIN_VALUE, Short.MAX_VALUE, 0x3c00};
    static final int[] INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 123_456_789};
    static final long SLEEP_MS = 200;

    private FakeCudaScenarios() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "info" -> info();
            case "copies" -> copies();
            case "memory" -> memory();
            case "oom" -> oom();
            case "module" -> module();
            case "launch" -> launch();
            case "dangling" -> dangling();
            case "timer" -> timer();
            case "unsupported" -> put("cuGraphCreate", JCudaDriver.cuGraphCreate(new CUgraph(), 0));
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
        System.out.flush();
    }

    private static void info() {
        Availability a = Cuda.availability();
        put("available", a.available());
        put("reason", a.reason());
        put("devices", a.deviceCount());
        put("driver", a.driverVersionString());
        if (a.available()) {
            GpuInfo g = Cuda.device(0);
            put("name", g.name());
            put("arch", g.arch());
            put("sms", g.sms());
            put("memory", g.memoryBytes());
            put("clockKhz", g.clockKhz());
            put("memoryClockKhz", g.memoryClockKhz());
            put("busBits", g.memoryBusBits());
            put("l2", g.l2Bytes());
            put("optin", g.sharedPerBlockOptin());
            put("pci", g.pciBusId());
            put("uuid", g.uuid());
            put("bandwidth", String.format(Locale.ROOT, "%.4e", g.theoreticalBandwidth()));
        }
    }

    private static void copies() {
        try (CudaContext ctx = CudaContext.open(0); DeviceBuffer f = ctx.allocate(FLOATS.length * 4L);
                DeviceBuffer s = ctx.allocate(SHORTS.length * 2L); DeviceBuffer i = ctx.allocate(INTS.length * 4L)) {
            f.copyFrom(FLOATS);
            s.copyFrom(SHORTS);
            i.copyFrom(INTS);
            float[] fb = new float[FLOATS.length];
            short[] sb = new short[SHORTS.length];
            int[] ib = new int[INTS.length];
            f.copyTo(fb);
            s.copyTo(sb);
            i.copyTo(ib);
            put("floats", Arrays.toString(fb));
            put("shorts", Arrays.toString(sb));
            put("ints", Arrays.toString(ib));
            i.zero();
            i.copyTo(ib);
            put("zeroed", Arrays.toString(ib));
            // past the end: the Java layer refuses first; the fake refuses too when asked directly
            put("overrun", JCudaDriver.cuMemcpyHtoD(i.pointer(), Pointer.to(new byte[INTS.length * 4 + 1]),
                    INTS.length * 4 + 1));
        }
    }

    private static void memory() {
        try (CudaContext ctx = CudaContext.open(0)) {
            long total = ctx.deviceMemory().totalBytes();
            ctx.allocate(1 << 20);
            DeviceBuffer b = ctx.allocate(2 << 20);
            ctx.allocate(4 << 20);
            put("afterAlloc", ctx.memory());
            put("usedAfterAlloc", total - ctx.deviceMemory().freeBytes());
            b.close();
            put("afterFree", ctx.memory());
            put("usedAfterFree", total - ctx.deviceMemory().freeBytes());
        } // two buffers leaked: closing the context frees them
        try (CudaContext ctx = CudaContext.open(0)) {
            put("reopened", ctx.memory());
            put("usedReopened", ctx.deviceMemory().totalBytes() - ctx.deviceMemory().freeBytes());
        }
        // the fake notices a primary context released with memory still allocated (the Java layer never does this)
        CUcontext raw = new CUcontext();
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, 0);
        JCudaDriver.cuDevicePrimaryCtxRetain(raw, dev);
        JCudaDriver.cuCtxSetCurrent(raw);
        JCudaDriver.cuMemAlloc(new CUdeviceptr(), 12345);
        put("rawRelease", JCudaDriver.cuDevicePrimaryCtxRelease(dev));
    }

    private static void oom() {
        try (CudaContext ctx = CudaContext.open(0)) {
            long total = ctx.device().memoryBytes();
            put("tooBig", attempt(ctx, total + 1));
            DeviceBuffer first = ctx.allocate(total * 6 / 10);
            put("second", attempt(ctx, total * 6 / 10));
            first.close();
            put("afterFree", attempt(ctx, total * 6 / 10));
        }
    }

    private static String attempt(CudaContext ctx, long bytes) {
        try {
            ctx.allocate(bytes);
            return "ok";
        } catch (CudaException e) {
            return "oom=" + e.isOutOfMemory() + " " + e.getMessage();
        }
    }

    private static void module() {
        try (CudaContext ctx = CudaContext.open(0); KernelModule m = KernelModule.load(ctx, "selftest")) {
            put("source", m.source());
            put("notes", String.join(" | ", m.notes()));
            put("axpyMaxThreads", m.function("selftest_axpy").maxThreadsPerBlock());
            put("reverseStatic", m.function("selftest_reverse").staticSharedBytes());
            try {
                m.function("selftest_missing");
                put("missing", "found");
            } catch (CudaException e) {
                put("missing", e.code() + " " + e.getMessage());
            }
        }
    }

    private static void launch() {
        try (CudaContext ctx = CudaContext.open(0); KernelModule m = KernelModule.load(ctx, "selftest");
                CudaStream stream = ctx.newStream()) {
            DeviceBuffer x = ctx.allocate(4096);
            DeviceBuffer y = ctx.allocate(8192);
            CudaFunction axpy = m.function("selftest_axpy");
            axpy.launch(Dim3.of(4), Dim3.of(256), 0, ctx.defaultStream(), x, y.pointer(16), 1000, 5_000_000_000L,
                    0.25f, null);
            axpy.launch(Dim3.of(7, 2, 3), Dim3.of(128, 2), 0, stream, x.pointer(), y, -3, -7L, -1.5e-3f, x);
            put("tooManyThreads", code(() -> axpy.launch(Dim3.of(1), Dim3.of(512), 0, stream, x, y, 1, 1L, 1f, null)));
            CudaFunction reverse = m.function("selftest_reverse");
            put("smemOverDefault", code(() -> reverse.launch(Dim3.of(1), Dim3.of(1024), 46 * 1024, stream, x, y, 1024)));
            reverse.setMaxDynamicSharedBytes(100 * 1024);
            reverse.launch(Dim3.of(2), Dim3.of(1024), 100 * 1024, stream, x, y, 1024);
            put("smemOverOptin", code(() -> reverse.setMaxDynamicSharedBytes(224 * 1024)));
            stream.synchronize();
            ctx.synchronize();
        }
    }

    private static void dangling() {
        try (CudaContext ctx = CudaContext.open(0); KernelModule m = KernelModule.load(ctx, "selftest")) {
            DeviceBuffer x = ctx.allocate(4096);
            DeviceBuffer y = ctx.allocate(4096);
            CUdeviceptr stale = y.pointer();
            y.close();
            CudaFunction axpy = m.function("selftest_axpy");
            put("dangling", code(() -> axpy.launch(Dim3.of(1), Dim3.of(256), 0, ctx.defaultStream(), x, stale, 256,
                    1L, 1f, null)));
            put("wild", code(() -> axpy.launch(Dim3.of(1), Dim3.of(256), 0, ctx.defaultStream(), x, x, 256,
                    1L << 45, 1f, null)));
            axpy.launch(Dim3.of(1), Dim3.of(256), 0, ctx.defaultStream(), x, x, 256, (1L << 40) - 1, 1f, null);
        }
    }

    private static void timer() throws InterruptedException {
        try (CudaContext ctx = CudaContext.open(0); EventTimer t = ctx.newTimer(ctx.defaultStream())) {
            long host = System.nanoTime();
            t.start();
            Thread.sleep(SLEEP_MS);
            t.stop();
            long device = t.elapsedNanos();
            put("hostNanos", System.nanoTime() - host);
            put("deviceNanos", device);
        }
    }

    private static String code(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (CudaException e) {
            return Integer.toString(e.code());
        }
    }

    private static void put(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
