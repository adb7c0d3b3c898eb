package dev.scalebench.config;

import java.util.Locale;

/** Element type of weights and activations. */
public enum DType {
    FP32(4), FP16(2), BF16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The spelling used in YAML, file names and result files: {@code fp32}, {@code fp16}, {@code bf16}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fp32|fp16|bf16} (case-insensitive); {@code null} when unknown. */
    public static DType parse(String s) {
        for (DType d : values()) {
            if (d.id().equalsIgnoreCase(s.trim())) {
                return d;
            }
        }
        return null;
    }
}
