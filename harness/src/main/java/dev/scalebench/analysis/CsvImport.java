package dev.scalebench.analysis;

import dev.scalebench.results.GenerationValues;
import dev.scalebench.results.TrialMetric;

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
    private static final Map<String, String> DTYPE_ALIASES = Map.of("float32", "fp32", "float", "fp32",
            "float16", "fp16", "half", "fp16", "bfloat16", "bf16", "tensorfloat32", "tf32", "float8", "fp8");

    private final String file;
    private final CsvErrors errors;
    private final CsvColumns cols;
    private final CsvGeneration generation;
    /** Latency columns: metric id → (column name, ns per unit). */
    private final Map<String, Map.Entry<String, Double>> latency = new LinkedHashMap<>();
    private int width;

    /** One trial; {@code output} 0 and {@code generation} null unless it is a generate row. */
    private record Row(int line, String model, String dtype, String phase, int batch, int seq, int output,
            String replicate, double[] ns, GenerationValues generation) { }

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
        this.cols = new CsvColumns(errors);
        this.generation = new CsvGeneration(file, errors, cols, warnings);
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
            cols.name(name);
            Matcher m = LATENCY.matcher(name);
            if (cols.has(name)) {
                errors.add(h.line(), name, "appears twice in the header (columns " + (cols.index(name) + 1)
                        + " and " + (i + 1) + ")");
            } else if (m.matches() && latency.containsKey(m.group(1))) {
                errors.add(h.line(), name, "a second " + m.group(1) + " column (" + latency.get(m.group(1)).getKey()
                        + " is already there); keep one unit per statistic");
            } else if (m.matches()) {
                latency.put(m.group(1), Map.entry(name, CsvColumns.nsPerUnit(m.group(2))));
                cols.put(name, i);
            } else if (COLUMNS.contains(name)) {
                cols.put(name, i);
            } else if (!generation.header(h.line(), name, i)) {
                unknown.add(name.isEmpty() ? "column " + (i + 1) + " (no name)" : "'" + name + "'");
            }
        }
        for (String required : List.of("batch", "seq")) {
            if (!cols.has(required)) {
                errors.add(h.line(), required, "missing: the header must have a '" + required + "' column");
            }
        }
        if (latency.isEmpty() && !generation.hasLatency()) {
            errors.add(h.line(), null, "no latency column; expected at least one of p50_<unit>, p99_<unit>,"
                    + " mean_<unit> with unit ns, us, ms or s (e.g. p50_ms), or for generation ttft_<unit>,"
                    + " tpot_<unit>, itl_<unit>, e2e_<unit> or output_tokens_per_s");
        }
        generation.checkHeader(h.line());
        if (!unknown.isEmpty()) {
            warnings.add(file + ": ignored unknown columns " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", COLUMNS) + ", p50|p99|mean_ns|us|ms|s, output, output_tokens_per_s and"
                    + " ttft|tpot|itl|e2e[_p50|_p99]_ns|us|ms|s)");
        }
    }

    private void row(CsvReader.Row r) {
        int line = r.line();
        if (r.problem() != null) {
            errors.add(line, cols.name(r.fields().size()), r.problem());
            return;
        }
        int n = r.fields().size();
        if (n < width) {
            errors.add(line, cols.name(n), "missing: expected " + width + " fields as in the header, got " + n);
            return;
        }
        if (n > width) {
            errors.add(line, cols.name(width), "unexpected: expected " + width + " fields as in the header, got "
                    + n + " (a value holding a comma must be quoted)");
            return;
        }
        int before = errorCount();
        String model = text(r, "model", "model");
        String dtype = dtype(r);
        String phase = phase(r);
        Integer batch = cols.count(r, "batch");
        Integer seq = cols.count(r, "seq");
        double[] ns = new double[3];
        boolean any = false;
        Map<String, String> stepColumns = new HashMap<>();
        for (int i = 0; i < TrialMetric.FITTED.size(); i++) {
            Map.Entry<String, Double> c = latency.get(TrialMetric.FITTED.get(i).id());
            ns[i] = c == null ? Double.NaN : cols.positive(r, c.getKey(), true) * c.getValue();
            any |= !Double.isNaN(ns[i]);
            stepColumns.put(TrialMetric.FITTED.get(i).id(), c == null ? null : c.getKey());
        }
        CsvGeneration.Values gen = null;
        if (phase.equals("generate")) {
            List<String> filled = generation.filled(r);
            String why = cols.filled(r, "phase") ? "its phase is generate" : "it has values in " + String.join(", ",
                    filled);
            gen = generation.row(r, batch, ns, stepColumns, why);
            if (gen != null) {
                ns = gen.e2eNs();
                any = gen.any();
            }
        }
        if (!any && errorCount() == before) {
            errors.add(line, null, "no latency value: the columns " + latencyNames() + " are all empty");
        }
        String replicate = cols.has("replicate") ? cols.field(r, "replicate") : null;
        if (replicate != null && replicate.isEmpty()) {
            errors.add(line, "replicate", "expected a replicate id, got nothing");
        }
        deviceField(r);
        double paramCount = cols.positive(r, "params", true);
        double flopsPerStep = cols.positive(r, "flops", true);
        double bytesPerStep = cols.positive(r, "bytes", true);
        if (errorCount() > before) {
            return;
        }
        int output = gen == null ? 0 : gen.output();
        String point = new PointKey(model, dtype, phase, -1, batch, seq, output).id();
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
        rows.add(new Row(line, model, dtype, phase, batch, seq, output, replicate, ns,
                gen == null ? null : gen.generation()));
    }

    private Dataset dataset() {
        List<Sample> samples = new ArrayList<>(rows.size());
        Map<String, PointWork> work = new HashMap<>();
        for (Row r : rows) {
            Seen p = params.get(r.model);
            PointKey key = new PointKey(r.model, r.dtype, r.phase, p == null ? -1 : Math.round(p.value), r.batch,
                    r.seq, r.output);
            samples.add(new Sample(key, r.replicate, r.ns[TrialMetric.FITTED.indexOf(TrialMetric.P50)],
                    r.ns[TrialMetric.FITTED.indexOf(TrialMetric.P99)],
                    r.ns[TrialMetric.FITTED.indexOf(TrialMetric.MEAN)], Double.NaN, List.of(), r.generation));
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
        String d = cols.field(r, "device");
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
        String v = cols.field(r, column);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private String dtype(CsvReader.Row r) {
        String v = text(r, "dtype", "-").toLowerCase(Locale.ROOT);
        if (v.contains("/")) {
            errors.add(r.line(), "dtype", "expected a dtype name without '/', got '" + v + "'");
        }
        return DTYPE_ALIASES.getOrDefault(v, v);
    }

    /**
     * The row's phase: the {@code phase} column's, {@code generate} where it is empty and the row has generation
     * values, else {@code prefill}. A prefill or decode row with generation values is reported.
     */
    private String phase(CsvReader.Row r) {
        List<String> filled = generation.filled(r);
        String v = text(r, "phase", filled.isEmpty() ? "prefill" : "generate").toLowerCase(Locale.ROOT);
        if (!v.equals("prefill") && !v.equals("decode") && !v.equals("generate")) {
            errors.add(r.line(), "phase", "expected prefill, decode or generate, got "
                    + CsvColumns.got(cols.field(r, "phase")));
        } else if (!v.equals("generate") && !filled.isEmpty()) {
            errors.add(r.line(), "phase", "expected generate for a row with generation values (in "
                    + String.join(", ", filled) + "), got '" + cols.field(r, "phase") + "'; write generate, or"
                    + " leave those cells empty for a " + v + " row");
        }
        return v;
    }

    private String latencyNames() {
        List<String> list = new ArrayList<>();
        latency.values().forEach(e -> list.add(e.getKey()));
        generation.columnNames().stream().filter(c -> !c.equals(CsvGeneration.OUTPUT)).forEach(list::add);
        return String.join(", ", list);
    }

    private int errorCount() {
        return errors.count();
    }
}
