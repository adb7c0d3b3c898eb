package dev.scalebench.plan;

import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;

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
        int e = p.dtype().bytes();
        if (p.phase() == Phase.GENERATE) {
            Work w = Work.ofRequest(m, p.batch(), p.seq(), p.output(), e);
            return new Workload(p.tokensPerStep(), m.parameterCount(), w.flops(), w.bytes(),
                    MemoryModel.request(m, e, p.batch(), p.seq(), p.output()), m.layers());
        }
        Work w = Work.of(m, p.phase(), p.batch(), p.seq(), e);
        return new Workload(p.tokensPerStep(), m.parameterCount(), w.flops(), w.bytes(),
                MemoryModel.decoder(m, e, p.phase(), p.batch(), p.seq()), m.layers());
    }
}
