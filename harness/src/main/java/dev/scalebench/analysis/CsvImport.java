package dev.scalebench.analysis;

import dev.scalebench.results.TrialMetric;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the rows of a {@code fit --input} CSV into a {@link Dataset}; see {@link CsvDataset} for the format. */
final class CsvImport {
    static final Pattern LATENCY = Pattern.compile("(p50|p99|mean)_(ns|us|ms|s)");
    static final List<String> COLUMNS = List.of("model", "dtype", "phase", "params", "batch", "seq", "replicate",
            "flops", "bytes", "device");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Map<String, String> DTYPE_ALIASES = Map.of("float32", "fp32", "float", "fp32",
            "float16", "fp16", "half", "fp16", "bfloat16", "bf16", "tensorfloat32", "tf32", "float8", "fp8");

    private final String file;
    private final CsvErrors errors;
    private final Map<String, Integer> col = new LinkedHashMap<>();
    /** Latency columns: metric id → (column name, ns per unit). */
    private final Map<String, Map.Entry<String, Double>> latency = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private int width;

    private record Row(int line, String model, String dtype, String phase, int batch, int seq, String replicate,
            double[] ns) { }

    private record Seen(double value, int line) { }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Seen> params = new HashMap<>();
    private final Map<String, Seen> flops = new HashMap<>();
    private final Map<String, Seen> bytes = new HashMap<>();
    private final Map<String, Integer> replicates = new HashMap<>();
    private final Map<String, Integer> rowsPerPoint = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int deviceLine;
    private String device = "";

    CsvImport(String file) {
        this.file = file;
        this.errors = new CsvErrors(file);
    }

    Dataset read(String text) {
        CsvReader reader = new CsvReader(text);
        CsvReader.Row header = reader.next();
        if (header == null) {
            errors.add("empty file; expected a header line naming the columns, at least batch, seq and a latency"
                    + " column such as p50_ms");
            errors.throwIfAny();
        }
        header(header);
        errors.throwIfAny();
        for (CsvReader.Row r = reader.next(); r != null; r = reader.next()) {
            row(r);
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add("no data rows after the header (line " + header.line() + ")");
        }
        errors.throwIfAny();
        return dataset();
    }

    private void header(CsvReader.Row h) {
        if (h.problem() != null) {
            errors.add(h.line(), null, "header, column " + (h.fields().size() + 1) + ": " + h.problem());
            return;
        }
        List<String> unknown = new ArrayList<>();
        width = h.fields().size();
        for (int i = 0; i < width; i++) {
            String name = h.fields().get(i).trim().toLowerCase(Locale.ROOT);
            names.add(name);
            Matcher m = LATENCY.matcher(name);
            if (col.containsKey(name)) {
                errors.add(h.line(), name, "appears twice in the header (columns " + (col.get(name) + 1) + " and "
                        + (i + 1) + ")");
            } else if (m.matches() && latency.containsKey(m.group(1))) {
                errors.add(h.line(), name, "a second " + m.group(1) + " column (" + latency.get(m.group(1)).getKey()
                        + " is already there); keep one unit per statistic");
            } else if (m.matches()) {
                latency.put(m.group(1), Map.entry(name, nsPerUnit(m.group(2))));
                col.put(name, i);
            } else if (COLUMNS.contains(name)) {
                col.put(name, i);
            } else {
                unknown.add(name.isEmpty() ? "column " + (i + 1) + " (no name)" : "'" + name + "'");
            }
        }
        for (String required : List.of("batch", "seq")) {
            if (!col.containsKey(required)) {
                errors.add(h.line(), required, "missing: the header must have a '" + required + "' column");
            }
        }
        if (latency.isEmpty()) {
            errors.add(h.line(), null, "no latency column; expected at least one of p50_<unit>, p99_<unit>,"
                    + " mean_<unit> with unit ns, us, ms or s (e.g. p50_ms)");
        }
        if (!unknown.isEmpty()) {
            warnings.add(file + ": ignored unknown columns " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", COLUMNS) + " and p50|p99|mean_ns|us|ms|s)");
        }
    }

    private static double nsPerUnit(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
    }

    private void row(CsvReader.Row r) {
        int line = r.line();
        if (r.problem() != null) {
            errors.add(line, columnName(r.fields().size()), r.problem());
            return;
        }
        int n = r.fields().size();
        if (n < width) {
            errors.add(line, columnName(n), "missing: expected " + width + " fields as in the header, got " + n);
            return;
        }
        if (n > width) {
            errors.add(line, columnName(width), "unexpected: expected " + width + " fields as in the header, got "
                    + n + " (a value holding a comma must be quoted)");
            return;
        }
        int before = errorCount();
        String model = text(r, "model", "model");
        String dtype = dtype(r);
        String phase = phase(r);
        Integer batch = count(r, "batch");
        Integer seq = count(r, "seq");
        double[] ns = new double[3];
        boolean any = false;
        for (int i = 0; i < TrialMetric.FITTED.size(); i++) {
            Map.Entry<String, Double> c = latency.get(TrialMetric.FITTED.get(i).id());
            ns[i] = c == null ? Double.NaN : positive(r, c.getKey(), true) * c.getValue();
            any |= !Double.isNaN(ns[i]);
        }
        if (!any && errorCount() == before) {
            errors.add(line, null, "no latency value: the columns " + latencyNames() + " are all empty");
        }
        String replicate = col.containsKey("replicate") ? field(r, "replicate") : null;
        if (replicate != null && replicate.isEmpty()) {
            errors.add(line, "replicate", "expected a replicate id, got nothing");
        }
        deviceField(r);
        double paramCount = positive(r, "params", true);
        double flopsPerStep = positive(r, "flops", true);
        double bytesPerStep = positive(r, "bytes", true);
        if (errorCount() > before) {
            return;
        }
        String point = new PointKey(model, dtype, phase, -1, batch, seq).id();
        consistent(line, "params", model, "model '" + model + "'", params, paramCount);
        consistent(line, "flops", point, "point " + point, flops, flopsPerStep);
        consistent(line, "bytes", point, "point " + point, bytes, bytesPerStep);
        int seen = rowsPerPoint.merge(point, 1, Integer::sum);
        if (replicate == null) {
            replicate = Integer.toString(seen - 1);
        } else {
            Integer first = replicates.putIfAbsent(point + "#" + replicate, line);
            if (first != null) {
                errors.add(line, "replicate", "point " + point + " has replicate '" + replicate
                        + "' twice (first on line " + first + ")");
            }
        }
        rows.add(new Row(line, model, dtype, phase, batch, seq, replicate, ns));
    }

