package dev.scalebench.analysis;

import dev.scalebench.ScalebenchException;
import java.util.ArrayList;
import java.util.List;

/** Problems found in an imported CSV, each naming the file and line; thrown together as one bad-input error. */
final class CsvErrors {
    static final int MAX_SHOWN = 20;

    private final String file;
    private final List<String> errors = new ArrayList<>();

    CsvErrors(String file) {
        this.file = file;
    }

    /** A problem at {@code line} in {@code column} ({@code null} when not about one column). */
    void add(int line, String column, String message) {
        errors.add(file + ":" + line + ": " + (column == null ? "" : "column '" + column + "': ") + message);
    }

    /** A problem about the whole file. */
    void add(String message) {
        errors.add(file + ": " + message);
    }

    int count() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the collected problems, if any: the first {@link #MAX_SHOWN}, then how many more. */
    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            throw ScalebenchException.badInput(errors.get(0));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(" errors in ").append(file).append(':');
        for (int i = 0; i < Math.min(MAX_SHOWN, errors.size()); i++) {
            sb.append(System.lineSeparator()).append("  ").append(errors.get(i));
        }
        if (errors.size() > MAX_SHOWN) {
            sb.append(System.lineSeparator()).append("  and ").append(errors.size() - MAX_SHOWN).append(" more");
        }
        throw ScalebenchException.badInput(sb.toString());
    }
}
