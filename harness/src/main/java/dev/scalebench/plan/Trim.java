package dev.scalebench.plan;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a budget trims a plan that does not fit ({@code --trim}); {@link #OPTIMAL} unless told otherwise. */
public enum Trim {
    /**
     * The design rule ({@link Budget#OPTIMAL_RULE}): drop the replicate or point whose removal loses the least
     * information about the fitted parameters per second saved, keeping every axis's extremes and five levels.
     */
    OPTIMAL("optimal"),
    /** The former rule ({@link Budget#RULE}): drop the whole point with the largest estimate first. */
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
