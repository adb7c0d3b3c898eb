package dev.scalebench.report;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON text of {@code fits.json}: objects indented by two spaces, one field per line; arrays of numbers (and of
 * short strings) on one line; numbers in plain notation within 1e-5 .. 1e15, else {@code 1.23456e-7}. Deterministic: the same tree
 * gives the same bytes on every machine.
 */
final class JsonText {

    /** Significant digits of every floating-point number written. */
    static final int DIGITS = 6;
    private static final MathContext ROUND = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

    private JsonText() {
    }

    /** {@code v} rounded to {@value #DIGITS} significant digits; null when not finite. */
    static BigDecimal round(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        return new BigDecimal(v).round(ROUND).stripTrailingZeros();
    }

    /**
     * {@code v} as a JSON value: a number rounded to {@value #DIGITS} significant digits, {@code null} for NaN
     * (does not exist), and the strings {@code "Infinity"} / {@code "-Infinity"} for unbounded values (an interval
     * whose bootstrap saw no saturation), which JSON numbers cannot hold.
     */
    static JsonNode node(double v) {
        if (Double.isNaN(v)) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (Double.isInfinite(v)) {
            return JsonNodeFactory.instance.textNode(v > 0 ? "Infinity" : "-Infinity");
        }
        return JsonNodeFactory.instance.numberNode(round(v));
    }

    /** {@code vs} as a JSON array of {@link #node} values. */
    static com.fasterxml.jackson.databind.node.ArrayNode array(double[] vs) {
        com.fasterxml.jackson.databind.node.ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double v : vs) {
            a.add(node(v));
        }
        return a;
    }

    /** {@code [lo, hi]} as {@link #node} values; {@code [null, null]} for no interval. */
    static com.fasterxml.jackson.databind.node.ArrayNode interval(dev.scalebench.stats.Interval i) {
        com.fasterxml.jackson.databind.node.ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(node(i == null ? Double.NaN : i.lo()));
        a.add(node(i == null ? Double.NaN : i.hi()));
        return a;
    }

    /** {@code node} as indented JSON text ending with a line break. */
    static String print(JsonNode node) {
        StringBuilder sb = new StringBuilder(65536);
        value(sb, node, 0);
        return sb.append('\n').toString();
    }

    private static void value(StringBuilder sb, JsonNode n, int depth) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isObject()) {
            object(sb, n, depth);
        } else if (n.isArray()) {
            array(sb, n, depth);
        } else if (n.isTextual()) {
            sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(n.textValue())).append('"');
        } else if (n.isBoolean()) {
            sb.append(n.booleanValue());
        } else if (n.isIntegralNumber()) {
            sb.append(n.bigIntegerValue());
        } else if (n.isNumber()) {
            sb.append(number(n.decimalValue()));
        } else {
            throw new IllegalArgumentException("unexpected JSON node " + n.getNodeType());
        }
    }

    private static void object(StringBuilder sb, JsonNode n, int depth) {
        if (n.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            indent(sb, depth + 1);
            sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(e.getKey())).append("\": ");
            value(sb, e.getValue(), depth + 1);
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append('}');
    }

    private static void array(StringBuilder sb, JsonNode n, int depth) {
        if (n.isEmpty()) {
            sb.append("[]");
            return;
        }
        boolean scalars = true;
        int text = 0;
        for (JsonNode e : n) {
            scalars &= !e.isContainerNode();
            text += e.isTextual() ? e.textValue().length() + 4 : 0;
        }
        scalars &= text <= 100;
        if (scalars) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                value(sb, n.get(i), depth);
            }
            sb.append(']');
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < n.size(); i++) {
            indent(sb, depth + 1);
            value(sb, n.get(i), depth + 1);
            sb.append(i + 1 < n.size() ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append(']');
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    /** A decimal in plain notation when its exponent is within [-5, 15), else {@code d.ddddde-x}. */
    static String number(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.signum() == 0) {
            return "0";
        }
        int exp = s.precision() - s.scale() - 1;
        if (exp >= -5 && exp < 15) {
            return s.toPlainString();
        }
        String digits = s.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (s.signum() < 0 ? "-" : "") + mantissa + "e" + exp;
    }
}
