package dev.scalebench.analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns of an imported CSV's header and the reading of one row's cells by column name: whole numbers, positive
 * numbers and text, each bad value reported to {@link CsvErrors} naming the line, the column and what was expected.
 */
final class CsvColumns {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final CsvErrors errors;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();

    CsvColumns(CsvErrors errors) {
        this.errors = errors;
    }

    /** Records the header's name of the next column (whether or not it is known). */
    void name(String name) {
        names.add(name);
    }

    /** Makes {@code name} a known column at {@code column} (0-based). */
    void put(String name, int column) {
        index.put(name, column);
    }

    /** The 0-based index of a known column, or null. */
    Integer index(String name) {
        return index.get(name);
    }

    boolean has(String name) {
        return index.containsKey(name);
    }

    /** The header's name of column {@code column} (0-based), or {@code #n} when it has none. */
    String name(int column) {
        return column < names.size() && !names.get(column).isEmpty() ? names.get(column) : "#" + (column + 1);
    }

    /** The trimmed field of {@code column}, or null when the file has no such column. */
    String field(CsvReader.Row r, String column) {
        Integer i = index.get(column);
        return i == null ? null : r.fields().get(i).trim();
    }

    /** Whether the file has {@code column} and the row's cell in it is not empty. */
    boolean filled(CsvReader.Row r, String column) {
        String v = field(r, column);
        return v != null && !v.isEmpty();
    }

    /** A whole number >= 1 (batch, seq, output); null after reporting. */
    Integer count(CsvReader.Row r, String column) {
        String v = field(r, column);
        BigDecimal d = v != null && NUMBER.matcher(v).matches() ? new BigDecimal(v) : null;
        if (d == null || d.signum() <= 0 || d.stripTrailingZeros().scale() > 0
                || d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || d.compareTo(BigDecimal.ONE) < 0) {
            errors.add(r.line(), column, "expected a whole number >= 1, got " + got(v));
            return null;
        }
        return d.intValueExact();
    }

    /** A positive finite number; NaN when the column is absent, or empty and {@code optional}. */
    double positive(CsvReader.Row r, String column, boolean optional) {
        String v = field(r, column);
        if (v == null || (optional && v.isEmpty())) {
            return Double.NaN;
        }
        double d = NUMBER.matcher(v).matches() ? Double.parseDouble(v) : Double.NaN;
        if (!(d > 0) || Double.isInfinite(d)) {
            errors.add(r.line(), column, "expected a positive number, got " + got(v));
            return Double.NaN;
        }
        return d;
    }

    /** {@code 'value'}, or {@code nothing} for an absent or empty cell. */
    static String got(String v) {
        return v == null || v.isEmpty() ? "nothing" : "'" + v + "'";
    }

    /** Nanoseconds per {@code ns}, {@code us}, {@code ms} or {@code s}. */
    static double nsPerUnit(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
    }
}
