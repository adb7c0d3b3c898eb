package dev.scalebench.kernels.bench;

import dev.scalebench.kernels.Availability;
import dev.scalebench.kernels.Cuda;
import dev.scalebench.kernels.CudaContext;
import dev.scalebench.kernels.CudaException;
import dev.scalebench.kernels.CudaStream;
import dev.scalebench.kernels.CudaUnavailableException;
import dev.scalebench.kernels.EventTimer;
import dev.scalebench.kernels.GpuInfo;
import dev.scalebench.kernels.ops.Kernels;
import dev.scalebench.kernels.ops.Probes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times scalebench's kernels on GPU 0 at the shapes of issue 5's targets, with CUDA events, and prints one JSON object
 * per line: first a {@code "meta"} line (GPU, driver, how each module loaded, the options), then per case
 * {@code {"op", "impl": "scalebench", "dtype", "shape", "median_us", "min_us", "flops", "bytes", "tflops", "gbs",
 * ...}} ({@link Timing} is the protocol, {@link Costs} the counts), and for {@code --ops gap} the host-vs-device
 * launch gap ({@link LaunchGap}). {@code tools/gpu/torch_ops.py} prints the same lines for PyTorch and
 * {@code tools/gpu/compare-kernels.sh} joins the two into a table against the targets.
 *
 * <p>Exit status: 0 when every case ran; 2 on bad usage; 4 when CUDA is unavailable (printing
 * {@code unavailable: <reason>} and the fix on standard error), the kernels do not load, or a case failed (its line
 * carries {@code "error"}; the others still run unless the error left the context unusable).
 */
public final class KernelBench {

    private KernelBench() {
    }

