package dev.scalebench.backend.sim;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.BackendUnavailableException;
import dev.scalebench.backend.Diagnosis;
import java.util.List;

/** Provides the {@code sim} backend (see {@link SimBackend}). */
public final class SimBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "sim";
    }

    /** The simulated device's description, which holds its speeds. */
    @Override
    public List<String> resumeKeys() {
        return List.of("device");
    }

    /** Nothing to check: the simulator needs nothing but the JVM, so the doctor prints no line for it. */
    @Override
    public List<Diagnosis> diagnose(boolean defaultBackend) {
        return List.of();
    }

    @Override
    public Backend open(String device, long seed) {
        if (!device.equals("auto") && !device.equals("sim") && !device.equals("cpu")) {
            throw new BackendUnavailableException("the sim backend simulates one device; device '" + device
                    + "' is not available (use device: auto)", null);
        }
        return new SimBackend(seed);
    }
}
