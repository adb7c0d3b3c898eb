package dev.scalebench.backend;

import dev.scalebench.config.BackendNames;
import java.util.List;

/**
 * Tells the sweep-file validation ({@code config}, which cannot see this package) the names of the registered
 * backends: {@link Backends#names()}. Registered in {@code META-INF/services/dev.scalebench.config.BackendNames}.
 */
public final class RegisteredBackendNames implements BackendNames {
    @Override
    public List<String> names() {
        return Backends.names();
    }
}
