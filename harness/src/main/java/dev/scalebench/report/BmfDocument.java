package dev.scalebench.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Interval;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Bencher Metric Format (BMF) document being built: benchmark name → measure slug → metric, in the order added.
 * It enforces what Bencher documents (https://bencher.dev/docs/reference/bencher-metric-format, schema
 * https://bencher.dev/bmf.json) and what keeps a document honest:
 * <ul>
 *   <li>a benchmark name is a non-empty string of at most {@value #MAX_BENCHMARK} characters; a measure slug is
 *       lower-case kebab case ({@code [a-z0-9]+(-[a-z0-9]+)*}) of at most {@value #MAX_SLUG} characters;</li>
 *   <li>{@code value} is a finite number; a metric whose value is not (NaN: not measured) is left out, and a
 *       benchmark left with no measure is left out;</li>
 *   <li>{@code lower_value} is written only when finite and ≤ {@code value}, {@code upper_value} only when finite
 *       and ≥ {@code value}: an unknown bound is omitted (BMF makes both optional), never written as null;</li>
 *   <li>a benchmark or a measure of a benchmark is added once: a second is an error naming it.</li>
 * </ul>
 * Numbers are rounded to six significant digits ({@link JsonText}); rounding is monotone, so the order of the
 * bounds and the value survives it.
 */
final class BmfDocument {

    /** Bencher's longest benchmark name. */
    static final int MAX_BENCHMARK = 1024;
    /** Bencher's longest measure slug. */
    static final int MAX_SLUG = 64;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Map<String, Map<String, ObjectNode>> benchmarks = new LinkedHashMap<>();

    /**
     * The measure slug of a metric: the per-step latencies {@code latency-p50}, {@code latency-p90},
     * {@code latency-p99}, {@code latency-p99-9}, {@code latency-mean}, {@code latency-max}; {@code throughput}
     * (Bencher's built-in measure, an operation being a token); every other metric its id with {@code _} and
     * {@code .} as {@code -}: {@code ttft-p99}, {@code tpot-p50}, {@code e2e-p99}, {@code tokens-per-s-per-user},
     * {@code joules-per-token}, {@code power-w}...
     */
    static String slug(TrialMetric m) {
        String s = m.id().replace('_', '-').replace('.', '-');
        return switch (m) {
            case P50, P90, P99, P999, MEAN, MAX -> "latency-" + s;
            default -> s;
        };
    }

    /** The slug of the ratio of a metric, other run / baseline: {@code latency-p99-ratio}, {@code throughput-ratio}. */
    static String ratioSlug(TrialMetric m) {
        return slug(m) + "-ratio";
    }

    /**
     * Adds measure {@code slug} of {@code benchmark}: {@code value} with the bounds of {@code bounds} that are
     * known and on their side of it; nothing when the value is not finite.
     *
     * @param bounds the interval, or null / {@link Interval#UNDEFINED} when unknown
     * @throws IllegalArgumentException for a name or slug Bencher would refuse, or a measure added twice
     */
    BmfDocument add(String benchmark, String slug, double value, Interval bounds) {
        if (benchmark == null || benchmark.isEmpty() || benchmark.length() > MAX_BENCHMARK) {
            throw new IllegalArgumentException("BMF benchmark name must have 1 to " + MAX_BENCHMARK
                    + " characters: '" + benchmark + "'");
        }
        if (slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("BMF measure slug must be kebab case of at most " + MAX_SLUG
                    + " characters: '" + slug + "'");
        }
        if (!Double.isFinite(value)) {
            return this;
        }
        Map<String, ObjectNode> measures = benchmarks.computeIfAbsent(benchmark, b -> new LinkedHashMap<>());
        if (measures.containsKey(slug)) {
            throw new IllegalArgumentException("BMF: benchmark '" + benchmark + "' has measure '" + slug + "' twice");
        }
        ObjectNode m = F.objectNode();
        m.set("value", JsonText.node(value));
        if (bounds != null && Double.isFinite(bounds.lo()) && bounds.lo() <= value) {
            m.set("lower_value", JsonText.node(bounds.lo()));
        }
        if (bounds != null && Double.isFinite(bounds.hi()) && bounds.hi() >= value) {
            m.set("upper_value", JsonText.node(bounds.hi()));
        }
        measures.put(slug, m);
        return this;
    }

    /** Whether the document already has benchmark {@code name}. */
    boolean has(String name) {
        return benchmarks.containsKey(name);
    }

    /** The document as indented JSON text ending with a line break; {@code {}} when empty. */
    String render() {
        ObjectNode root = F.objectNode();
        benchmarks.forEach((name, measures) -> {
            ObjectNode b = root.putObject(name);
            measures.forEach(b::set);
        });
        return JsonText.print(root);
    }
}
