package dev.scalebench.backend;

import dev.scalebench.ScalebenchException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The backends on the class path: every {@link BackendProvider} that a {@code META-INF/services/
 * dev.scalebench.backend.BackendProvider} file names, found once with {@link ServiceLoader} (the thread's context
 * class loader, as {@link ServiceLoader#load(Class)}) and kept for the life of the JVM. This is the only way the
 * harness finds an engine: nothing outside {@code backend.*} names one.
 *
 * <pre>{@code
 * Backends.names();                                   // [cuda, djl, sim]
 * try (Backend b = Backends.find("sim").open("auto", 42)) { ... }
 * Backends.find("tensorflow");                        // BackendUnavailableException: ... (known: cuda, djl, sim)
 * }</pre>
 *
 * <p>A provider that fails to load (its class or a library it needs is missing) is left out and listed in
 * {@link #problems()}, which {@code scalebench doctor} prints; the others still work. Two providers of the same name
 * are an error of the class path, reported when the registry is first used.
 */
public final class Backends {

    /** Providers sorted by name, and what failed to load. */
    private record Registry(List<BackendProvider> providers, List<String> problems) {
    }

    private static volatile Registry registry;

    private Backends() {
    }

    /**
     * Every provider, sorted by name.
     *
     * @throws ScalebenchException (runtime, exit 4) when two providers have the same name
     */
    public static List<BackendProvider> providers() {
        return registry().providers();
    }

    /** The names of every provider, sorted. */
    public static List<String> names() {
        return providers().stream().map(BackendProvider::name).toList();
    }

    /** The provider of that name, if one is registered. */
    public static Optional<BackendProvider> lookup(String name) {
        return providers().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The provider of that name.
     *
     * @throws BackendUnavailableException naming the registered backends when none has that name
     */
    public static BackendProvider find(String name) {
        return lookup(name).orElseThrow(() -> new BackendUnavailableException("no backend named '" + name
                + "' (known: " + String.join(", ", names()) + ")" + problemsSuffix(), null));
    }

    /** Providers named in a services file that could not be loaded, one line each; empty when all loaded. */
    public static List<String> problems() {
        return registry().problems();
    }

    private static String problemsSuffix() {
        List<String> p = problems();
        return p.isEmpty() ? "" : "; not loaded: " + String.join("; ", p);
    }

    private static Registry registry() {
        Registry r = registry;
        if (r == null) {
            synchronized (Backends.class) {
                r = registry;
                if (r == null) {
                    r = load();
                    registry = r;
                }
            }
        }
        return r;
    }

    private static Registry load() {
        List<BackendProvider> providers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class).iterator();
        // ServiceLoader goes on after a provider that fails "on a best effort basis"; the bound keeps a loader that
        // fails on every call from looping forever.
        for (int tries = 0; tries < 10_000; tries++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        providers.sort(Comparator.comparing(BackendProvider::name));
        for (int i = 1; i < providers.size(); i++) {
            BackendProvider a = providers.get(i - 1);
            BackendProvider b = providers.get(i);
            if (a.name().equals(b.name())) {
                throw ScalebenchException.runtime("two backends are named '" + a.name() + "': "
                        + a.getClass().getName() + " and " + b.getClass().getName()
                        + "; remove one of them from META-INF/services/" + BackendProvider.class.getName()
                        + " on the class path", null);
            }
        }
        return new Registry(List.copyOf(providers), List.copyOf(problems));
    }
}