    /** Runs the benchmark with the command line {@code args} ({@code --help} lists them) and exits. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The benchmark, printing to {@code out} (JSON and {@code #} lines) and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(BenchOptions.USAGE);
            return 2;
        }
        if (o.help()) {
            out.print(BenchOptions.USAGE);
            return 0;
        }
        List<BenchCase> cases = BenchCases.select(o.groups());
        if (o.list()) {
            cases.forEach(c -> out.println(c.listLine()));
            return 0;
        }
        Availability a = Cuda.availability();
        if (!a.available()) {
            return unavailable(err, a.reason(), a.fix());
        }
        try (CudaContext ctx = CudaContext.open(0); Kernels k = Kernels.load(ctx); Probes p = Probes.load(ctx);
             CudaStream s = ctx.newStream(); EventTimer timer = ctx.newTimer(s)) {
            Env env = new Env(ctx, k, p, s);
            try (Spacer spacer = o.spacer() ? Spacer.calibrate(env, timer) : Spacer.off()) {
                List<String> load = new ArrayList<>(k.loadReport());
                load.addAll(p.loadReport());
                out.println(meta(ctx.device(), a, load, spacer, o));
                human(o, out, "%s (%s, %d SMs), driver CUDA %s; modules: %s", ctx.device().name(),
                        ctx.device().arch(), ctx.device().sms(), a.driverVersionString(), String.join("; ", load));
                return runCases(env, cases, new Timing(s, timer, spacer, o), timer, o, out);
            }
        } catch (CudaUnavailableException e) {
            return unavailable(err, e.getMessage(), "");
        } catch (CudaException e) {
            err.println("error: " + e.getMessage());
            return 4;
        }
    }

    private static int runCases(Env env, List<BenchCase> cases, Timing timing, EventTimer timer, BenchOptions o,
                                PrintStream out) {
        String device = env.context().device().name();
        int failed = 0;
        for (int i = 0; i < cases.size(); i++) {
            BenchCase c = cases.get(i);
            try (Bound b = c.setup().bind(env)) {
                if (c.group().equals("gap")) {
                    LaunchGap g = LaunchGap.measure(b, timing, timer, o.gapLaunches());
                    out.println(gapLine(c, g, o.gapLaunches(), device));
                    human(o, out, "launch gap (%s %s %s, %d launches a loop): host %.2f us per launch (queueing "
                                    + "%.2f, bare cuLaunchKernel %.2f), device %.2f us back to back, events around "
                                    + "the host loop %.2f us: gap %.2f us", c.op(), c.dtype(), c.shape(),
                            o.gapLaunches(), g.hostNanos() / 1e3, g.enqueueNanos() / 1e3,
                            g.launchCallNanos() / 1e3, g.deviceNanos() / 1e3, g.eventsNanos() / 1e3,
                            g.gapNanos() / 1e3);
                } else {
                    Timing.Result r = timing.measure(b::launch);
                    out.println(resultLine(c, r, device));
                    human(o, out, "%-17s %-4s %-34s median %10.2f us  min %10.2f us  %7.1f TFLOP/s  %7.1f GB/s",
                            c.op(), c.dtype(), c.shape() + (c.label() == null ? "" : " " + c.label()),
                            r.medianNanos() / 1e3, r.minNanos() / 1e3, c.flops() / r.medianNanos() / 1e3,
                            c.bytes() / r.medianNanos());
                }
            } catch (CudaException e) {
                failed++;
                out.println(errorLine(c, e.getMessage()));
                if (e.isSticky()) {
                    for (BenchCase rest : cases.subList(i + 1, cases.size())) {
                        failed++;
                        out.println(errorLine(rest, "not run: the GPU context is unusable after " + c));
                    }
                    break;
                }
            } catch (RuntimeException e) {
                failed++;
                out.println(errorLine(c, e.toString()));
            }
        }
        return failed == 0 ? 0 : 4;
    }

    private static int unavailable(PrintStream err, String reason, String fix) {
        err.println("unavailable: " + reason);
        if (fix != null && !fix.isBlank()) {
            err.println("fix: " + fix);
        }
        return 4;
    }

    private static void human(BenchOptions o, PrintStream out, String format, Object... args) {
        if (!o.jsonOnly()) {
            out.println("# " + String.format(Locale.ROOT, format, args));
        }
    }

    static String meta(GpuInfo gpu, Availability a, List<String> load, Spacer spacer, BenchOptions o) {
        return new JsonLine().put("meta", true).put("impl", "scalebench").put("device", gpu.name())
                .put("cc", gpu.ccMajor() + "." + gpu.ccMinor()).put("sms", gpu.sms()).put("l2_bytes", gpu.l2Bytes())
                .put("memory_bytes", gpu.memoryBytes()).put("clock_khz", gpu.clockKhz())
                .put("driver_cuda", a.driverVersionString()).put("jcuda", Cuda.JCUDA_VERSION)
                .put("java", System.getProperty("java.version")).put("load", load).put("spacer", spacer.enabled())
                .put("spacer_ns_per_iter", spacer.nanosPerIter()).put("reps", o.reps()).put("warmup", o.warmup())
                .put("warmup_ms", o.warmupNanos() / 1e6).put("rep_ms", o.repNanos() / 1e6).toString();
    }

    static String resultLine(BenchCase c, Timing.Result r, String device) {
        JsonLine j = new JsonLine().put("op", c.op()).put("impl", "scalebench").put("dtype", c.dtype())
                .put("shape", c.shape());
        if (c.label() != null) {
            j.put("label", c.label());
        }
        return j.put("median_us", r.medianNanos() / 1e3).put("min_us", r.minNanos() / 1e3).put("flops", c.flops())
                .put("bytes", c.bytes()).put("tflops", c.flops() / r.medianNanos() / 1e3)
                .put("gbs", c.bytes() / r.medianNanos()).put("reps", r.reps())
                .put("launches_per_rep", r.launchesPerRep()).put("warmup_launches", r.warmupLaunches())
                .put("host_us_per_launch", r.hostNanosPerLaunch() / 1e3).put("device", device).toString();
    }

    static String gapLine(BenchCase c, LaunchGap g, int launches, String device) {
        return new JsonLine().put("op", c.op()).put("impl", "scalebench").put("dtype", c.dtype())
                .put("shape", c.shape()).put("launches", launches).put("host_ns", g.hostNanos())
                .put("enqueue_ns", g.enqueueNanos()).put("launch_call_ns", g.launchCallNanos())
                .put("events_ns", g.eventsNanos()).put("device_ns", g.deviceNanos()).put("gap_ns", g.gapNanos())
                .put("device", device).toString();
    }

    static String errorLine(BenchCase c, String error) {
        JsonLine j = new JsonLine().put("op", c.op()).put("impl", "scalebench").put("dtype", c.dtype())
                .put("shape", c.shape());
        if (c.label() != null) {
            j.put("label", c.label());
        }
        return j.put("error", error).toString();
    }
}
