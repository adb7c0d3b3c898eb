package dev.scalebench.analysis.gate;

import dev.scalebench.ScalebenchException;
import dev.scalebench.config.SpecError;
import dev.scalebench.config.YamlWalker;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.TrialMetric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads gate policies ({@code profiles/gates/<name>.yaml}). Keys (all optional except {@code metrics}):
 * {@code metrics} (map of metric id to margin δ, a fraction in (0, 1)), {@code alpha}, {@code warning-fdr},
 * {@code min-trials}, {@code resamples}, {@code seed}, {@code blocking} ({@code all}, {@code none}, or a list of
 * selectors with keys {@code point model dtype phase batch seq output}), {@code report-only} (gated metrics whose
 * regressions are warnings, never failing the gate) and {@code fingerprint} (list of fact names).
 * {@code profiles/gates/default.yaml} documents each in comments. Every problem is reported at once, as
 * {@code file:line: message}.
 */
public final class GatePolicies {

    static final List<String> KEYS = List.of("metrics", "alpha", "warning-fdr", "min-trials", "resamples", "seed",
            "blocking", "fingerprint", "description", "report-only");
    static final List<String> SELECTOR_KEYS = List.of("point", "model", "dtype", "phase", "batch", "seq", "output");

    private GatePolicies() {
    }

    /** The policy named {@code nameOrFile}: a YAML file, else {@code <gatesDir>/<name>.yaml}. */
    public static GatePolicy resolve(String nameOrFile, Path gatesDir) {
        Path asFile = Path.of(nameOrFile);
        if (Files.isRegularFile(asFile)) {
            return read(asFile);
        }
        Path named = gatesDir.resolve(nameOrFile + ".yaml");
        if (Files.isRegularFile(named)) {
            return read(named);
        }
        throw ScalebenchException.badInput("gate policy '" + nameOrFile + "': no such file, and no " + named);
    }

