package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.HardwareProfileWriter;
import dev.scalebench.analysis.roofline.HardwareProfiles;
import dev.scalebench.backend.cuda.CalibrationProbes;
import dev.scalebench.backend.cuda.CalibrationResult;
import dev.scalebench.backend.cuda.CalibrationSettings;
import dev.scalebench.backend.cuda.CudaFacade;
import dev.scalebench.backend.cuda.CudaFacade.Availability;
import dev.scalebench.backend.cuda.CudaFacade.GpuInfo;
import dev.scalebench.backend.cuda.CudaFacade.UnavailableException;
import dev.scalebench.results.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalebench calibrate}: measures the ceilings of the GPU at hand and writes them as a hardware profile. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {
            "Measures the ceilings of a GPU with scalebench's probe kernels: memory bandwidth (copy and triad over buffers of at least 8x the L2 and 256 MiB, within the free memory) and peak FLOP/s for fp32 (FMA), tf32, fp16 and bf16 (mma.sync). Each probe warms up, then runs timed repetitions of back-to-back launches between CUDA events; the profile stores the best repetition (the most the GPU sustained), the sources give the median too.",
            "",
            "Writes <profiles>/hardware/measured/<gpu name>.yaml (measured: true, spec: the data sheet it matches), which analyze, sweep and compare then use for that GPU: roofline fractions of the measured ceilings, with those of the data sheet beside them. Prints measured against data-sheet ceilings.",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  the profile was written",
            "  2  bad usage (a device that is not gpu or gpu:N, fewer than 3 repetitions)",
            "  4  no usable GPU: prints 'calibrate: unavailable: <reason>' and the fix",
            "     on standard error and writes nothing; or the measurement failed",
            "     (driver error, too little free memory)"})
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profiles-dir", paramLabel = "DIR",
            description = "Folder holding hardware/ (default: profiles/ of the scalebench checkout).")
    Path profilesDir;

    @Option(names = "--device", paramLabel = "gpu|gpu:N", defaultValue = "gpu:0",
            description = "The GPU to measure (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "30",
            description = "Timed repetitions per probe, at least 3 (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s",
            description = "Device time each probe runs before its timed repetitions (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Where to write the profile (default: <profiles>/hardware/measured/<gpu name>.yaml).")
    Path outFile;

    /** {@code --output}'s old name, hidden ({@link Outputs}). */
    @Option(names = "--out", hidden = true, paramLabel = "FILE")
    Path outAlias;

    /** The probe kernels; tests replace them. */
    CalibrationProbes probes = CalibrationProbes.builtIn();
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        Path target = Outputs.either(outFile, outAlias);
        int index = gpuIndex(device);
        if (repetitions < 3) {
            throw ScalebenchException.badInput("--repetitions " + repetitions + ": must be >= 3");
        }
        Duration warm = SweepCommand.parseDuration("--warmup", warmup);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Availability a = CudaFacade.availability();
        if (!a.available()) {
            return unavailable(err, a.reason(), a.fix());
        }
        if (index >= a.deviceCount()) {
            return unavailable(err, "GPU " + index + " does not exist: " + a.deviceCount() + " visible",
                    "pass --device gpu:N with N < " + a.deviceCount() + " (check CUDA_VISIBLE_DEVICES)");
        }
        CalibrationResult r;
        try {
            r = CudaFacade.calibrate(index, probes, CalibrationSettings.DEFAULTS.withRepetitions(repetitions)
                    .withWarmup(warm), clock, line -> {
                        err.println("calibrate: " + line);
                        err.flush();
                    });
        } catch (UnavailableException e) {
            return unavailable(err, e.reason(), e.fix());
        } catch (IllegalStateException e) {
            throw ScalebenchException.runtime("calibrate: " + e.getMessage(), e);
        }
        GpuInfo gpu = CudaFacade.gpu(r);
        Path hardware = (profilesDir != null ? profilesDir : Locations.home().resolve("profiles")).resolve("hardware");
        HardwareProfile sheet = dataSheet(gpu.name(), hardware);
        Path file = target != null ? target : hardware.resolve(HardwareProfiles.MEASURED_DIR)
                .resolve(CalibrationProfile.slug(gpu.name()) + ".yaml");
        String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        HardwareProfile measured = CalibrationProfile.of(r, sheet, id);
        write(file, HardwareProfileWriter.toYaml(measured, CalibrationProfile.comments(r,
                "scalebench calibrate --device gpu:" + index)));

        out.printf(Locale.ROOT, "%s (GPU %d, %s, %d SMs, driver CUDA %s)%n", gpu.name(), index, gpu.arch(),
                gpu.sms(), r.driverVersion());
        TextTable.print(out, CalibrationProfile.header(sheet), CalibrationProfile.table(r, sheet), false, false,
                true, true, true, true);
        out.println("stored: the best of " + repetitions + " repetitions per probe (bandwidth: the better of copy"
                + " and triad), the most this GPU sustained; the median says how steady it was.");
        if (sheet == null) {
            out.println("no data-sheet profile in " + hardware + " matches '" + gpu.name()
                    + "': reports show the measured ceilings alone");
        }
        r.notes().forEach(n -> out.println("note: " + n));
        out.println("profile: " + file);
        out.flush();
        return 0;
    }

    private static int unavailable(PrintWriter err, String reason, String fix) {
        err.println("calibrate: unavailable: " + reason);
        err.println("fix: " + fix);
        err.flush();
        return ScalebenchException.EXIT_RUNTIME;
    }

    /** {@code gpu} → 0, {@code gpu:N} → N; anything else is bad usage. */
    static int gpuIndex(String device) {
        String d = device == null ? "" : device.trim().toLowerCase(Locale.ROOT);
        if (d.equals("gpu")) {
            return 0;
        }
        if (d.startsWith("gpu:")) {
            try {
                int i = Integer.parseInt(d.substring(4));
                if (i >= 0) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ScalebenchException.badInput("--device " + device + ": calibrate measures a GPU: gpu or gpu:N");
    }

    /** The data sheet matching the GPU's name (measured profiles are not data sheets), or null. */
    static HardwareProfile dataSheet(String gpuName, Path hardware) {
        List<HardwareProfile> sheets = HardwareProfiles.load(hardware).stream().filter(p -> !p.measured()).toList();
        return HardwareProfiles.match(gpuName, sheets).orElse(null);
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw ScalebenchException.runtime("calibrate: cannot create the folder of " + file + ": " + e, e);
        }
        AtomicFiles.write(file, text);
    }
}
