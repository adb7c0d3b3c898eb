/**
 * Backends: the engines that prepare a {@link dev.scalebench.plan.SweepPoint point} as a
 * {@link dev.scalebench.backend.Session} whose {@code step()} runs one prefill pass or decode step and returns
 * only once the device has finished. Only {@code backend.*} packages may import engine libraries ({@code ai.djl},
 * {@code jcuda}).
 *
 * <h2>The engine SPI</h2>
 *
 * An engine is a {@link dev.scalebench.backend.BackendProvider} (a factory, with its doctor checks
 * {@link dev.scalebench.backend.BackendProvider#diagnose(boolean) diagnose}, the fingerprint keys a resumed run
 * compares {@link dev.scalebench.backend.BackendProvider#resumeKeys() resumeKeys}, and the GPUs it sees), a
 * {@link dev.scalebench.backend.Backend} (one device, opened once per sweep) and its
 * {@link dev.scalebench.backend.Session}s (one prepared point each). {@link dev.scalebench.backend.Backends} finds
 * the providers with {@link java.util.ServiceLoader} and nothing else; the rest of the harness never names an engine:
 * the sweep file's {@code backend:} accepts any registered name ({@link dev.scalebench.backend.RegisteredBackendNames}
 * tells the validation in {@code config}), {@code scalebench doctor} asks every provider, and a point that cannot run
 * is a {@link dev.scalebench.backend.BackendException} whose {@link dev.scalebench.backend.FailureKind kind}
 * the results record.
 *
 * <h2>Adding an engine</h2>
 *
 * <ol>
 *   <li>implement the three interfaces in a package {@code backend.NAME} (the engine's imports stay there);
 *   <li>name the provider class in {@code src/main/resources/META-INF/services/dev.scalebench.backend.BackendProvider};
 *   <li>write its test as a subclass of the contract kit,
 *       {@code src/test/java/dev/scalebench/backend/BackendContract.java}, which sim, djl, cuda (on the fake driver)
 *       and the test-scope {@code testengine} all pass.
 * </ol>
 *
 * No other file changes: {@code src/test/java/dev/scalebench/testengine/} runs plan, sweep, analyze, compare and gate
 * on an engine registered only through the test class path's services file.
 */
package dev.scalebench.backend;
