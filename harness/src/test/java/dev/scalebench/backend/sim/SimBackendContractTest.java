package dev.scalebench.backend.sim;

import dev.scalebench.backend.BackendContract;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.util.Optional;

/** The sim backend keeps the backend contract. */
class SimBackendContractTest extends BackendContract {

    @Override
    protected String backendName() {
        return "sim";
    }

    @Override
    protected SweepPoint smallPoint() {
        ModelConfig tiny = new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false);
        return new SweepPoint("sim", "auto", DType.FP32, Phase.PREFILL, ModelSpec.of(tiny), 1, 16);
    }

    /** A 70B-class decoder: its fp32 weights alone are far more than the simulated 8 GiB. */
    @Override
    protected Optional<SweepPoint> unsupportedPoint() {
        ModelConfig huge = new ModelConfig("huge", 80, 8192, 64, 8, 28672, 128256, true);
        return Optional.of(new SweepPoint("sim", "auto", DType.FP32, Phase.PREFILL, ModelSpec.of(huge), 1, 16));
    }
}
