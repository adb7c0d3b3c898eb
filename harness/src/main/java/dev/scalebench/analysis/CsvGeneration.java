package dev.scalebench.analysis;

import dev.scalebench.results.GenerationValues;
import dev.scalebench.results.TrialMetric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generation columns of a {@code fit --input} CSV ({@code docs/fit-input.md}, "Generation columns"):
 * {@code output}, {@code output_tokens_per_s} and {@code <figure>[_<statistic>]_<unit>} with figure {@code ttft},
 * {@code tpot}, {@code itl} or {@code e2e}, statistic {@code p50} (the default), {@code p99} or, for {@code e2e} only,
 * {@code mean}. A row with a value in any of them, or with phase {@code generate}, is a generate row: one trial of a
 * generate point, whose step latencies ({@code p50_<unit>}...) are the request's end-to-end latency.
 */
final class CsvGeneration {
    static final Pattern COLUMN = Pattern.compile("(ttft|tpot|itl|e2e)(?:_(p50|p99|mean))?_(ns|us|ms|s)");
    static final String OUTPUT = "output";
    static final String TOKENS_PER_S = "output_tokens_per_s";
    /** How far the mean latency and the one output_tokens_per_s implies may differ before a warning: 5 %. */
    static final double AGREE = 0.05;
    private static final List<String> FIGURES = List.of("ttft_p50", "ttft_p99", "tpot_p50", "tpot_p99", "itl_p50",
            "itl_p99");

    /** A generate row's figures: its end-to-end p50, p99 and mean (ns, in {@link TrialMetric#FITTED} order). */
    record Values(int output, double[] e2eNs, GenerationValues generation) {
        boolean any() {
            for (double v : e2eNs) {
                if (!Double.isNaN(v)) {
                    return true;
                }
            }
            return !Double.isNaN(generation.ttftP50Ns()) || !Double.isNaN(generation.ttftP99Ns())
                    || !Double.isNaN(generation.tpotP50Ns()) || !Double.isNaN(generation.tpotP99Ns())
                    || !Double.isNaN(generation.itlP50Ns()) || !Double.isNaN(generation.itlP99Ns());
        }
    }

    private final String file;
    private final CsvErrors errors;
    private final CsvColumns cols;
    private final List<String> warnings;
    /** figure_statistic (e.g. ttft_p50) → (column name, ns per unit). */
    private final Map<String, Map.Entry<String, Double>> latency = new LinkedHashMap<>();

    CsvGeneration(String file, CsvErrors errors, CsvColumns cols, List<String> warnings) {
        this.file = file;
        this.errors = errors;
        this.cols = cols;
        this.warnings = warnings;
    }

    /** Takes header column {@code name} at {@code index} when it is a generation column; false when it is not. */
    boolean header(int line, String name, int index) {
        if (name.equals(OUTPUT) || name.equals(TOKENS_PER_S)) {
            cols.put(name, index);
            return true;
        }
        Matcher m = COLUMN.matcher(name);
        if (!m.matches()) {
            return false;
        }
        String figure = m.group(1);
        String stat = m.group(2) == null ? "p50" : m.group(2);
        String key = figure + "_" + stat;
        if (stat.equals("mean") && !figure.equals("e2e")) {
            warnings.add(file + ": ignored column '" + name + "': only the median (" + figure + "_<unit> or "
                    + figure + "_p50_<unit>) and the 99th percentile (" + figure + "_p99_<unit>) of " + figure
                    + " are kept, not its mean");
        } else if (latency.containsKey(key)) {
            errors.add(line, name, "a second " + figure + " " + stat + " column (" + latency.get(key).getKey()
                    + " is already there); keep one unit per statistic");
        } else {
            latency.put(key, Map.entry(name, CsvColumns.nsPerUnit(m.group(3))));
            cols.put(name, index);
        }
        return true;
    }

    /** Checks the header as a whole: generation columns need an {@code output} column. */
    void checkHeader(int line) {
        List<String> names = columnNames();
        names.remove(OUTPUT);
        if (!names.isEmpty() && !cols.has(OUTPUT)) {
            errors.add(line, OUTPUT, "missing: the generation columns " + String.join(", ", names) + " need an '"
                    + OUTPUT + "' column with the output tokens per request");
        }
    }

    /** Whether the header has a column from which a generate row's latency can come. */
    boolean hasLatency() {
        return !latency.isEmpty() || cols.has(TOKENS_PER_S);
    }

