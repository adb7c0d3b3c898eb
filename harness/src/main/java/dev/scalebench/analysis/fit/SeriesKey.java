package dev.scalebench.analysis.fit;

import dev.scalebench.analysis.FittedMetrics;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.results.TrialMetric;
import java.util.Locale;

/**
 * Which series a fit belongs to: the swept axis, the factors held fixed and, for a generate series, the metric
 * fitted. The swept factor's own field is unset: {@code model = "*"} for {@link Axis#MODEL}, {@code batch = 0} for
 * {@link Axis#BATCH}, {@code seq = 0} for {@link Axis#SEQ}, {@code output = 0} for {@link Axis#OUTPUT}.
 *
 * @param axis the swept factor
 * @param model model name, {@code "*"} when the axis is {@link Axis#MODEL}
 * @param dtype element type
 * @param phase {@code prefill}, {@code decode} or {@code generate}
 * @param batch fixed batch, or 0 when swept
 * @param seq fixed seq (a generate point's prompt length), or 0 when swept
 * @param output fixed output tokens per request of a generate series; 0 when swept and for prefill and decode
 * @param metric the metric a generate series fits (its TPOT, TTFT, end-to-end latency, ...); null for prefill and
 *     decode series, which fit the analysis's metric
 */
public record SeriesKey(Axis axis, String model, String dtype, String phase, int batch, int seq, int output,
        TrialMetric metric) {

    /** A series of prefill or decode points: the analysis's metric, no output length. */
    public SeriesKey(Axis axis, String model, String dtype, String phase, int batch, int seq) {
        this(axis, model, dtype, phase, batch, seq, 0, null);
    }

    /**
     * The series along {@code axis} that point {@code k} belongs to when the analysis fits {@code analysed}: a
     * generate point's ({@code output > 0}) names its output length, unless swept, and the metric it fits
     * ({@link FittedMetrics#ofRequest}: p50 is the request's end-to-end p50); null for a prefill or decode point
     * along {@link Axis#OUTPUT}, which it has no level of.
     */
    public static SeriesKey of(Axis axis, PointKey k, TrialMetric analysed) {
        boolean generate = k.output() > 0;
        if (axis == Axis.OUTPUT && !generate) {
            return null;
        }
        TrialMetric m = generate ? FittedMetrics.ofRequest(analysed) : null;
        int o = generate ? k.output() : 0;
        return switch (axis) {
            case BATCH -> new SeriesKey(axis, k.model(), k.dtype(), k.phase(), 0, k.seq(), o, m);
            case SEQ -> new SeriesKey(axis, k.model(), k.dtype(), k.phase(), k.batch(), 0, o, m);
            case MODEL -> new SeriesKey(axis, "*", k.dtype(), k.phase(), k.batch(), k.seq(), o, m);
            case OUTPUT -> new SeriesKey(axis, k.model(), k.dtype(), k.phase(), k.batch(), k.seq(), 0, m);
        };
    }

    /** This series fitted for another metric (a generate series' TPOT or TTFT beside its end-to-end latency). */
    public SeriesKey withMetric(TrialMetric m) {
        return new SeriesKey(axis, model, dtype, phase, batch, seq, output, m);
    }

    /**
     * Stable id, e.g. {@code batch:gpt-1m/fp32/prefill/s128}, {@code params:fp32/decode/b1/s32},
     * {@code batch:llama-tiny/fp32/generate/s64/o32/tpot_p99}, {@code output:llama-tiny/fp32/generate/b4/s64/e2e_p50}.
     */
    public String id() {
        String o = output > 0 ? "/o" + output : "";
        String base = switch (axis) {
            case BATCH -> "batch:" + model + "/" + dtype + "/" + phase + "/s" + seq + o;
            case SEQ -> "seq:" + model + "/" + dtype + "/" + phase + "/b" + batch + o;
            case MODEL -> "params:" + dtype + "/" + phase + "/b" + batch + "/s" + seq + o;
            case OUTPUT -> "output:" + model + "/" + dtype + "/" + phase + "/b" + batch + "/s" + seq;
        };
        return metric == null ? base : base + "/" + metric.id();
    }

    /**
     * In words, e.g. {@code gpt-1m fp32 prefill at seq 128, over batch}, or for a generate series
     * {@code p99 TPOT of llama-tiny fp32 generate at seq 64, output 32, over batch}.
     */
    public String label() {
        String o = output > 0 ? ", output " + output : "";
        String what = switch (axis) {
            case BATCH -> String.format(Locale.ROOT, "%s %s %s at seq %d%s, over batch", model, dtype, phase, seq, o);
            case SEQ -> String.format(Locale.ROOT, "%s %s %s at batch %d%s, over %s", model, dtype, phase, batch, o,
                    lengthName(phase));
            case MODEL -> String.format(Locale.ROOT, "%s %s at batch %d, seq %d%s, over model size", dtype, phase,
                    batch, seq, o);
            case OUTPUT -> String.format(Locale.ROOT, "%s %s %s at batch %d, seq %d, over output length", model, dtype,
                    phase, batch, seq);
        };
        return metric == null ? what : FittedMetrics.words(metric) + " of " + what;
    }

    /** What seq is in words: {@code context length} (decode), {@code prompt length} (generate), else sequence. */
    static String lengthName(String phase) {
        return switch (phase) {
            case "decode" -> "context length";
            case "generate" -> "prompt length";
            default -> "sequence length";
        };
    }
}
