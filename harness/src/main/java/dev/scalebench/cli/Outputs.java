package dev.scalebench.cli;

import dev.scalebench.ScalebenchException;
import java.nio.file.Path;

/**
 * Every command names where it writes with {@code --output}; {@code merge} and {@code calibrate} said
 * {@code --out} before, which they still accept as a hidden alias (a second, hidden option: picocli cannot hide
 * one name of an option).
 */
final class Outputs {

    private Outputs() {
    }

    /** The path given with {@code --output} or its old name {@code --out}; refused when both are given. */
    static Path either(Path output, Path out) {
        if (output != null && out != null) {
            throw ScalebenchException.badInput("--out is the old name of --output: give one of them (got --output "
                    + output + " and --out " + out + ")");
        }
        return output != null ? output : out;
    }
}
