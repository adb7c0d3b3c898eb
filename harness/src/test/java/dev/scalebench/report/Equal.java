package dev.scalebench.report;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Field-by-field comparison of records (and what they nest) with a relative tolerance for doubles. */
final class Equal {

    private Equal() {
    }

    /** The paths where {@code a} and {@code b} differ; NaN equals NaN. */
    static List<String> differences(Object a, Object b, double relTol) {
        List<String> out = new ArrayList<>();
        compare("", a, b, relTol, out);
        return out;
    }

    private static void compare(String path, Object a, Object b, double tol, List<String> out) {
        if (a == null || b == null) {
            if (a != b) {
                out.add(path + ": " + a + " vs " + b);
            }
            return;
        }
        if (a instanceof Double x && b instanceof Double y) {
            if (!close(x, y, tol)) {
                out.add(path + ": " + x + " vs " + y);
            }
        } else if (a instanceof double[] x && b instanceof double[] y) {
            if (x.length != y.length) {
                out.add(path + ": length " + x.length + " vs " + y.length);
                return;
            }
            for (int i = 0; i < x.length; i++) {
                if (!close(x[i], y[i], tol)) {
                    out.add(path + "[" + i + "]: " + x[i] + " vs " + y[i]);
                }
            }
        } else if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                out.add(path + ": size " + x.size() + " vs " + y.size());
                return;
            }
            for (int i = 0; i < x.size(); i++) {
                compare(path + "[" + i + "]", x.get(i), y.get(i), tol, out);
            }
        } else if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            // by the keys' text: maps keyed by an enum (flags) compare like maps keyed by its ids
            Map<String, Object> xs = new TreeMap<>();
            Map<String, Object> ys = new TreeMap<>();
            x.forEach((k, v) -> xs.put(k.toString(), v));
            y.forEach((k, v) -> ys.put(k.toString(), v));
            TreeSet<String> keys = new TreeSet<>(xs.keySet());
            keys.addAll(ys.keySet());
            for (String k : keys) {
                compare(path + "." + k, xs.get(k), ys.get(k), tol, out);
            }
        } else if (a.getClass().isRecord() && a.getClass() == b.getClass()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                try {
                    compare(path + "." + c.getName(), c.getAccessor().invoke(a), c.getAccessor().invoke(b), tol, out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (!Objects.equals(a, b)) {
            out.add(path + ": " + a + " vs " + b);
        }
    }

    private static boolean close(double x, double y, double tol) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.isNaN(x) && Double.isNaN(y);
        }
        return x == y || Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y));
    }
}
