package dev.scalebench.plan;

import java.util.Objects;

/**
 * The one name of a point: {@code <model>/<dtype>/<phase>/b<batch>/s<seq>}, e.g. {@code gpt-1m/fp32/prefill/b4/s64}.
 * The journal, the histogram log's tags, {@code summary.csv}, {@code fits.json}, the history database and the
 * metrics' {@code point} label all carry this text; {@link #toString()} writes it and {@link #parse(String)} reads it,
 * and nothing else builds or splits it. The same plan always yields the same ids, and sharding hashes them.
 *
 * <p>The model name may itself hold {@code /} (a TorchScript model named after its path): the id is split from the
 * right, so the last four fields are always dtype, phase, batch and sequence length.
 *
 * @param model model name, as the sweep file names it
 * @param dtype element type label ({@code fp32}, {@code bf16}; any label for imported data)
 * @param phase phase label ({@code prefill}, {@code decode})
 * @param batch sequences per step, at least 1
 * @param seq prefill length or decode context length, at least 0
 */
public record PointId(String model, String dtype, String phase, int batch, int seq) {

    public PointId {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(phase, "phase");
        if (model.isEmpty() || dtype.isEmpty() || dtype.contains("/") || phase.isEmpty() || phase.contains("/")) {
            throw new IllegalArgumentException("point id fields must be non-empty and dtype and phase free of '/': "
                    + model + "/" + dtype + "/" + phase);
        }
        if (batch < 1 || seq < 0) {
            throw new IllegalArgumentException("point " + model + "/" + dtype + "/" + phase + ": batch " + batch
                    + " must be >= 1 and seq " + seq + " >= 0");
        }
    }

    /** The id's text: {@code model/dtype/phase/bB/sS}. */
    @Override
    public String toString() {
        return model + "/" + dtype + "/" + phase + "/b" + batch + "/s" + seq;
    }

    /**
     * Reads an id written by {@link #toString()}.
     *
     * @throws IllegalArgumentException naming the text and the expected form when it is not a point id
     */
    public static PointId parse(String text) {
        String[] f = text == null ? new String[0] : text.split("/", -1);
        int n = f.length;
        if (n < 5 || !f[n - 2].matches("b\\d{1,9}") || !f[n - 1].matches("s\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a point id (expected model/dtype/phase/bB/sS,"
                    + " such as gpt-1m/fp32/prefill/b4/s64)");
        }
        String model = String.join("/", java.util.Arrays.copyOf(f, n - 4));
        return new PointId(model, f[n - 4], f[n - 3], Integer.parseInt(f[n - 2].substring(1)),
                Integer.parseInt(f[n - 1].substring(1)));
    }

    /** The id of replicate {@code replicate} of this point ({@link TrialId}). */
    public TrialId trial(int replicate) {
        return new TrialId(this, replicate);
    }
}
