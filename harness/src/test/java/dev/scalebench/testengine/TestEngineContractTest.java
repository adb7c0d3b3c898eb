package dev.scalebench.testengine;

import dev.scalebench.backend.BackendContract;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.util.Optional;

/** The test-scope backend keeps the backend contract, like the engines the harness ships. */
class TestEngineContractTest extends BackendContract {

    private static final ModelSpec TINY = ModelSpec.of(new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false));

    @Override
    protected String backendName() {
        return TestEngineProvider.NAME;
    }

    @Override
    protected SweepPoint smallPoint() {
        return new SweepPoint(TestEngineProvider.NAME, "auto", DType.FP32, Phase.PREFILL, TINY, 2, 16);
    }

    @Override
    protected Optional<SweepPoint> unsupportedPoint() {
        return Optional.of(new SweepPoint(TestEngineProvider.NAME, "auto", DType.FP32, Phase.PREFILL, TINY, 1,
                TestEngine.MAX_SEQ + 1));
    }
}
