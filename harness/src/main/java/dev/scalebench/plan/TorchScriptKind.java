package dev.scalebench.plan;

import dev.scalebench.config.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;

/**
 * A user's TorchScript file: its FLOPs and parameters are unknown; its file size counts as its weights (the
 * cost model's bytes per step, the memory estimate's only part).
 */
public final class TorchScriptKind implements ModelKind {

    @Override
    public String name() {
        return "torchscript";
    }

    @Override
    public boolean describes(ModelSpec model) {
        return model.torchScript() != null;
    }

    @Override
    public Workload workload(SweepPoint p) {
        long size;
        try {
            size = Files.size(p.model().torchScript().path());
        } catch (IOException e) {
            size = 0;
        }
        return new Workload(p.tokensPerStep(), Workload.UNKNOWN,
                Workload.UNKNOWN, Workload.UNKNOWN, new MemoryModel.Estimate(size, 0, 0), 0);
    }
}
