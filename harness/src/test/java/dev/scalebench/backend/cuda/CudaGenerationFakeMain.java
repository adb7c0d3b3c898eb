package dev.scalebench.backend.cuda;

import dev.scalebench.cli.Cli;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelCatalog;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;

/**
 * What {@link CudaGenerationSessionTest} runs in a child JVM against the fake driver: a llama-tiny generate session
 * called in and out of order; prints {@code key=value} lines.
 */
final class CudaGenerationFakeMain {
    private CudaGenerationFakeMain() {
    }

    public static void main(String[] args) throws Exception {
        SweepPoint p = new SweepPoint("cuda", "gpu:0", DType.BF16, Phase.GENERATE,
                ModelSpec.of(new ModelCatalog(Cli.PROFILES.resolve("models")).get("llama-tiny")), 2, 16, 3);
        try (CudaBackend backend = CudaBackend.open(0, 7);
             CudaGenerationSession s = (CudaGenerationSession) backend.open(p)) {
            put("outputTokens", s.outputTokens());
            put("beforePrefill", attempt(s));
            s.prefill();
            put("prefillNanos", s.lastDeviceNanos());
            s.decode();
            put("decode1Nanos", s.lastDeviceNanos());
            s.decode();
            put("beyond", attempt(s));
            s.step();
            put("requestNanos", s.lastDeviceNanos());
            put("afterStep", attempt(s));
            s.prefill(); // a new request after a complete one
            s.decode();
            put("again", "ok");
        }
    }

    private static String attempt(CudaGenerationSession s) {
        try {
            s.decode();
            return "ok";
        } catch (IllegalStateException e) {
            return "IllegalStateException: " + e.getMessage();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void put(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}
