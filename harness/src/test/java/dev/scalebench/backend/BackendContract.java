package dev.scalebench.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalebench.config.BackendNames;
import dev.scalebench.plan.SweepPoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend must do, as a test kit (in the spirit of Micrometer's registry TCK): a backend's test extends
 * this class, says which backend, which points and which device, and inherits every test below.
 *
 * <pre>{@code
 * class OnnxBackendContractTest extends BackendContract {
 *     protected String backendName() { return "onnx"; }
 *     protected SweepPoint smallPoint() { return new SweepPoint("onnx", "cpu", DType.FP32, Phase.PREFILL, ...); }
 *     protected Optional<SweepPoint> unsupportedPoint() { return Optional.of(...); }
 * }
 * }</pre>
 *
 * <p>The backend is found as the harness finds it, through {@link Backends} (so the test also proves its
 * {@code META-INF/services} line), and opened before each test on {@link #device()} with seed {@link #SEED}; the test
 * closes it after. The contract, test by test:
 *
 * <ul>
 *   <li>the provider is registered under a name a sweep file can hold, and the sweep-file validation accepts it;
 *   <li>an open backend has its provider's name, a resolved device ({@code auto} is never returned) and a non-empty
 *       fingerprint that holds every key of {@link BackendProvider#resumeKeys()} and does not change while open;
 *   <li>a session steps; {@link Session#lastDeviceNanos()} is {@code -1} or a duration, never another negative;
 *   <li>closing a session twice, or the backend twice, is harmless; a backend serves sessions one after another;
 *   <li>{@link Backend#deviceMemoryPeakBytes()} is empty or a count that never falls, also after close;
 *   <li>a point the backend cannot run fails with a {@link BackendException} (with a kind and a message), never
 *       another exception, and the backend goes on to the next point;
 *   <li>a generate point (the small point's shape, 3 output tokens) opens a {@link GenerationSession} that keeps
 *       its contract — a request is a prefill and {@code output − 1} decode steps, a decode step before a prefill or
 *       beyond the request throws {@link IllegalStateException}, requests repeat — or is refused as
 *       {@link FailureKind#UNSUPPORTED} when the backend does not generate;
 *   <li>a device that is not there is a {@link BackendUnavailableException}, not another exception;
 *   <li>{@link BackendProvider#diagnose(boolean)} never throws, explains every part that is not there, and requires
 *       nothing unless its backend is the default; {@link BackendProvider#gpus()} lists {@code gpu:N} devices only.
 * </ul>
 *
 * <p>Tests take no parameters and use only {@link BeforeEach}, {@link AfterEach} and {@link Test}, so that
 * {@code ContractRunner} can run a subclass in a child JVM (the cuda backend on the fake driver).
 */
public abstract class BackendContract {

    /** The seed every backend of the kit is opened with. */
    protected static final long SEED = 42;

    /** The provider under test, as {@link Backends} finds it by {@link #backendName()}. */
    protected BackendProvider provider;
    /** The backend under test, opened on {@link #device()} before each test. */
    protected Backend backend;

    /** The name the backend is registered under. */
    protected abstract String backendName();

    /** A point the backend runs, small enough that a few steps take milliseconds. */
    protected abstract SweepPoint smallPoint();

    /**
     * A point the backend cannot prepare or run (a model kind it does not run, one too large for its device); empty
     * when it runs every point, and then that test is skipped.
     */
    protected abstract Optional<SweepPoint> unsupportedPoint();

    /** The device the backend is opened on; {@code auto} unless overridden. */
    protected String device() {
        return "auto";
    }

    /**
     * Whether a backend that is not usable here skips the kit (a GPU engine on a machine without one) instead of
     * failing it. False unless overridden.
     */
    protected boolean skipWhenUnavailable() {
        return false;
    }

    @BeforeEach
    void openBackend() {
        provider = Backends.find(backendName());
        try {
            backend = provider.open(device(), SEED);
        } catch (BackendUnavailableException e) {
            if (skipWhenUnavailable()) {
                abort(e.getMessage());
            }
            throw e;
        }
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void isRegisteredUnderANameASweepFileAccepts() {
        assertThat(provider.name()).isEqualTo(backendName()).matches("[a-z0-9][a-z0-9._-]*");
        assertThat(Backends.names()).contains(backendName());
        assertThat(BackendNames.registered().names()).as("the names the sweep-file validation accepts")
                .contains(backendName());
    }

    @Test
    void theBackendHasItsProvidersNameAndAResolvedDevice() {
        assertThat(backend.name()).isEqualTo(provider.name());
        DeviceInfo d = backend.device();
        assertThat(d).isNotNull();
        assertThat(d.id()).isNotBlank().isNotEqualToIgnoringCase("auto");
        assertThat(d.name()).isNotBlank();
        assertThat(d.memoryBytes()).as("memory: -1 when unknown, else positive").matches(m -> m == -1 || m > 0);
        if (d.id().startsWith("gpu")) {
            assertThat(d.gpuIndex()).as("a GPU's id is gpu:N").isPresent();
        }
        assertThat(backend.device()).as("the same device every time").isEqualTo(d);
    }

    @Test
    void theFingerprintIsNonEmptyHoldsEveryResumeKeyAndDoesNotChange() {
        Map<String, String> f = backend.fingerprint();
        assertThat(f).isNotEmpty();
        assertThat(f.keySet()).allSatisfy(k -> assertThat(k).isNotBlank());
        assertThat(f.values()).doesNotContainNull();
        List<String> keys = provider.resumeKeys();
        assertThat(keys).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(f).as("the fingerprint holds every resume key").containsKeys(keys.toArray(String[]::new));
        assertThat(backend.fingerprint()).as("asked again").isEqualTo(f);
    }

    @Test
    void aSessionStepsAndGivesDeviceTimeOrMinusOne() throws Exception {
        try (Session s = backend.open(smallPoint())) {
            assertThat(s.lastDeviceNanos()).as("before any step").isGreaterThanOrEqualTo(-1);
            for (int i = 0; i < 3; i++) {
                s.step();
                assertThat(s.lastDeviceNanos()).as("after step %d: -1 (not measured) or a duration", i)
                        .isGreaterThanOrEqualTo(-1);
            }
        }
    }

    @Test
    void closingASessionTwiceIsHarmless() throws Exception {
        Session s = backend.open(smallPoint());
        s.step();
        s.close();
        s.close();
    }

    @Test
    void closingTheBackendTwiceIsHarmlessAndThePeakCanBeAskedAfter() throws Exception {
        try (Session s = backend.open(smallPoint())) {
            s.step();
        }
        OptionalLong before = backend.deviceMemoryPeakBytes();
        Backend b = backend;
        backend = null;
        b.close();
        b.close();
        OptionalLong after = b.deviceMemoryPeakBytes();
        assertThat(after.isPresent()).isEqualTo(before.isPresent());
        if (after.isPresent()) {
            assertThat(after.getAsLong()).isGreaterThanOrEqualTo(before.getAsLong());
        }
    }

    @Test
    void aBackendServesSessionsOneAfterAnother() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (Session s = backend.open(smallPoint())) {
                s.step();
                s.step();
            }
        }
    }

    @Test
    void theMemoryPeakIsEmptyOrACountThatNeverFalls() throws Exception {
        OptionalLong start = backend.deviceMemoryPeakBytes();
        assertThat(start).isNotNull();
        start.ifPresent(v -> assertThat(v).isNotNegative());
        OptionalLong during;
        try (Session s = backend.open(smallPoint())) {
            s.step();
            during = backend.deviceMemoryPeakBytes();
        }
        OptionalLong end = backend.deviceMemoryPeakBytes();
        assertThat(during.isPresent()).as("tracked or not, the same throughout").isEqualTo(start.isPresent());
        assertThat(end.isPresent()).isEqualTo(start.isPresent());
        if (start.isPresent()) {
            assertThat(during.getAsLong()).as("a session's weights and inputs count").isPositive()
                    .isGreaterThanOrEqualTo(start.getAsLong());
            assertThat(end.getAsLong()).as("a peak, not the current use").isGreaterThanOrEqualTo(during.getAsLong());
        }
    }

    @Test
    void aPointItCannotRunIsABackendExceptionAndTheNextPointRuns() throws Exception {
        Optional<SweepPoint> unsupported = unsupportedPoint();
        assumeTrue(unsupported.isPresent(), "the backend runs every point");
        Throwable t = catchThrowable(() -> {
            try (Session s = backend.open(unsupported.get())) {
                s.step();
            }
        });
        assertThat(t).as("opening or stepping " + unsupported.get().id()).isInstanceOf(BackendException.class);
        BackendException e = (BackendException) t;
        assertThat(e.kind()).isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        try (Session s = backend.open(smallPoint())) {
            s.step();
        }
    }

    @Test
    void aGeneratePointIsAGenerationSessionOrRefusedAsUnsupported() throws Exception {
        SweepPoint p = smallPoint();
        SweepPoint generate = new SweepPoint(p.backend(), p.device(), p.dtype(), dev.scalebench.config.Phase.GENERATE,
                p.model(), p.batch(), p.seq(), 3);
        Session s;
        try {
            s = backend.open(generate);
        } catch (BackendException e) {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(FailureKind.UNSUPPORTED);
            assertThat(e.getMessage()).contains("generate");
            return;
        }
        try (Session session = s) {
            assertThat(session).as("a generate point's session").isInstanceOf(GenerationSession.class);
            GenerationSession g = (GenerationSession) session;
            assertThat(g.outputTokens()).isEqualTo(3);
            assertThatThrownBy(g::decode).as("decode before prefill").isInstanceOf(IllegalStateException.class);
            for (int request = 0; request < 2; request++) {
                g.prefill();
                assertThat(g.lastDeviceNanos()).isGreaterThanOrEqualTo(-1);
                g.decode();
                g.decode();
                assertThat(g.lastDeviceNanos()).isGreaterThanOrEqualTo(-1);
                assertThatThrownBy(g::decode).as("a decode step beyond the request")
                        .isInstanceOf(IllegalStateException.class);
            }
            g.step();
        }
    }

    @Test
    void aDeviceThatIsNotThereIsUnavailable() {
        for (String device : List.of("gpu:4096", "tpu")) {
            assertThatThrownBy(() -> provider.open(device, SEED).close()).as(device)
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageStartingWith("unavailable: ");
        }
    }

    @Test
    void diagnoseExplainsWhatIsMissingAndRequiresNothingUnlessDefault() {
        for (boolean isDefault : new boolean[] {false, true}) {
            List<Diagnosis> checks = provider.diagnose(isDefault);
            assertThat(checks).as("diagnose(%s)", isDefault).isNotNull().doesNotContainNull();
            for (Diagnosis d : checks) {
                assertThat(d.name()).as("a check's name").isNotBlank();
                if (!d.ok()) {
                    assertThat(d.detail()).as("why %s is not there", d.name()).isNotBlank();
                }
                if (!isDefault) {
                    assertThat(d.required()).as("%s required of a backend that is not the default", d.name())
                            .isFalse();
                }
            }
        }
        assertThat(provider.gpus()).allSatisfy(g -> assertThat(g.gpuIndex()).as(g.id()).isPresent());
    }
}
