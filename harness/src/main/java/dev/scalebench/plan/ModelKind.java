package dev.scalebench.plan;

import dev.scalebench.config.ModelSpec;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A kind of model a sweep can name (a synthetic decoder, a TorchScript file): what one step of a point of that
 * kind costs ({@link Workload}). Kinds are found with {@link ServiceLoader}
 * ({@code META-INF/services/dev.scalebench.plan.ModelKind}); the planner, the results and the analysis reach a
 * model only through its workload, so a new kind plugs in here and in the backends that can run it.
 */
public interface ModelKind {

    /** The kind's name in messages: {@code decoder}, {@code torchscript}. */
    String name();

    /** Whether this kind describes {@code model}. */
    boolean describes(ModelSpec model);

    /** The workload of one step of {@code point}, whose model this kind {@link #describes}. */
    Workload workload(SweepPoint point);

    /** Every kind on the class path. */
    static List<ModelKind> all() {
        return Kinds.ALL;
    }

    /**
     * The workload of {@code point}, from the first kind that describes its model.
     *
     * @throws IllegalArgumentException when no kind describes it
     */
    static Workload workloadOf(SweepPoint point) {
        for (ModelKind k : all()) {
            if (k.describes(point.model())) {
                return k.workload(point);
            }
        }
        throw new IllegalArgumentException("model " + point.model().name() + ": no model kind describes it (kinds: "
                + String.join(", ", all().stream().map(ModelKind::name).toList()) + ")");
    }

    /** The kinds, loaded once. */
    final class Kinds {
        static final List<ModelKind> ALL = ServiceLoader.load(ModelKind.class, ModelKind.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();

        private Kinds() {
        }
    }
}
