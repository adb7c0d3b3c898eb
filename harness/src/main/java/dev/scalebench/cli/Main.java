package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.Secrets;
import dev.scalebench.Version;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    /**
     * Runs the CLI and returns the exit code (tests call this instead of {@link #main}). Errors, internal ones with
     * their stack trace, and complaints about the command line are printed with URL secrets masked
     * ({@link Secrets}): they may quote a {@code --history-url} or {@code --push-gateway}.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The command line as {@link #execute} runs it: help wrapped at spaces only, errors handled as it says. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setHelpFactory(SpaceWrappingHelp.FACTORY);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ScalebenchException se) {
                commandLine.getErr().println("scalebench: " + Secrets.mask(se.getMessage()));
                return se.exitCode();
            }
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            commandLine.getErr().println("scalebench: internal error: " + Secrets.mask(ex.toString()));
            commandLine.getErr().print(Secrets.mask(trace.toString()));
            return ScalebenchException.EXIT_RUNTIME;
        });
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getColorScheme().errorText(Secrets.mask(ex.getMessage())));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            if (ex instanceof CommandLine.UnmatchedArgumentException u && c.getCommandSpec().parent() == null) {
                u.getUnmatched().stream().filter(a -> a.endsWith(".yaml") || a.endsWith(".yml")).findFirst()
                        .ifPresent(f -> c.getErr().println("To run the sweep in a file: scalebench sweep " + f));
            }
            // one line, not the whole usage: the error stays on the screen
            c.getErr().println("See: " + c.getCommandSpec().qualifiedName() + " --help");
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    /** Prints the version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"scalebench " + Version.get(), "Java " + Runtime.version()};
        }
    }
}
