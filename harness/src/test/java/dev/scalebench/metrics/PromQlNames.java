package dev.scalebench.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and functions a PromQL expression (or a Grafana {@code label_values(metric, label)} variable
 * query) names, by a small tokenizer rather than a parser: it removes string literals, label matchers
 * ({@code {...}}), range and subquery durations ({@code [...]}), grouping clauses ({@code by}, {@code without},
 * {@code on}, {@code ignoring}, {@code group_left}, {@code group_right} with their label lists), Grafana variables
 * ({@code $x}, {@code ${x}}) and numbers; then an identifier followed by {@code (} is a function or aggregation, a
 * keyword ({@code bool}, {@code and}, {@code offset}, ...) is skipped, and every other identifier is a metric name,
 * with its suffix as written ({@code _bucket}, {@code _count}, {@code _sum}, {@code _total}).
 */
final class PromQlNames {

    /** The PromQL functions and aggregation operators of Prometheus 2.x, and Grafana's {@code label_values}. */
    static final Set<String> FUNCTIONS = Set.of("abs", "absent", "absent_over_time", "ceil", "changes", "clamp",
            "clamp_max", "clamp_min", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "delta", "deriv",
            "exp", "floor", "histogram_quantile", "holt_winters", "hour", "idelta", "increase", "irate",
            "label_join", "label_replace", "ln", "log2", "log10", "minute", "month", "predict_linear", "rate",
            "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sqrt", "time", "timestamp", "vector", "year",
            "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
            "quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "label_values");

    private static final Set<String> KEYWORDS = Set.of("bool", "and", "or", "unless", "offset", "inf", "nan",
            "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern BRACES = Pattern.compile("\\{[^{}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*(?:\\([^()]*\\))?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w:])(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?(?:ms|[smhdwy])?(?![\\w:])");
    private static final Pattern LABEL_VALUES_LABEL = Pattern.compile(",\\s*[a-zA-Z_]\\w*\\s*\\)\\s*$");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?");

    private PromQlNames() {
    }

    /**
     * @param metrics the metric names an expression reads
     * @param functions the functions and aggregations it calls
     */
    record Parsed(Set<String> metrics, Set<String> functions) { }

    static Parsed parse(String expr) {
        String s = VARIABLE.matcher(STRING.matcher(expr).replaceAll(" ")).replaceAll(" ");
        if (s.trim().startsWith("label_values")) {
            s = LABEL_VALUES_LABEL.matcher(s).replaceAll(")");
        }
        s = BRACES.matcher(s).replaceAll(" ");
        s = BRACKETS.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = NUMBER.matcher(s).replaceAll(" ");
        Set<String> metrics = new TreeSet<>();
        Set<String> functions = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group().replaceAll("\\s*\\($", "");
            if (m.group(1) != null) {
                functions.add(word);
            } else if (!KEYWORDS.contains(word.toLowerCase())) {
                metrics.add(word);
            }
        }
        return new Parsed(metrics, functions);
    }
}
