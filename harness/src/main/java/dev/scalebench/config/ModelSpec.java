package dev.scalebench.config;

import java.util.Objects;

/**
 * A model named in a sweep: a synthetic decoder preset ({@link #decoder()}) or a TorchScript file
 * ({@link #torchScript()}); exactly one of the two is set.
 *
 * @param name how points and results name the model
 * @param decoder the synthetic decoder's shape, or {@code null}
 * @param torchScript the user model, or {@code null}
 */
public record ModelSpec(String name, ModelConfig decoder, TorchScriptSpec torchScript) {

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        if ((decoder == null) == (torchScript == null)) {
            throw new IllegalArgumentException("exactly one of decoder and torchScript must be set: " + name);
        }
    }

    public static ModelSpec of(ModelConfig decoder) {
        return new ModelSpec(decoder.name(), decoder, null);
    }

    public boolean isDecoder() {
        return decoder != null;
    }
}
