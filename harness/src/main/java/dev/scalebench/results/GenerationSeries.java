package dev.scalebench.results;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The further histograms a generate trial stores beside its own (which holds the end-to-end latency of each request),
 * each on its own line of {@code histograms.hlog} tagged {@code <trial id>/<series>} (results/README.md):
 * {@link #TTFT} and {@link #TPOT} one value per request, {@link #ITL} one value per decode step.
 */
public enum GenerationSeries {
    /** Time to first token: the request's start to the end of its prefill. */
    TTFT,
    /** Time per output token: a request's mean inter-token latency. */
    TPOT,
    /** Inter-token latency: every decode step. */
    ITL;

    /** The series name in the histogram log's tag: {@code ttft}, {@code tpot}, {@code itl}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The three histograms by series name, in the order they are written. */
    public static Map<String, Histogram> byName(Histogram ttft, Histogram tpot, Histogram itl) {
        Map<String, Histogram> m = new LinkedHashMap<>();
        m.put(TTFT.id(), ttft);
        m.put(TPOT.id(), tpot);
        m.put(ITL.id(), itl);
        return m;
    }

    /**
     * The generation figures of a trial with these stored series; {@code null} when the point does not generate
     * ({@code output} 0) or the trial stored no time-to-first-token histogram.
     */
    public static GenerationValues values(int output, Map<String, Histogram> series) {
        if (output < 1 || series == null || series.get(TTFT.id()) == null) {
            return null;
        }
        return GenerationValues.of(output, series.get(TTFT.id()), series.get(TPOT.id()), series.get(ITL.id()));
    }
}
