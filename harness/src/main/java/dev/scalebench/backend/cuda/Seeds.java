package dev.scalebench.backend.cuda;

import java.nio.charset.StandardCharsets;

/** Seeds for the device-side fills: one per model, one per tensor of it, stable across runs and machines. */
final class Seeds {

    private Seeds() {
    }

    /** The backend seed mixed with the model's name (bytes, not {@code String.hashCode}, so it is stable). */
    static long model(long backendSeed, String modelName) {
        long x = backendSeed;
        for (byte b : modelName.getBytes(StandardCharsets.UTF_8)) {
            x = mix(x ^ (b & 0xff));
        }
        return x;
    }

    /** The seed of the {@code index}-th tensor of a model. */
    static long tensor(long modelSeed, int index) {
        return mix(modelSeed + 0x9E3779B97F4A7C15L * (index + 1L));
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
