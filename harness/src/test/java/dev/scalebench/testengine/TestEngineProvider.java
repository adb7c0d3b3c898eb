package dev.scalebench.testengine;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.BackendUnavailableException;
import java.util.List;

/**
 * Provides the {@code testengine} backend ({@link TestEngine}): an engine that the harness knows only through
 * {@code src/test/resources/META-INF/services/dev.scalebench.backend.BackendProvider}. No line outside this package
 * names it; {@link TestEngineEndToEndTest} runs it through every command.
 */
public final class TestEngineProvider implements BackendProvider {

    /** The name sweep files use. */
    public static final String NAME = "testengine";

    @Override
    public String name() {
        return NAME;
    }

    /** The device, and the engine's version and speed. */
    @Override
    public List<String> resumeKeys() {
        return List.of("device", "engine.version", TestEngine.SPEED_KEY);
    }

    @Override
    public Backend open(String device, long seed) {
        if (!device.equals("auto") && !device.equals("cpu")) {
            throw new BackendUnavailableException("the test engine runs on the CPU only; device '" + device
                    + "' is not available (use device: auto or cpu)", null);
        }
        return new TestEngine();
    }
}
