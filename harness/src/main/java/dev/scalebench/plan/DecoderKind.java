package dev.scalebench.plan;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;

/** The synthetic decoder presets: work counted by {@link Work}, memory by {@link MemoryModel#decoder}. */
public final class DecoderKind implements ModelKind {

    @Override
    public String name() {
        return "decoder";
    }

    @Override
    public boolean describes(ModelSpec model) {
        return model.decoder() != null;
    }

    @Override
    public Workload workload(SweepPoint p) {
        ModelConfig m = p.model().decoder();
        Work w = Work.of(m, p.phase(), p.batch(), p.seq(), p.dtype().bytes());
        return new Workload(Workload.tokensPerStep(p.phase(), p.batch(), p.seq()), m.parameterCount(), w.flops(), w.bytes(),
                MemoryModel.decoder(m, p.dtype().bytes(), p.phase(), p.batch(), p.seq()), m.layers());
    }
}
