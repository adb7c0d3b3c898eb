package dev.scalebench.kernels.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * One JSON object on one line, keys in insertion order, numbers in plain notation ({@code 6} significant digits for
 * fractions), non-finite numbers as {@code null}. Enough for the benchmark's output; not a general JSON writer.
 */
final class JsonLine {
    private final StringBuilder s = new StringBuilder("{");

    JsonLine put(String key, String value) {
        key(key);
        if (value == null) {
            s.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    JsonLine put(String key, long value) {
        key(key);
        s.append(value);
        return this;
    }

    JsonLine put(String key, boolean value) {
        key(key);
        s.append(value);
        return this;
    }

    JsonLine put(String key, double value) {
        key(key);
        s.append(number(value));
        return this;
    }

    JsonLine put(String key, List<String> values) {
        key(key);
        s.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            quote(values.get(i));
        }
        s.append(']');
        return this;
    }

    /** {@code value} rounded to 6 significant digits, without exponent; {@code null} when not finite. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private void key(String key) {
        if (s.length() > 1) {
            s.append(',');
        }
        quote(key);
        s.append(':');
    }

    private void quote(String v) {
        s.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }

    @Override
    public String toString() {
        return s + "}";
    }
}