    private Dataset dataset() {
        List<Sample> samples = new ArrayList<>(rows.size());
        Map<String, PointWork> work = new HashMap<>();
        for (Row r : rows) {
            Seen p = params.get(r.model);
            PointKey key = new PointKey(r.model, r.dtype, r.phase, p == null ? -1 : Math.round(p.value), r.batch,
                    r.seq);
            samples.add(new Sample(key, r.replicate, r.ns[TrialMetric.FITTED.indexOf(TrialMetric.P50)],
                    r.ns[TrialMetric.FITTED.indexOf(TrialMetric.P99)],
                    r.ns[TrialMetric.FITTED.indexOf(TrialMetric.MEAN)]));
            Seen f = flops.get(key.id());
            Seen b = bytes.get(key.id());
            if (f != null || b != null) {
                work.put(key.id(), new PointWork(f == null ? Double.NaN : f.value, b == null ? Double.NaN : b.value));
            }
        }
        return new Dataset(file, device, samples, work, warnings);
    }

    /** Records {@code value} of {@code column} for {@code key}, or reports it when another row said otherwise. */
    private void consistent(int line, String column, String key, String what, Map<String, Seen> seen, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        Seen first = seen.putIfAbsent(key, new Seen(value, line));
        if (first != null && Math.abs(first.value - value) > 1e-9 * Math.abs(first.value)) {
            errors.add(line, column, what + " has " + column + " " + Numbers.sig(first.value, 6) + " on line "
                    + first.line + ", got " + Numbers.sig(value, 6) + " here");
        }
    }

    private void deviceField(CsvReader.Row r) {
        String d = field(r, "device");
        if (d == null || d.isEmpty()) {
            return;
        }
        if (deviceLine == 0) {
            deviceLine = r.line();
            device = d;
        } else if (!device.equals(d)) {
            errors.add(r.line(), "device", "expected one device for the whole file ('" + device + "' on line "
                    + deviceLine + "), got '" + d + "'");
        }
    }

    private String text(CsvReader.Row r, String column, String fallback) {
        String v = field(r, column);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private String dtype(CsvReader.Row r) {
        String v = text(r, "dtype", "-").toLowerCase(Locale.ROOT);
        if (v.contains("/")) {
            errors.add(r.line(), "dtype", "expected a dtype name without '/', got '" + v + "'");
        }
        return DTYPE_ALIASES.getOrDefault(v, v);
    }

    private String phase(CsvReader.Row r) {
        String v = text(r, "phase", "prefill").toLowerCase(Locale.ROOT);
        if (!v.equals("prefill") && !v.equals("decode")) {
            errors.add(r.line(), "phase", "expected prefill or decode, got " + got(field(r, "phase")));
        }
        return v;
    }

    /** A whole number >= 1 (batch, seq); null after reporting. */
    private Integer count(CsvReader.Row r, String column) {
        String v = field(r, column);
        BigDecimal d = NUMBER.matcher(v).matches() ? new BigDecimal(v) : null;
        if (d == null || d.signum() <= 0 || d.stripTrailingZeros().scale() > 0
                || d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || d.compareTo(BigDecimal.ONE) < 0) {
            errors.add(r.line(), column, "expected a whole number >= 1, got " + got(v));
            return null;
        }
        return d.intValueExact();
    }

    /** A positive finite number; NaN when the column is absent, or empty and {@code optional}. */
    private double positive(CsvReader.Row r, String column, boolean optional) {
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

    /** The trimmed field of {@code column}, or null when the file has no such column. */
    private String field(CsvReader.Row r, String column) {
        Integer i = col.get(column);
        return i == null ? null : r.fields().get(i).trim();
    }

    /** The header's name of column {@code index} (0-based), or {@code #n} when it has none. */
    private String columnName(int index) {
        return index < names.size() && !names.get(index).isEmpty() ? names.get(index) : "#" + (index + 1);
    }

    private String latencyNames() {
        List<String> list = new ArrayList<>();
        latency.values().forEach(e -> list.add(e.getKey()));
        return String.join(", ", list);
    }

    private int errorCount() {
        return errors.count();
    }

    private static String got(String v) {
        return v == null || v.isEmpty() ? "nothing" : "'" + v + "'";
    }
}
