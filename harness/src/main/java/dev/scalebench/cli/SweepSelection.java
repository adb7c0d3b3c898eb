package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.SpecLoader;
import dev.scalebench.config.SweepSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which sweep a command works on ({@code --profile}, or the same as a positional {@code SWEEP}) and its budget
 * override ({@code --budget}).
 */
final class SweepSelection {

    /** The sweep run when none is named. */
    static final String DEFAULT_PROFILE = "smoke";

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME|FILE",
            description = "The sweep: a name under profiles/sweeps/ or a YAML file (default: " + DEFAULT_PROFILE
                    + "). The same as naming it without --profile.")
    String profileOption;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP",
            description = "The sweep, as --profile: a name under profiles/sweeps/ or a YAML file "
                    + "(scalebench sweep my.yaml is scalebench sweep --profile my.yaml).")
    String profileArgument;

    @Option(names = "--budget", paramLabel = "DURATION",
            description = "Trim the plan to fit this estimated time (e.g. 30m, 2h), overriding the file's budget; "
                    + "the rule is in 'scalebench plan --help'.")
    String budget;

    /** The sweep named by {@code --profile} or the positional argument, else {@value #DEFAULT_PROFILE}. */
    String profile() {
        if (profileOption != null && profileArgument != null && !profileOption.equals(profileArgument)) {
            throw ScalebenchException.badInput("two sweeps named: --profile " + profileOption + " and "
                    + profileArgument + "; name one (a sweep file given without --profile is its --profile)");
        }
        return profileOption != null ? profileOption : profileArgument != null ? profileArgument : DEFAULT_PROFILE;
    }

    /** Loads and validates the sweep, with the budget override applied. */
    SweepSpec load(Locations locations) {
        SweepSpec sweep = new SpecLoader(locations.profiles()).loadProfile(profile());
        return budget == null ? sweep : sweep.withBudget(SweepCommand.parseDuration("--budget", budget));
    }
}
