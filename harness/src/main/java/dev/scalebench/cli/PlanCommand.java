package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.SweepSpec;
import dev.scalebench.config.Units;
import dev.scalebench.plan.Budget;
import dev.scalebench.plan.CostModel;
import dev.scalebench.plan.MemoryModel;
import dev.scalebench.plan.Plan;
import dev.scalebench.plan.Planner;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.progress.Eta;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalebench plan}: the design matrix, feasibility, estimates and budget trimming, without running. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Expands a sweep's design matrix (model x dtype x phase x batch x seq) and shows, without running anything: each point's estimated memory (weights + activations + KV cache) against the device's, the points that do not fit and why, each trial's estimated time from the cost model, and the total.",
            "",
            "Device memory: --device-memory, else the spec's device-memory, else this machine's RAM for a CPU sweep. Memory fits when the estimate is at most 90%% of it.",
            "",
            "Budget rules (--budget, or the spec's budget; --trim picks the rule): " + Budget.OPTIMAL_RULE,
            "",
            Budget.RULE,
            "",
            PlanPilot.HELP,
            "",
            PlanMemory.HELP,
            ""})
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Mixin
    SweepSelection selection;

    @Option(names = "--device-memory", paramLabel = "SIZE",
            description = "Memory of the device the sweep will run on (e.g. 80GiB), for feasibility.")
    String deviceMemory;

    @Mixin
    PlanPilot pilot;

    @Mixin
    TrimOption trim;

    @Mixin
    PlanDesign design;

    @Mixin
    PlanMemory memoryFrom;

    @Override
    public Integer call() {
        SweepSpec sweep = selection.load(locations);
        if (pilot.requested()) {
            return pilot.run(sweep, PlanPilot.file(selection.profile(), locations), locations,
                    spec.commandLine().getOut());
        }
        long memory = memory(sweep);
        boolean gpu = sweep.device().startsWith("gpu");
        Planner planner = new Planner(CostModel.forDevice(gpu), trim.rule(sweep));
        Plan plan = planner.plan(sweep, memory);
        print(plan, memory, gpu, spec.commandLine().getOut());
        PlanDesign.printTrimming(plan, planner, spec.commandLine().getOut());
        design.printScenarios(sweep, memory, planner, spec.commandLine().getOut());
        memoryFrom.print(plan, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private long memory(SweepSpec sweep) {
        if (deviceMemory != null) {
            Long bytes;
            try {
                bytes = Units.parseBytes(deviceMemory);
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
            if (bytes == null || bytes <= 0) {
                throw ScalebenchException.badInput("--device-memory " + deviceMemory
                        + ": must be a positive size such as 24GiB or 512MiB");
            }
            return bytes;
        }
        if (sweep.deviceMemoryBytes() != null) {
            return sweep.deviceMemoryBytes();
        }
        if (sweep.device().startsWith("gpu")) {
            throw ScalebenchException.badInput("device memory unknown for a GPU sweep planned here: pass "
                    + "--device-memory (e.g. 80GiB) or set device-memory in " + selection.profile());
        }
        return dev.scalebench.Host.physicalMemoryBytes();
    }

    static void print(Plan plan, long memory, boolean gpu, PrintWriter out) {
        SweepSpec s = plan.spec();
        out.printf(Locale.ROOT, "sweep %s: backend %s, device %s (%s memory), %d replicates, order %s, seed %d%n",
                s.name(), s.backend(), s.device(), memory > 0 ? Units.formatBytes(memory) : "unknown",
                s.replicates(), s.order().id(), s.seed());
        out.printf(Locale.ROOT, "cost model: %s rates%n%n", gpu ? "GPU" : "CPU");
        out.printf(Locale.ROOT, "%-40s %10s %10s %10s %10s%n", "point", "params", "memory", "step", "trial");
        for (SweepPoint p : plan.points()) {
            out.printf(Locale.ROOT, "%-40s %10s %10s %10s %10s%n", p.id(), params(p),
                    Units.formatBytes(MemoryModel.estimate(p).total()),
                    Units.formatDuration(CostModel.forDevice(gpu).stepTime(p)),
                    Units.formatDuration(plan.trialEstimate(p)));
        }
        if (!plan.infeasible().isEmpty()) {
            out.printf(Locale.ROOT, "%n%d infeasible points (not run):%n", plan.infeasible().size());
            plan.infeasible().forEach(x -> out.printf(Locale.ROOT, "  %-40s %s%n", x.point().id(), x.reason()));
        }
        if (!plan.dropped().isEmpty()) {
            out.printf(Locale.ROOT, "%n%d points dropped to fit the budget of %s:%n", plan.dropped().size(),
                    Units.formatDuration(s.budget()));
            plan.dropped().forEach(x -> out.printf(Locale.ROOT, "  %-40s %s%n", x.point().id(), x.reason()));
        }
        int fewest = plan.points().stream().mapToInt(plan::replicates).min().orElse(s.replicates());
        out.printf(Locale.ROOT, "%n%d points x %s replicates = %d trials, estimated %s%s%n", plan.points().size(),
                fewest == s.replicates() ? String.valueOf(fewest) : fewest + "-" + s.replicates(), plan.trials().size(), Eta.format(plan.totalEstimate()),
                s.budget() == null ? "" : " (budget " + Units.formatDuration(s.budget()) + ")");
        out.flush();
    }

    private static String params(SweepPoint p) {
        if (!p.workload().knowsParameters()) {
            return "-";
        }
        double n = p.workload().parameters();
        return n >= 1e9 ? String.format(Locale.ROOT, "%.2fB", n / 1e9)
                : n >= 1e6 ? String.format(Locale.ROOT, "%.1fM", n / 1e6) : String.format(Locale.ROOT, "%.0fK", n / 1e3);
    }
}
