package dev.scalebench.backend;

import java.util.List;
import java.util.ServiceLoader;

/**
 * An engine, as the harness sees it: the one type to implement (with {@link Backend} and {@link Session}) to add
 * one. Providers are found with {@link ServiceLoader} only ({@link Backends}): a class named in a
 * {@code META-INF/services/dev.scalebench.backend.BackendProvider} file on the class path. Nothing else names an
 * engine; a sweep file's {@code backend:} is any registered {@link #name()}, {@code scalebench doctor} asks every
 * provider ({@link #diagnose(boolean)}), and a resumed run compares the fingerprint keys each declares
 * ({@link #resumeKeys()}).
 *
 * <p>A provider is a stateless factory with a public no-argument constructor; one instance serves the whole JVM.
 * The test kit {@code src/test/java/dev/scalebench/backend/BackendContract.java} states what an implementation must
 * do; a new engine's test extends it.
 */
public interface BackendProvider {

    /**
     * The name a sweep file uses ({@code djl}, {@code sim}): lower-case letters, digits, {@code .}, {@code _} or
     * {@code -}, unique on the class path.
     */
    String name();

    /**
     * Opens the backend on a device.
     *
     * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
     * @param seed seed for synthetic weights and inputs
     * @throws BackendUnavailableException when the engine or device is not usable here; the message says why and
     *     what to do
     */
    Backend open(String device, long seed);

    /**
     * The keys of this backend's {@link Backend#fingerprint() fingerprint} that must not change between the two
     * halves of a resumed run (the engine's version, the device): {@code sweep --resume} warns when one has. The
     * host's keys ({@code cpu.model}, {@code jvm.version}, {@code git.commit}...) are compared anyway and are not
     * repeated here. Every key listed is in the fingerprint of an open backend. None by default.
     */
    default List<String> resumeKeys() {
        return List.of();
    }

    /**
     * What {@code scalebench doctor} prints about this engine: the parts it needs and whether they are there, with
     * what to do about each missing one. It never throws: a failure is a {@link Diagnosis.State#BROKEN} line.
     *
     * <p>By default one line, {@code backend NAME}: this provider opened on {@code auto}, and its device; or, when
     * that fails, the reason.
     *
     * @param defaultBackend whether this is the backend a sweep file without {@code backend:} runs on: then the
     *     parts that sweep cannot do without are {@link Diagnosis#required() required}
     */
    default List<Diagnosis> diagnose(boolean defaultBackend) {
        String what = "backend " + name();
        try (Backend b = open("auto", 0)) {
            return List.of(Diagnosis.ok(what, "device " + b.device().id() + " (" + b.device().name() + ")")
                    .withRequired(defaultBackend));
        } catch (BackendUnavailableException e) {
            return List.of(Diagnosis.absent(what, e.getMessage(), null).withRequired(defaultBackend));
        } catch (RuntimeException | LinkageError e) {
            return List.of(Diagnosis.broken(what, e.toString(), "check that the engine's jars are on the class path")
                    .withRequired(defaultBackend));
        }
    }

    /**
     * The GPUs this engine sees, {@link DeviceInfo#id() ids} {@code gpu:N}; {@code scalebench doctor} looks up the
     * measured ceilings of each (once per id, whichever providers report it). Empty by default, and when there
     * is none; it never throws.
     */
    default List<DeviceInfo> gpus() {
        return List.of();
    }

    /**
     * Finds a provider by name.
     *
     * @throws BackendUnavailableException naming the registered backends when none has that name
     * @see Backends#find(String)
     */
    static BackendProvider find(String name) {
        return Backends.find(name);
    }

    /**
     * Names of all providers on the class path, sorted.
     *
     * @see Backends#names()
     */
    static List<String> names() {
        return Backends.names();
    }
}
