package dev.scalebench.analysis.fit;

/** The factor a series sweeps. */
public enum Axis {
    /** Sequences per step, at fixed model, dtype, phase and seq. */
    BATCH("batch"),
    /** Prefill length or decode context, at fixed model, dtype, phase and batch. */
    SEQ("seq"),
    /** Model parameter count, at fixed dtype, phase, batch and seq. */
    MODEL("params"),
    /** Output tokens per request of a generate point, at fixed model, dtype, batch and seq. */
    OUTPUT("output");

    private final String id;

    Axis(String id) {
        this.id = id;
    }

    /** {@code batch}, {@code seq}, {@code params} or {@code output}: the name of x. */
    public String id() {
        return id;
    }
}