    /** Reads one policy file; its name is the file name without {@code .yaml}. */
    public static GatePolicy read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ScalebenchException.badInput(file + ": no such gate policy");
        } catch (IOException e) {
            throw ScalebenchException.badInput(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString(), file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
    }

    /** Parses policy YAML; {@code source} names it in errors. */
    public static GatePolicy parse(String yaml, String source, String name) {
        YamlWalker w = new YamlWalker(source);
        GatePolicy p = parse(w, yaml, name);
        if (w.hasErrors() || p == null) {
            List<SpecError> errors = new ArrayList<>(w.errors());
            errors.sort(java.util.Comparator.comparingInt(SpecError::line));
            StringBuilder sb = new StringBuilder().append(errors.size())
                    .append(errors.size() == 1 ? " error" : " errors").append(" in gate policy:");
            errors.forEach(e -> sb.append(System.lineSeparator()).append("  ").append(e));
            throw ScalebenchException.badInput(sb.toString());
        }
        return p;
    }

    private static GatePolicy parse(YamlWalker w, String yaml, String name) {
        Node root = w.parse(yaml);
        if (root == null) {
            return null;
        }
        Map<String, Node> e = w.entries(root, "the gate policy", KEYS);
        if (e == null) {
            return null;
        }
        w.require(e, root, "the gate policy", "metrics");
        GatePolicy d = GatePolicy.defaults();
        Map<TrialMetric, Double> margins = e.containsKey("metrics") ? margins(w, e.get("metrics")) : Map.of();
        double alpha = opt(e.get("alpha"), d.alpha(), n -> w.fraction(n, "alpha", 1e-6, 0.5));
        double fdr = opt(e.get("warning-fdr"), d.warningFdr(), n -> w.fraction(n, "warning-fdr", 1e-6, 0.5));
        int minTrials = (int) (long) opt(e.get("min-trials"), (long) d.minTrials(),
                n -> w.integer(n, "min-trials", 2, 10_000));
        int resamples = (int) (long) opt(e.get("resamples"), (long) d.resamples(),
                n -> w.integer(n, "resamples", 1000, 1_000_000));
        long seed = opt(e.get("seed"), d.seed(), n -> w.integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE));
        List<String> fingerprint = e.containsKey("fingerprint") ? strings(w, e.get("fingerprint"), "fingerprint")
                : Fingerprint.COMPARABLE_KEYS;
        boolean all = true;
        List<GatePolicy.Selector> selectors = List.of();
        Node b = e.get("blocking");
        if (b instanceof ScalarNode s && !YamlWalker.isNull(b)) {
            switch (s.getValue().trim()) {
                case "all" -> all = true;
                case "none" -> all = false;
                default -> w.error(b, "blocking must be all, none or a list of selectors, not '" + s.getValue() + "'");
            }
        } else if (b != null) {
            all = false;
            selectors = selectors(w, b);
        }
        java.util.Set<TrialMetric> reportOnly = e.containsKey("report-only")
                ? reportOnly(w, e.get("report-only"), margins) : java.util.Set.of();
        if (w.hasErrors() || margins.isEmpty()) {
            return null;
        }
        return new GatePolicy(name, margins, alpha, fdr, selectors, all, minTrials, resamples, seed, fingerprint,
                reportOnly);
    }

    private interface Reader<T> {
        T read(Node n);
    }

    private static <T> T opt(Node n, T dflt, Reader<T> r) {
        if (n == null) {
            return dflt;
        }
        T v = r.read(n);
        return v == null ? dflt : v;
    }

    private static Map<TrialMetric, Double> margins(YamlWalker w, Node n) {
        List<String> ids = new ArrayList<>(java.util.Arrays.stream(TrialMetric.values()).map(TrialMetric::id).toList());
        ids.add("tokens_per_s");
        Map<String, Node> e = w.entries(n, "metrics", ids);
        Map<TrialMetric, Double> out = new LinkedHashMap<>();
        if (e == null) {
            return out;
        }
        if (e.isEmpty()) {
            w.error(n, "metrics must name at least one metric with its margin, e.g. p99: 0.05");
        }
        e.forEach((k, v) -> {
            Double d = w.fraction(v, "margin of " + k, 0.0, 1.0);
            if (d != null && d <= 0) {
                w.error(v, "margin of " + k + " must be > 0 (a fraction: 0.05 for 5 %)");
            } else if (d != null && out.containsKey(TrialMetric.parse(k))) {
                w.error(v, k + " names the same metric as " + TrialMetric.parse(k) + " above");
            } else if (d != null) {
                out.put(TrialMetric.parse(k), d);
            }
        });
        return out;
    }

    private static java.util.Set<TrialMetric> reportOnly(YamlWalker w, Node n, Map<TrialMetric, Double> margins) {
        java.util.Set<TrialMetric> out = java.util.EnumSet.noneOf(TrialMetric.class);
        List<Node> items = w.items(n, "report-only", true);
        if (items == null) {
            return out;
        }
        for (Node i : items) {
            String t = w.text(i, "report-only");
            if (t == null) {
                continue;
            }
            TrialMetric m;
            try {
                m = TrialMetric.parse(t);
            } catch (IllegalArgumentException ex) {
                w.error(i, "report-only: " + ex.getMessage());
                continue;
            }
            if (!margins.containsKey(m)) {
                w.error(i, "report-only metric " + m + " is not under metrics (give it a margin there)");
            } else {
                out.add(m);
            }
        }
        return out;
    }

    private static List<String> strings(YamlWalker w, Node n, String param) {
        List<String> out = new ArrayList<>();
        List<Node> items = w.items(n, param, true);
        if (items != null) {
            for (Node i : items) {
                String t = w.text(i, param);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static List<GatePolicy.Selector> selectors(YamlWalker w, Node n) {
        List<GatePolicy.Selector> out = new ArrayList<>();
        List<Node> items = w.items(n, "blocking", false);
        if (items == null) {
            return out;
        }
        for (Node i : items) {
            Map<String, Node> e = w.entries(i, "a blocking selector", SELECTOR_KEYS);
            if (e == null) {
                continue;
            }
            if (e.isEmpty()) {
                w.error(i, "a blocking selector needs at least one of " + String.join(", ", SELECTOR_KEYS));
                continue;
            }
            String phase = e.containsKey("phase") ? w.text(e.get("phase"), "phase") : null;
            if (phase != null && !phase.equals("prefill") && !phase.equals("decode") && !phase.equals("generate")) {
                w.error(e.get("phase"), "phase must be prefill, decode or generate, not '" + phase + "'");
            }
            out.add(new GatePolicy.Selector(
                    e.containsKey("point") ? w.text(e.get("point"), "point") : null,
                    e.containsKey("model") ? w.text(e.get("model"), "model") : null,
                    e.containsKey("dtype") ? w.text(e.get("dtype"), "dtype") : null, phase,
                    ints(w, e.get("batch"), "batch"), ints(w, e.get("seq"), "seq"), ints(w, e.get("output"), "output")));
        }
        return out;
    }

    private static List<Integer> ints(YamlWalker w, Node n, String param) {
        List<Integer> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        List<Node> items = w.items(n, param, true);
        if (items != null) {
            for (Node i : items) {
                Long v = w.integer(i, param, 1, Integer.MAX_VALUE);
                if (v != null) {
                    out.add(v.intValue());
                }
            }
        }
        return out;
    }
}
