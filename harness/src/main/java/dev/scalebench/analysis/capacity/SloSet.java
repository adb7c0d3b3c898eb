package dev.scalebench.analysis.capacity;

import dev.scalebench.config.Units;
import dev.scalebench.results.TrialMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objectives a request must meet together, as {@code --slo} gives them: a named preset ({@link SloPreset}:
 * {@code mlperf-server}, {@code mlperf-interactive}), or limits {@code metric=duration} separated by commas
 * ({@code ttft-p99=2s,tpot-p99=100ms}); a later limit of the same metric replaces an earlier one, so
 * {@code mlperf-server,tpot-p99=50ms} is the server preset with a tighter TPOT.
 *
 * @param name the preset's id, or {@code custom}
 * @param slos the objectives, in the order given, one per metric
 */
public record SloSet(String name, List<Slo> slos) {

    /** What {@code analyze} and {@code sweep} use without {@code --slo}: {@link SloPreset#MLPERF_SERVER}. */
    public static final List<SloSet> DEFAULTS = List.of(SloPreset.MLPERF_SERVER.set());

    /** The {@code --slo} value that turns the capacity answer off. */
    public static final String NONE = "none";

    public SloSet {
        if (slos.isEmpty()) {
            throw new IllegalArgumentException("an SLO set needs at least one objective");
        }
        slos = List.copyOf(slos);
    }

    /** In words: {@code p99 TTFT ≤ 2 s and p99 TPOT ≤ 100 ms}. */
    public String text() {
        List<String> parts = slos.stream().map(Slo::text).toList();
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /**
     * Parses one {@code --slo} value.
     *
     * @throws IllegalArgumentException naming the item that is not a preset, a known metric or a duration, and
     *     what was expected
     */
    public static SloSet parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty SLO: expected a preset (" + SloPreset.ids()
                    + ") or limits such as ttft-p99=2s,tpot-p99=100ms");
        }
        Map<TrialMetric, Slo> limits = new LinkedHashMap<>();
        String name = null;
        int items = 0;
        for (String raw : text.split(",", -1)) {
            String item = raw.trim();
            items++;
            SloPreset preset = SloPreset.byId(item);
            if (preset != null) {
                preset.slos().forEach(s -> limits.put(s.metric(), s));
                name = items == 1 && name == null ? preset.id() : "custom";
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + item + "' in SLO '" + text + "' is neither a preset ("
                        + SloPreset.ids() + ") nor a limit metric=duration such as tpot-p99=100ms");
            }
            String metricText = item.substring(0, eq).trim();
            String limitText = item.substring(eq + 1).trim();
            TrialMetric m = metric(metricText, text);
            Duration d = Units.parseDuration(limitText);
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("'" + limitText + "' in SLO '" + text + "' is not a positive "
                        + "duration for " + metricText + " (such as 100ms, 2s, 0.5s)");
            }
            limits.remove(m);
            limits.put(m, new Slo(m, d.toNanos()));
            name = "custom";
        }
        return new SloSet(name == null ? "custom" : name, new ArrayList<>(limits.values()));
    }

    /**
     * The sets of every {@code --slo} value (repeatable); {@link #DEFAULTS} when none is given, none at all for
     * {@value #NONE}.
     *
     * @throws IllegalArgumentException as {@link #parse(String)}, or when {@code none} is given with others
     */
    public static List<SloSet> parseAll(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            return DEFAULTS;
        }
        if (texts.stream().anyMatch(t -> NONE.equalsIgnoreCase(t.trim()))) {
            if (texts.size() > 1) {
                throw new IllegalArgumentException("SLO 'none' turns the capacity answer off; it cannot be given "
                        + "with other SLOs " + texts);
            }
            return List.of();
        }
        return texts.stream().map(SloSet::parse).toList();
    }

    private static TrialMetric metric(String id, String text) {
        TrialMetric m;
        try {
            m = TrialMetric.parse(id);
        } catch (IllegalArgumentException e) {
            m = null;
        }
        if (m == null || !Slo.METRICS.contains(m)) {
            throw new IllegalArgumentException("'" + id + "' in SLO '" + text + "' is not a latency an SLO can "
                    + "bound (expected one of " + Slo.spelled() + ")");
        }
        return m;
    }
}
