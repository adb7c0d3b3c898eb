package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.roofline.Ceilings;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.config.SpecException;
import dev.scalebench.config.SpecLoader;
import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaProbe;
import dev.scalebench.kernels.GpuInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalebench doctor}: what the harness sees, and for each missing part what to do. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Checks what the harness sees: the JVM, the DJL PyTorch engine (version, flavour, devices), CUDA (driver library, GPU device node, nvcc, JCuda's driver binding with each GPU's name, compute capability and memory, the kernels built into the jar, NVRTC for compiling them at run time, a measured profile from calibrate), the profiles and the results folder. Each missing part is printed with what to do. Exits 0 when the default CPU sweep can run, 4 otherwise; the GPU parts are optional.",
            ""})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    HistoryOptions history;

    /**
     * One line of the report.
     *
     * @param ok whether the part works
     * @param required whether the default CPU sweep needs it (a missing required part makes the exit code 4)
     * @param broken present but not working (printed as PROBLEM rather than absent)
     * @param fix what to do when not ok; may be null
     */
    record Check(String name, boolean ok, boolean required, String detail, String fix, boolean broken) {
        Check(String name, boolean ok, boolean required, String detail, String fix) {
            this(name, ok, required, detail, fix, false);
        }

        /** An optional part that is there but does not work. */
        static Check broken(String name, String detail, String fix) {
            return new Check(name, false, false, detail, fix, true);
        }
    }

    @Override
    public Integer call() {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("JVM", true, true, Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB", null));
        checks.add(engine());
        for (CudaProbe.Part p : List.of(CudaProbe.driver(), CudaProbe.device(), CudaProbe.nvcc())) {
            checks.add(new Check(p.name(), p.found(), false, p.detail(), p.fix()));
        }
        checks.addAll(cuda());
        checks.add(profiles());
        checks.add(resultsDir());
        checks.add(DoctorHistory.check(history, locations));

        PrintWriter out = spec.commandLine().getOut();
        boolean ok = true;
        for (Check c : checks) {
            String mark = c.ok() ? "ok     " : c.required() ? "MISSING" : c.broken() ? "PROBLEM" : "absent ";
            out.printf("%s  %-28s %s%n", mark, c.name(), c.detail());
            if (!c.ok() && c.fix() != null) {
                out.printf("         %-28s fix: %s%n", "", c.fix());
            }
            ok &= c.ok() || !c.required();
        }
        out.println(ok ? "The default CPU sweep can run: ./scalebench sweep"
                : "Something the default CPU sweep needs is missing (see MISSING above).");
        out.flush();
        return ok ? 0 : ScalebenchException.EXIT_RUNTIME;
    }

    private static Check engine() {
        try (Backend b = BackendProvider.find("djl").open("auto", 0)) {
            Map<String, String> f = b.fingerprint();
            StringBuilder sb = new StringBuilder();
            f.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            return new Check("DJL PyTorch engine", true, true, "device " + b.device().id() + " (" + b.device().name()
                    + "); " + sb, null);
        } catch (ScalebenchException e) {
            return new Check("DJL PyTorch engine", false, true, e.getMessage(),
                    "build with ./mvnw package (pytorch-native-cpu comes from Maven Central); for a GPU set "
                            + "PYTORCH_FLAVOR=cu128, PYTORCH_LIBRARY_PATH=<torch/lib> and PYTORCH_VERSION=2.7.1");
        } catch (RuntimeException | LinkageError e) {
            return new Check("DJL PyTorch engine", false, true, e.toString(),
                    "check that the runtime jars include pytorch-engine, pytorch-jni and pytorch-native-cpu");
        }
    }

    /** JCuda's driver binding and the GPUs it sees, the kernels in the jar, NVRTC, and measured ceilings. */
    private List<Check> cuda() {
        List<Check> out = new ArrayList<>();
        Availability a = Cuda.availability();
        out.add(new Check("JCuda driver binding", a.available(), false, a.available()
                ? "JCuda " + Cuda.JCUDA_VERSION + ", driver CUDA " + a.driverVersionString() + ", " + a.deviceCount()
                        + " GPU(s)"
                : a.reason(), a.fix()));
        List<GpuInfo> gpus = List.of();
        if (a.available()) {
            try {
                gpus = Cuda.devices();
            } catch (RuntimeException e) {
                out.add(new Check("GPUs", false, false, e.getMessage(), "check the driver with nvidia-smi"));
            }
        }
        for (GpuInfo g : gpus) {
            out.add(new Check("GPU " + g.index(), true, false, String.format(Locale.ROOT,
                    "%s, compute capability %d.%d (%s), %d SMs, %.1f GiB", g.name(), g.ccMajor(), g.ccMinor(),
                    g.arch(), g.sms(), g.memoryBytes() / (double) (1L << 30)), null));
        }
        List<String> kernels = CudaProbe.builtKernels();
        boolean skipped = kernels.isEmpty() && CudaProbe.kernelBuildSkipped();
        out.add(new Check("kernels in the jar", !kernels.isEmpty(), false, kernels.isEmpty()
                ? (skipped ? "none: the build skipped them (-Dkernels.skip=true, as ./scalebench builds when nvidia-smi"
                        + " sees no GPU); NVRTC compiles the sources at run time"
                        : "none: built without nvcc; NVRTC compiles the sources at run time")
                : kernels.size() + " (" + String.join(", ", kernels) + ")",
                skipped ? "build them: SCALEBENCH_BUILD_KERNELS=1 ./scalebench doctor (rebuilds with them), or ./mvnw"
                        + " package; either needs nvcc (the CUDA toolkit on the PATH or CUDA_HOME)"
                        : "install the CUDA toolkit (nvcc on the PATH or CUDA_HOME) and rebuild with ./mvnw package, or"
                        + " make NVRTC loadable (below)"));
        CudaProbe.Part nvrtc = CudaProbe.nvrtc();
        out.add(new Check(nvrtc.name(), nvrtc.found(), false, nvrtc.detail(), nvrtc.fix()));
        for (GpuInfo g : gpus) {
            try {
                HardwareProfile p = Ceilings.forDevice(g.name(), locations.profiles().resolve("hardware")).hardware();
                boolean measured = p != null && p.measured();
                out.add(new Check("ceilings of GPU " + g.index(), measured, false, measured
                        ? "measured profile " + p.id() + (p.spec().isEmpty() ? "" : " (data sheet " + p.spec() + ")")
                        : "no measured profile" + (p == null ? " and no data sheet matches '" + g.name() + "'"
                                : "; data sheet " + p.id()),
                        "scalebench calibrate --device gpu:" + g.index()));
            } catch (ScalebenchException e) {
                out.add(new Check("ceilings of GPU " + g.index(), false, false, e.getMessage(),
                        "fix the hardware profiles named above"));
            }
        }
        return out;
    }

    private Check profiles() {
        Path dir = locations.profiles();
        try {
            SpecLoader loader = new SpecLoader(dir);
            List<String> names = loader.profiles();
            loader.catalog().requireValid();
            loader.loadProfile("smoke");
            return new Check("profiles", true, true, dir + ": sweeps " + names + ", "
                    + loader.catalog().names().size() + " model presets", null);
        } catch (SpecException e) {
            return new Check("profiles", false, true, e.getMessage(), "fix the files named above");
        } catch (RuntimeException e) {
            return new Check("profiles", false, true, dir + ": " + e.getMessage(),
                    "run from the scalebench checkout or pass --profiles-dir");
        }
    }

    private Check resultsDir() {
        Path dir = locations.results();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
            Files.delete(probe);
            long free = Files.getFileStore(dir).getUsableSpace();
            return new Check("results folder", true, true, dir + " (writable, " + free / (1L << 30) + " GiB free)", null);
        } catch (IOException | SecurityException e) {
            return new Check("results folder", false, true, dir + ": " + e, "make it writable (chmod u+w " + dir
                    + ") or pass a writable --results-dir");
        }
    }

}
