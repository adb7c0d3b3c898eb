package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.Trim;
import picocli.CommandLine.Option;

/** {@code --trim optimal|largest-first}: how a budget trims the plan ({@code plan} and {@code sweep}). */
final class TrimOption {

    @Option(names = "--trim", paramLabel = "RULE",
            description = "How a budget trims the plan, overriding the sweep file's trim: optimal (the default; keeps "
                    + "the levels and replicates that best determine the fitted laws) or largest-first (drops the "
                    + "whole point with the largest estimate first, and keeps every kept point's replicates, which a "
                    + "run meant for gating needs). The rules are in 'scalebench plan --help'.")
    String trim;

    /** The rule for {@code spec}: {@code --trim} when given, else the file's {@code trim:}, else optimal. */
    Trim rule(dev.scalebench.config.SweepSpec spec) {
        return spec.trimRule(override());
    }

    /** The rule {@code --trim} names, or null when it was not given; a usage error names a bad value. */
    Trim override() {
        if (trim == null) {
            return null;
        }
        try {
            return Trim.parse(trim);
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput("--trim: " + e.getMessage());
        }
    }
}
