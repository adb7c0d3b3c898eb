package dev.scalebench.analysis.compare;

import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.results.RunManifest.PointEntry;
import java.util.Set;

/**
 * What points are matched on across runs: the point id without backend and device, with ignored factors written
 * {@code *}.
 *
 * @param model model name, or {@code *}
 * @param dtype element type, or {@code *}
 * @param phase {@code prefill}, {@code decode} or {@code generate}
 * @param batch sequences per step
 * @param seq prefill length or decode context length (a generate point's prompt length)
 * @param output output tokens per request of a generate point; 0 for prefill and decode
 */
public record MatchKey(String model, String dtype, String phase, int batch, int seq, int output) {

    /** The key of a prefill or decode point. */
    public MatchKey(String model, String dtype, String phase, int batch, int seq) {
        this(model, dtype, phase, batch, seq, 0);
    }

    /** Wildcard for an ignored factor. */
    public static final String ANY = "*";

    /** The key of {@code p} when {@code ignore} is left out of matching. */
    public static MatchKey of(PointEntry p, Set<Factor> ignore) {
        return new MatchKey(ignore.contains(Factor.MODEL) ? ANY : p.model(),
                ignore.contains(Factor.DTYPE) ? ANY : p.dtype(), p.phase(), p.batch(), p.seq(), p.output());
    }

    /**
     * E.g. {@code gpt-1m/fp32/prefill/b4/s64} (and {@code /o128} for a generate point), with {@code *} in place of an
     * ignored factor.
     */
    public String id() {
        return model + "/" + dtype + "/" + phase + "/b" + batch + "/s" + seq + (output > 0 ? "/o" + output : "");
    }

    /** The series over batch this point belongs to, e.g. {@code gpt-1m/fp32/prefill/s64} ({@code /o128}). */
    public String batchSeries() {
        return model + "/" + dtype + "/" + phase + "/s" + seq + (output > 0 ? "/o" + output : "");
    }

    /** {@code k} with {@code ignore} written {@code *}: what fitted series are matched on across runs. */
    static SeriesKey series(SeriesKey k, Set<Factor> ignore) {
        return new SeriesKey(k.axis(), ignore.contains(Factor.MODEL) ? ANY : k.model(),
                ignore.contains(Factor.DTYPE) ? ANY : k.dtype(), k.phase(), k.batch(), k.seq(), k.output(), k.metric());
    }

    @Override
    public String toString() {
        return id();
    }
}
