package dev.scalebench.backend;

import java.util.ServiceLoader;

/**
 * Creates backends; found with {@link ServiceLoader} ({@code META-INF/services/dev.scalebench.backend.BackendProvider}).
 */
public interface BackendProvider {

    /** The name a sweep file uses ({@code djl}, {@code sim}). */
    String name();

    /**
     * Opens the backend on a device.
     *
     * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
     * @param seed seed for synthetic weights and inputs
     * @throws BackendUnavailableException when the engine or device is not usable here
     */
    Backend open(String device, long seed);

    /** Finds a provider by name. */
    static BackendProvider find(String name) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new BackendUnavailableException("no backend named '" + name + "' (known: " + names() + ")", null);
    }

    /** Names of all providers on the class path. */
    static java.util.List<String> names() {
        java.util.List<String> names = new java.util.ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(p -> names.add(p.name()));
        return names;
    }
}
