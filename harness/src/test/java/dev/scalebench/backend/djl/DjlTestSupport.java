package dev.scalebench.backend.djl;

import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;

/** Tiny models and points for the DJL tests. */
final class DjlTestSupport {

    private DjlTestSupport() {}

    /** layers 2, hidden 64, heads 4, kvHeads 2, ffn 256, vocab 512, gated. */
    static final ModelConfig TINY = new ModelConfig("tiny-test", 2, 64, 4, 2, 256, 512, true);

    static SweepPoint point(ModelConfig m, DType dtype, Phase phase, int batch, int seq) {
        return new SweepPoint("djl", "cpu", dtype, phase, ModelSpec.of(m), batch, seq);
    }
}
