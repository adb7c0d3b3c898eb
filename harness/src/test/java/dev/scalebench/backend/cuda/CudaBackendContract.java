package dev.scalebench.backend.cuda;

import dev.scalebench.backend.BackendContract;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.TorchScriptSpec;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The backend contract for the cuda backend. Not a test of its own (no {@code Test} suffix): on a machine without a
 * GPU its backend does not open, so {@link CudaBackendContractTest} runs it in a child JVM on the fake driver; on a
 * GPU machine it can be run directly (an IDE, or {@code -Dtest=CudaBackendContract}) against the real one. It skips
 * where the backend is unavailable, unless the system property {@value #STRICT} is {@code true}.
 */
public class CudaBackendContract extends BackendContract {

    /** System property: fail, rather than skip, when the backend cannot open. */
    public static final String STRICT = "scalebench.contract.strict";

    /** Two layers of gpt-10m's shape: gated FFN, grouped-query attention, head dim 64. */
    private static final ModelConfig SMALL = new ModelConfig("contract", 2, 384, 6, 2, 1024, 2048, true);

    @Override
    protected String backendName() {
        return CudaBackendProvider.NAME;
    }

    @Override
    protected boolean skipWhenUnavailable() {
        return !Boolean.getBoolean(STRICT);
    }

    @Override
    protected SweepPoint smallPoint() {
        return new SweepPoint("cuda", "auto", DType.BF16, Phase.PREFILL, ModelSpec.of(SMALL), 2, 24);
    }

    /** A TorchScript model: the cuda backend runs synthetic decoders only. */
    @Override
    protected Optional<SweepPoint> unsupportedPoint() {
        TorchScriptSpec ts = new TorchScriptSpec(Path.of("model.pt"), List.of(new TorchScriptSpec.Input("x",
                List.of("batch", "seq"), "int64", 100)));
        return Optional.of(new SweepPoint("cuda", "auto", DType.BF16, Phase.PREFILL, new ModelSpec("user", null, ts),
                1, 8));
    }
}
