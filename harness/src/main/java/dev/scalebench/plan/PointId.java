package dev.scalebench.plan;

import java.util.Objects;

/**
 * The one name of a point: {@code <model>/<dtype>/<phase>/b<batch>/s<seq>}, e.g. {@code gpt-1m/fp32/prefill/b4/s64};
 * a {@code generate} point adds its output tokens per request: {@code llama-tiny/fp32/generate/b4/s64/o32}.
 * The journal, the histogram log's tags, {@code summary.csv}, {@code fits.json}, the history database and the
 * metrics' {@code point} label all carry this text; {@link #toString()} writes it and {@link #parse(String)} reads it,
 * and nothing else builds or splits it. The same plan always yields the same ids, and sharding hashes them.
 *
 * <p>The model name may itself hold {@code /} (a TorchScript model named after its path): the id is split from the
 * right, so the last four fields are always dtype, phase, batch and sequence length (before an {@code o<output>} field,
 * which only a generate point has).
 *
 * @param model model name, as the sweep file names it
 * @param dtype element type label ({@code fp32}, {@code bf16}; any label for imported data)
 * @param phase phase label ({@code prefill}, {@code decode})
 * @param batch sequences per step, at least 1
 * @param seq prefill length or decode context length, at least 0
 * @param output output tokens per request of a generate point, at least 1; 0 for the other phases (no {@code o} field)
 */
public record PointId(String model, String dtype, String phase, int batch, int seq, int output) {

    public PointId {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(phase, "phase");
        if (model.isEmpty() || dtype.isEmpty() || dtype.contains("/") || phase.isEmpty() || phase.contains("/")) {
            throw new IllegalArgumentException("point id fields must be non-empty and dtype and phase free of '/': "
                    + model + "/" + dtype + "/" + phase);
        }
        if (batch < 1 || seq < 0 || output < 0) {
            throw new IllegalArgumentException("point " + model + "/" + dtype + "/" + phase + ": batch " + batch
                    + " must be >= 1, seq " + seq + " >= 0 and output " + output + " >= 0");
        }
    }

    /** The id of a prefill or decode point (no output field). */
    public PointId(String model, String dtype, String phase, int batch, int seq) {
        this(model, dtype, phase, batch, seq, 0);
    }

    /** The id's text: {@code model/dtype/phase/bB/sS}, then {@code /oO} for a generate point. */
    @Override
    public String toString() {
        return model + "/" + dtype + "/" + phase + "/b" + batch + "/s" + seq + (output > 0 ? "/o" + output : "");
    }

    /**
     * Reads an id written by {@link #toString()}.
     *
     * @throws IllegalArgumentException naming the text and the expected form when it is not a point id
     */
    public static PointId parse(String text) {
        String[] f = text == null ? new String[0] : text.split("/", -1);
        int n = f.length;
        int output = 0;
        if (n >= 6 && f[n - 1].matches("o[1-9]\\d{0,8}")) {
            output = Integer.parseInt(f[n - 1].substring(1));
            n--;
        }
        if (n < 5 || !f[n - 2].matches("b\\d{1,9}") || !f[n - 1].matches("s\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a point id (expected model/dtype/phase/bB/sS"
                    + " or, generating, model/dtype/generate/bB/sS/oO, such as gpt-1m/fp32/prefill/b4/s64)");
        }
        String model = String.join("/", java.util.Arrays.copyOf(f, n - 4));
        return new PointId(model, f[n - 4], f[n - 3], Integer.parseInt(f[n - 2].substring(1)),
                Integer.parseInt(f[n - 1].substring(1)), output);
    }

    /** The id of replicate {@code replicate} of this point ({@link TrialId}). */
    public TrialId trial(int replicate) {
        return new TrialId(this, replicate);
    }
}
