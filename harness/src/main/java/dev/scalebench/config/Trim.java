package dev.scalebench.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a budget trims a plan that does not fit: the sweep file's {@code trim:}, overridden by {@code --trim};
 * {@link #OPTIMAL} unless told otherwise. The rules are {@code plan.Budget}'s.
 */
public enum Trim {
    /**
     * The design rule ({@code Budget.OPTIMAL_RULE}): drop the replicate or point whose removal loses the least
     * information about the fitted parameters per second saved, keeping every axis's extremes and five levels.
     */
    OPTIMAL("optimal"),
    /** The former rule ({@code Budget.RULE}): drop the whole point with the largest estimate first. */
    LARGEST_FIRST("largest-first");

    private final String id;

    Trim(String id) {
        this.id = id;
    }

    /** {@code optimal} or {@code largest-first}: the name the CLI takes. */
    public String id() {
        return id;
    }

    /**
     * The rule named {@code text}.
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static Trim parse(String text) {
        for (Trim t : values()) {
            if (t.id.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("trim rule '" + text + "': expected one of "
                + Arrays.stream(values()).map(Trim::id).collect(Collectors.joining(", ")));
    }
}
