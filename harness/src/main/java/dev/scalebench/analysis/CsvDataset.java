package dev.scalebench.analysis;

import dev.scalebench.ScalebenchException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency measurements made by another tool, as CSV, for {@code fit --input} (the columns are documented in
 * {@code docs/fit-input.md}): a header row, then one row per trial. Required: {@code batch}, {@code seq} and at
 * least one latency column {@code p50_<unit>}, {@code p99_<unit>} or {@code mean_<unit>} (unit {@code ns},
 * {@code us}, {@code ms} or {@code s}); optional: {@code model}, {@code dtype}, {@code phase}, {@code params},
 * {@code replicate}, {@code flops}, {@code bytes}, {@code device}. Columns are found by name (case-insensitive),
 * in any order; unknown ones are ignored with a warning.
 */
public final class CsvDataset {

    private static final List<String> WRITTEN = List.of("model", "dtype", "phase", "params", "batch", "seq",
            "replicate", "p50_ns", "p99_ns", "mean_ns", "flops", "bytes");

    private CsvDataset() {
    }

    /**
     * Reads {@code csv}. The dataset's source is the path as given, its device the {@code device} column's value
     * ({@code ""} without one); latencies are converted to nanoseconds.
     *
     * @throws ScalebenchException bad input when the file is missing, unreadable, not UTF-8 or malformed; the
     *     message lists every problem (up to {@value CsvErrors#MAX_SHOWN}), each as
     *     {@code file:line: column 'name': what was expected, got 'value'}
     */
    public static Dataset read(Path csv) {
        String file = csv.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(csv);
        } catch (NoSuchFileException e) {
            throw ScalebenchException.badInput(file + ": no such file");
        } catch (IOException e) {
            throw ScalebenchException.badInput(file + ": cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ScalebenchException.badInput(file + ": not UTF-8 text; save the CSV as UTF-8");
        }
        return new CsvImport(file).read(text);
    }

    /**
     * Writes {@code data} in the format {@link #read} reads: columns {@code model, dtype, phase, params, batch,
     * seq, replicate, p50_ns, p99_ns, mean_ns, flops, bytes} and {@code device} when the dataset names one; one
     * row per sample; unknown values ({@code NaN}, params {@code -1}) as empty fields. Numbers are written exactly
     * (shortest decimal that reads back as the same double, no exponent), so reading the file gives the same
     * samples, work and device.
     */
    public static void write(Dataset data, Path csv) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(WRITTEN);
        boolean device = !data.device().isEmpty();
        if (device) {
            header.add("device");
        }
        sb.append(String.join(",", header)).append('\n');
        for (Sample s : data.samples()) {
            PointKey k = s.point();
            PointWork w = data.work(k);
            List<String> row = new ArrayList<>(List.of(k.model(), k.dtype(), k.phase(),
                    k.params() < 0 ? "" : Long.toString(k.params()), Integer.toString(k.batch()),
                    Integer.toString(k.seq()), s.replicate(), number(s.p50Ns()), number(s.p99Ns()),
                    number(s.meanNs()), number(w.flops()), number(w.bytes())));
            if (device) {
                row.add(data.device());
            }
            for (int i = 0; i < row.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(quote(row.get(i)));
            }
            sb.append('\n');
        }
        try {
            Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ScalebenchException.runtime("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Plain decimal, exact: the shortest representation that parses back to {@code v}; empty when not finite. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** An RFC 4180 field: quoted when it holds a comma, quote, line break, edge spaces or starts with '#'. */
    static String quote(String field) {
        boolean needs = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")
                || field.startsWith("#") || !field.equals(field.trim());
        return needs ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
