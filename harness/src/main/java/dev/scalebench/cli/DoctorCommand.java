package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.roofline.Ceilings;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.Backends;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.Diagnosis;
import dev.scalebench.config.Defaults;
import dev.scalebench.config.SpecException;
import dev.scalebench.config.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalebench doctor}: what the harness sees, and for each missing part what to do. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Checks what the harness sees: the JVM, then every registered backend, the default first: the DJL PyTorch engine (version, flavour, devices), CUDA (driver library, GPU device node, nvcc, JCuda's driver binding with each GPU's name, compute capability and memory, the kernels built into the jar, NVRTC for compiling them at run time), any other engine opened on auto; a measured profile from calibrate for each GPU; whether each GPU that NVML sees is fit to measure (clocks locked, persistence on, no power or thermal throttling at idle, ECC state), with the nvidia-smi command that fixes each item; the profiles and the results folder. Each missing part is printed with what to do. Exits 0 when the default CPU sweep can run, 4 otherwise; the GPU parts are optional.",
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
        checks.addAll(backends());
        checks.add(DoctorCpu.check());
        checks.add(DoctorTorch.check());
        checks.addAll(DoctorGpu.checks());
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

    /**
     * What every registered backend says about itself, the default one first (its required parts decide the exit
     * code), then the measured ceilings of each GPU they see.
     */
    private List<Check> backends() {
        List<Check> out = new ArrayList<>();
        List<BackendProvider> providers;
        try {
            providers = new ArrayList<>(Backends.providers());
        } catch (ScalebenchException e) {
            return List.of(new Check("backends", false, true, e.getMessage(), "fix the class path"));
        }
        providers.sort(Comparator.comparing(p -> !p.name().equals(Defaults.BACKEND))); // stable: the rest by name
        if (providers.stream().noneMatch(p -> p.name().equals(Defaults.BACKEND))) {
            out.add(new Check("backend " + Defaults.BACKEND, false, true, "not on the class path (registered: "
                    + String.join(", ", Backends.names()) + ")", "build with ./mvnw package"));
        }
        for (String problem : Backends.problems()) {
            out.add(Check.broken("backend provider", problem, "check the engine's jars on the class path"));
        }
        Map<String, DeviceInfo> gpus = new LinkedHashMap<>();
        for (BackendProvider p : providers) {
            boolean isDefault = p.name().equals(Defaults.BACKEND);
            try {
                for (Diagnosis d : p.diagnose(isDefault)) {
                    out.add(new Check(d.name(), d.ok(), d.required(), d.detail(), d.fix(),
                            d.state() == Diagnosis.State.BROKEN));
                }
                p.gpus().stream().filter(g -> g.gpuIndex().isPresent()).forEach(g -> gpus.putIfAbsent(g.id(), g));
            } catch (RuntimeException | LinkageError e) {
                out.add(new Check("backend " + p.name(), false, isDefault, e.toString(), "a bug in the backend's"
                        + " diagnose(); report it", true));
            }
        }
        for (DeviceInfo g : gpus.values()) {
            out.add(ceilings(g));
        }
        return out;
    }

    /** Whether {@code calibrate} has measured this GPU's ceilings, or only a data sheet (or nothing) describes it. */
    private Check ceilings(DeviceInfo g) {
        int index = g.gpuIndex().orElseThrow();
        try {
            HardwareProfile p = Ceilings.forDevice(g.name(), locations.profiles().resolve("hardware")).hardware();
            boolean measured = p != null && p.measured();
            return new Check("ceilings of GPU " + index, measured, false, measured
                    ? "measured profile " + p.id() + (p.spec().isEmpty() ? "" : " (data sheet " + p.spec() + ")")
                    : "no measured profile" + (p == null ? " and no data sheet matches '" + g.name() + "'"
                            : "; data sheet " + p.id()),
                    "scalebench calibrate --device gpu:" + index);
        } catch (ScalebenchException e) {
            return new Check("ceilings of GPU " + index, false, false, e.getMessage(),
                    "fix the hardware profiles named above");
        }
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
