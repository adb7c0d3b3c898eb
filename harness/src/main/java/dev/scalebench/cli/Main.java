package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scalebench} command line. */
@Command(name = "scalebench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {
            "Inference-scaling benchmark harness: sweeps batch size, sequence length and model size through real inference, records latency histograms and throughput with replicates, fits scaling laws with bootstrap uncertainty, and stores results that can be resumed, summarised and compared.",
            ""},
        subcommands = {SweepCommand.class, PlanCommand.class, AnalyzeCommand.class, FitCommand.class,
            MergeCommand.class, CompareCommand.class, GateCommand.class, HistoryCommand.class, TrendCommand.class,
            CalibrateCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  regression (gate)",
            "  2  bad usage or input (invalid spec, damaged or foreign result file)",
            "  3  inconclusive (gate)",
            "  4  runtime failure (engine or device unavailable, I/O error)"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ScalebenchException se) {
                commandLine.getErr().println("scalebench: " + se.getMessage());
                return se.exitCode();
            }
            commandLine.getErr().println("scalebench: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return ScalebenchException.EXIT_RUNTIME;
        });
        return cl.execute(args);
    }

    /** Prints the version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"scalebench " + Version.get(), "Java " + Runtime.version()};
        }
    }
}
