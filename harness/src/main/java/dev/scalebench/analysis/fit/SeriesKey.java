package dev.scalebench.analysis.fit;

import java.util.Locale;

/**
 * Which series a fit belongs to: the swept axis and the factors held fixed. The swept factor's own field is
 * unset: {@code model = "*"} for {@link Axis#MODEL}, {@code batch = 0} for {@link Axis#BATCH}, {@code seq = 0}
 * for {@link Axis#SEQ}.
 *
 * @param axis the swept factor
 * @param model model name, {@code "*"} when the axis is {@link Axis#MODEL}
 * @param dtype element type
 * @param phase {@code prefill} or {@code decode}
 * @param batch fixed batch, or 0 when swept
 * @param seq fixed seq, or 0 when swept
 */
public record SeriesKey(Axis axis, String model, String dtype, String phase, int batch, int seq) {

    /** Stable id, e.g. {@code batch:gpt-1m/fp32/prefill/s128} or {@code params:fp32/decode/b1/s32}. */
    public String id() {
        return switch (axis) {
            case BATCH -> "batch:" + model + "/" + dtype + "/" + phase + "/s" + seq;
            case SEQ -> "seq:" + model + "/" + dtype + "/" + phase + "/b" + batch;
            case MODEL -> "params:" + dtype + "/" + phase + "/b" + batch + "/s" + seq;
        };
    }

    /** In words, e.g. {@code gpt-1m fp32 prefill at seq 128, over batch}. */
    public String label() {
        return switch (axis) {
            case BATCH -> String.format(Locale.ROOT, "%s %s %s at seq %d, over batch", model, dtype, phase, seq);
            case SEQ -> String.format(Locale.ROOT, "%s %s %s at batch %d, over %s", model, dtype, phase, batch,
                    "decode".equals(phase) ? "context length" : "sequence length");
            case MODEL -> String.format(Locale.ROOT, "%s %s at batch %d, seq %d, over model size", dtype, phase,
                    batch, seq);
        };
    }
}
