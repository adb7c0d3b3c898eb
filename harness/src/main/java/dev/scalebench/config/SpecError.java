package dev.scalebench.config;

/**
 * One validation problem.
 *
 * @param file the file (as the user named it)
 * @param line 1-based line, or 0 when unknown
 * @param message what is wrong: the parameter, its value and the allowed range
 */
public record SpecError(String file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
