package dev.scalebench.config;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The backend names a sweep file's {@code backend:} may take. The engines live above this package ({@code backend.*},
 * which may use config but not the other way round), so config learns their names through this interface:
 * {@code backend.RegisteredBackendNames} implements it with the names of every registered
 * {@code BackendProvider}, and is itself registered in {@code META-INF/services/dev.scalebench.config.BackendNames}.
 * A new engine registers only its {@code BackendProvider}; it never implements this.
 *
 * <p>{@link SpecLoader#SpecLoader(java.nio.file.Path)} uses {@link #registered()}; a test may pass its own list to
 * {@link SpecLoader#SpecLoader(java.nio.file.Path, BackendNames)}.
 */
@FunctionalInterface
public interface BackendNames {

    /** The names, in the order an error message lists them. */
    List<String> names();

    /**
     * The names that every implementation on the class path knows, without repeats, in class-path order; empty when
     * there is none (then no {@code backend:} validates).
     */
    static BackendNames registered() {
        return () -> {
            List<String> names = new ArrayList<>();
            for (BackendNames b : ServiceLoader.load(BackendNames.class)) {
                b.names().stream().filter(n -> !names.contains(n)).forEach(names::add);
            }
            return List.copyOf(names);
        };
    }
}
