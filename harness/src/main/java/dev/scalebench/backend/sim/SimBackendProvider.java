package dev.scalebench.backend.sim;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.BackendUnavailableException;

/** Provides the {@code sim} backend (see {@link SimBackend}). */
public final class SimBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "sim";
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
