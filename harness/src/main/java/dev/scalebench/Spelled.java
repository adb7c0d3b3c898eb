package dev.scalebench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum written to result files as its {@link #id()} (a failure kind, a flag, a stop reason): one way to read the
 * spelling back, refusing an id this version does not know with the value and the known ids (a file written by a
 * newer scalebench).
 */
public interface Spelled {

    /** The spelling in result files, e.g. {@code out-of-memory}. */
    String id();

    /**
     * The constant of {@code type} spelled exactly {@code id}.
     *
     * @param what what the constants are, for the message ({@code failure kind})
     * @throws IllegalArgumentException {@code unknown <what> '<id>' (known: a, b, c)} when none matches
     */
    static <E extends Enum<E> & Spelled> E parse(Class<E> type, String what, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + id + "' (known: "
                + Arrays.stream(type.getEnumConstants()).map(Spelled::id).collect(Collectors.joining(", ")) + ")");
    }
}
