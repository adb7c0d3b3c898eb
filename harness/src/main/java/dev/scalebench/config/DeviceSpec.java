package dev.scalebench.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A device as a sweep file names it: {@code auto}, {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}.
 * What {@code auto} resolves to is each backend's business.
 *
 * @param kind which of the forms
 * @param gpu the GPU ordinal for {@code gpu} / {@code gpu:N} (0 for {@code gpu}), else 0
 */
public record DeviceSpec(Kind kind, int gpu) {

    /** The forms of a device spec. */
    public enum Kind { AUTO, CPU, GPU }

    /** The forms, for error messages. */
    public static final String ALLOWED = "auto, cpu, gpu, gpu:N";

    private static final Pattern SYNTAX = Pattern.compile("auto|cpu|gpu|gpu:\\d{1,3}");

    /** The spec {@code text} spells exactly (lower case, no blanks), or empty when it is none of the forms. */
    public static Optional<DeviceSpec> parse(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(switch (text) {
            case "auto" -> new DeviceSpec(Kind.AUTO, 0);
            case "cpu" -> new DeviceSpec(Kind.CPU, 0);
            case "gpu" -> new DeviceSpec(Kind.GPU, 0);
            default -> new DeviceSpec(Kind.GPU, Integer.parseInt(text.substring(4)));
        });
    }
}
