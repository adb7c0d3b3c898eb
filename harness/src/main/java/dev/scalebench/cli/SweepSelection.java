package dev.scalebench.cli;

import dev.scalebench.config.SpecLoader;
import dev.scalebench.config.SweepSpec;
import picocli.CommandLine.Option;

/** Which sweep a command works on ({@code --profile}) and its budget override ({@code --budget}). */
final class SweepSelection {

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME|FILE", defaultValue = "smoke",
            description = "The sweep: a name under profiles/sweeps/ or a YAML file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--budget", paramLabel = "DURATION",
            description = "Trim the plan to fit this estimated time (e.g. 30m, 2h), overriding the file's budget; "
                    + "the rule is in 'scalebench plan --help'.")
    String budget;

    /** Loads and validates the sweep, with the budget override applied. */
    SweepSpec load(Locations locations) {
        SweepSpec sweep = new SpecLoader(locations.profiles()).loadProfile(profile);
        return budget == null ? sweep : sweep.withBudget(SweepCommand.parseDuration("--budget", budget));
    }
}
