package dev.scalebench.backend.djl;

import static dev.scalebench.backend.djl.DjlTestSupport.TINY;
import static dev.scalebench.backend.djl.DjlTestSupport.point;

import dev.scalebench.backend.BackendContract;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.config.TorchScriptSpec;
import dev.scalebench.plan.SweepPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The djl backend keeps the backend contract, on the CPU (the bundled libtorch, offline, as every DJL test here) with
 * a tiny decoder.
 */
class DjlBackendContractTest extends BackendContract {

    @Override
    protected String backendName() {
        return DjlBackendProvider.NAME;
    }

    @Override
    protected String device() {
        return "cpu";
    }

    @Override
    protected SweepPoint smallPoint() {
        return point(TINY, DType.FP32, Phase.PREFILL, 1, 8);
    }

    /** A "TorchScript model" that is not one: libtorch refuses to load it. */
    @Override
    protected Optional<SweepPoint> unsupportedPoint() {
        try {
            Path junk = Files.createTempFile("not-torchscript", ".pt");
            junk.toFile().deleteOnExit();
            Files.writeString(junk, "this is not a TorchScript archive");
            TorchScriptSpec ts = new TorchScriptSpec(junk, List.of(new TorchScriptSpec.Input("x",
                    List.of("batch", "seq"), "fp32", 0)));
            return Optional.of(new SweepPoint("djl", "cpu", DType.FP32, Phase.PREFILL,
                    new ModelSpec("junk", null, ts), 1, 8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
