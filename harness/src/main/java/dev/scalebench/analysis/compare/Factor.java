package dev.scalebench.analysis.compare;

import java.util.Arrays;
import java.util.Locale;

/** A factor of a point that {@code --ignore} can leave out of matching (e.g. an fp16 run against a bf16 run). */
public enum Factor {
    /** The model name. */
    MODEL("model"),
    /** The element type. */
    DTYPE("dtype");

    private final String id;

    Factor(String id) {
        this.id = id;
    }

    /** {@code model} or {@code dtype}. */
    public String id() {
        return id;
    }

    /** The factor named {@code id} (case-insensitive). */
    public static Factor parse(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (Factor f : values()) {
            if (f.id.equals(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown factor '" + id + "' (expected one of "
                + String.join(", ", Arrays.stream(values()).map(Factor::id).toList()) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
