package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import dev.scalebench.plan.Trim;
import picocli.CommandLine.Option;

/** {@code --trim optimal|largest-first}: how a budget trims the plan ({@code plan} and {@code sweep}). */
final class TrimOption {

    @Option(names = "--trim", paramLabel = "RULE", defaultValue = "optimal",
            description = "How a budget trims the plan: optimal (default; keeps the levels and replicates that best "
                    + "determine the fitted laws) or largest-first (drops the whole point with the largest estimate "
                    + "first). The rules are in 'scalebench plan --help'.")
    String trim;

    /** The rule named, or a usage error naming the value and the accepted names. */
    Trim rule() {
        try {
            return Trim.parse(trim);
        } catch (IllegalArgumentException e) {
            throw ScalebenchException.badInput("--trim: " + e.getMessage());
        }
    }
}
