package dev.scalebench.analysis;

import dev.scalebench.ScalebenchException;
import dev.scalebench.results.GenerationValues;
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
import java.util.Collections;
import java.util.List;

/**
 * Latency measurements made by another tool, as CSV, for {@code fit --input} (the columns are documented in
 * {@code docs/fit-input.md}): a header row, then one row per trial. Required: {@code batch}, {@code seq} and at
 * least one latency column {@code p50_<unit>}, {@code p99_<unit>} or {@code mean_<unit>} (unit {@code ns},
 * {@code us}, {@code ms} or {@code s}); optional: {@code model}, {@code dtype}, {@code phase}, {@code params},
 * {@code replicate}, {@code flops}, {@code bytes}, {@code device}. Columns are found by name (case-insensitive),
 * in any order; unknown ones are ignored with a warning.
 *
 * <p><b>Generation.</b> A row with a value in a generation column, or with phase {@code generate}, is one trial of a
 * generate point ({@link PointKey#output()} set, {@link Sample#generation()} not null): {@code output} (output tokens
 * per request, required there), {@code ttft_<unit>}, {@code tpot_<unit>}, {@code itl_<unit>} (each the median; with
 * {@code _p99} before the unit the 99th percentile, e.g. {@code tpot_p99_ms}), {@code e2e_<unit>},
 * {@code e2e_p99_<unit>}, {@code e2e_mean_<unit>} and {@code output_tokens_per_s}. TPOT is a request's mean time per
 * output token after the first; ITL every single inter-token gap ({@link GenerationValues}). A generate row's
 * {@link Sample#p50Ns()}, {@code p99Ns} and {@code meanNs} are the request's end-to-end latency (from the
 * {@code e2e} columns, or equally the {@code p50_<unit>}... columns); without a mean, {@code output_tokens_per_s}
 * gives it as {@code batch × output / output_tokens_per_s}, and where both are given and differ by more than 5 % a
 * warning names the line and both values.
 */
public final class CsvDataset {

    private static final List<String> WRITTEN = List.of("model", "dtype", "phase", "params", "batch", "seq",
            "replicate", "p50_ns", "p99_ns", "mean_ns", "flops", "bytes");
    /** Written after {@link #WRITTEN} when the data has a generate point. */
    private static final List<String> WRITTEN_GENERATION = List.of("output", "ttft_p50_ns", "ttft_p99_ns",
            "tpot_p50_ns", "tpot_p99_ns", "itl_p50_ns", "itl_p99_ns");

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
     * seq, replicate, p50_ns, p99_ns, mean_ns, flops, bytes}, then, when a sample is of a generate point,
     * {@code output, ttft_p50_ns, ttft_p99_ns, tpot_p50_ns, tpot_p99_ns, itl_p50_ns, itl_p99_ns} (empty on prefill
     * and decode rows; a generate row's p50, p99 and mean are its end-to-end latency), and {@code device} when the
     * dataset names one; one row per sample; unknown values ({@code NaN}, params {@code -1}) as empty fields. Numbers
     * are written exactly (shortest decimal that reads back as the same double, no exponent), so reading the file
     * gives the same samples, work and device.
     */
    public static void write(Dataset data, Path csv) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(WRITTEN);
        boolean generation = data.samples().stream().anyMatch(s -> s.point().output() > 0);
        if (generation) {
            header.addAll(WRITTEN_GENERATION);
        }
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
            if (generation) {
                row.addAll(generationFields(s));
            }
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

    private static List<String> generationFields(Sample s) {
        GenerationValues g = s.generation();
        if (s.point().output() == 0) {
            return Collections.nCopies(WRITTEN_GENERATION.size(), "");
        }
        if (g == null) {
            List<String> fields = new ArrayList<>(Collections.nCopies(WRITTEN_GENERATION.size(), ""));
            fields.set(0, Integer.toString(s.point().output()));
            return fields;
        }
        return List.of(Integer.toString(g.outputTokens()), number(g.ttftP50Ns()), number(g.ttftP99Ns()),
                number(g.tpotP50Ns()), number(g.tpotP99Ns()), number(g.itlP50Ns()), number(g.itlP99Ns()));
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