    /** The generation columns the header has, in header order of recognition. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>();
        if (cols.has(OUTPUT)) {
            names.add(OUTPUT);
        }
        latency.values().forEach(e -> names.add(e.getKey()));
        if (cols.has(TOKENS_PER_S)) {
            names.add(TOKENS_PER_S);
        }
        return names;
    }

    /** The generation columns with a value in row {@code r}. */
    List<String> filled(CsvReader.Row r) {
        return columnNames().stream().filter(c -> cols.filled(r, c)).toList();
    }

    /**
     * Reads the generation cells of generate row {@code r}; null after reporting a problem.
     *
     * @param batch the row's batch, null when it was bad
     * @param stepNs the row's p50, p99 and mean step columns, ns (NaN where empty): a generate row's end-to-end ones
     * @param stepColumns the header's names of those columns by statistic id ({@code p50}...)
     * @param why why the row is a generate row, for the message when {@code output} is missing
     */
    Values row(CsvReader.Row r, Integer batch, double[] stepNs, Map<String, String> stepColumns, String why) {
        int line = r.line();
        int before = errors.count();
        Integer output = null;
        if (cols.filled(r, OUTPUT)) {
            output = cols.count(r, OUTPUT);
        } else if (cols.has(OUTPUT)) {
            errors.add(line, OUTPUT, "expected the output tokens per request of this generate row (" + why
                    + "), a whole number >= 1, got nothing");
        } else {
            errors.add(line, OUTPUT, "missing: this row is a generate row (" + why + "); add an '" + OUTPUT
                    + "' column with the output tokens per request");
        }
        double[] e2e = new double[TrialMetric.FITTED.size()];
        for (int i = 0; i < e2e.length; i++) {
            String stat = TrialMetric.FITTED.get(i).id();
            double own = value(r, "e2e_" + stat);
            if (!Double.isNaN(own) && !Double.isNaN(stepNs[i])) {
                errors.add(line, latency.get("e2e_" + stat).getKey(), "the request's " + stat + " latency is given"
                        + " twice on this generate row, " + stepColumns.get(stat) + " and "
                        + latency.get("e2e_" + stat).getKey() + " (on a generate row " + stepColumns.get(stat)
                        + " is the end-to-end latency too); leave one of them empty");
            }
            e2e[i] = Double.isNaN(own) ? stepNs[i] : own;
        }
        double[] g = new double[FIGURES.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = value(r, FIGURES.get(i));
        }
        double tokensPerS = cols.positive(r, TOKENS_PER_S, true);
        if (errors.count() > before || output == null || batch == null) {
            return null;
        }
        if (output == 1) {
            for (String f : List.of("tpot_p50", "tpot_p99", "itl_p50", "itl_p99")) {
                if (!Double.isNaN(g[FIGURES.indexOf(f)])) {
                    String c = latency.get(f).getKey();
                    errors.add(line, c, "a request of output 1 has no inter-token step, so no " + f.substring(0, 4)
                            + "; leave " + c + " empty or check the output column");
                }
            }
        }
        int mean = TrialMetric.FITTED.indexOf(TrialMetric.MEAN);
        if (!Double.isNaN(tokensPerS)) {
            double implied = (double) batch * output / tokensPerS * 1e9;
            if (Double.isNaN(e2e[mean])) {
                e2e[mean] = implied;
            } else if (Math.abs(implied - e2e[mean]) > AGREE * e2e[mean]) {
                String given = e2e[mean] == stepNs[mean] ? stepColumns.get("mean") : latency.get("e2e_mean").getKey();
                warnings.add(file + ":" + line + ": " + given + " says the mean request takes "
                        + Numbers.sig(e2e[mean] / 1e6, 4) + " ms, but " + TOKENS_PER_S + " "
                        + Numbers.sig(tokensPerS, 6) + " implies batch × output / " + TOKENS_PER_S + " = " + batch
                        + " × " + output + " / " + Numbers.sig(tokensPerS, 6) + " s = "
                        + Numbers.sig(implied / 1e6, 4) + " ms (" + Numbers.sig(100 * Math.abs(implied / e2e[mean] - 1), 2)
                        + " % apart); the analysis uses " + given);
            }
        }
        if (errors.count() > before) {
            return null;
        }
        return new Values(output, e2e, new GenerationValues(output, g[0], g[1], g[2], g[3], g[4], g[5]));
    }

    /** The ns value of latency {@code key} (e.g. {@code ttft_p50}); NaN when the column is absent or empty. */
    private double value(CsvReader.Row r, String key) {
        Map.Entry<String, Double> c = latency.get(key);
        return c == null ? Double.NaN : cols.positive(r, c.getKey(), true) * c.getValue();
    }
}
