package dev.scalebench.testengine;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.backend.Session;
import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test engine with its own cost model, unlike any other backend's: a step spins for {@link #stepNanos} on the
 * host and reports that same time as its device time; a session "holds" {@link #sessionBytes} of device memory,
 * which the backend tracks. Sequences longer than {@link #MAX_SEQ} are unsupported.
 */
final class TestEngine implements Backend {

    /** The fingerprint key of the engine's speed, one of its resume keys. */
    static final String SPEED_KEY = "testengine.speed";
    /** The longest sequence it runs. */
    static final int MAX_SEQ = 4096;

    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    @Override
    public String name() {
        return TestEngineProvider.NAME;
    }

    @Override
    public DeviceInfo device() {
        return new DeviceInfo("cpu", "scalebench test engine", -1);
    }

    /** 20 µs per step, plus 20 ns per token processed. */
    static long stepNanos(SweepPoint p) {
        long tokens = p.phase() == Phase.PREFILL ? (long) p.batch() * p.seq() : p.batch();
        return 20_000 + 20 * tokens;
    }

    /** One KiB per token of context. */
    static long sessionBytes(SweepPoint p) {
        return 1024L * p.batch() * p.seq();
    }

    @Override
    public Session open(SweepPoint point) throws BackendException {
        if (point.phase() == dev.scalebench.config.Phase.GENERATE) {
            throw new BackendException(FailureKind.UNSUPPORTED, "the test engine does not generate", null);
        }
        if (point.seq() > MAX_SEQ) {
            throw new BackendException(FailureKind.UNSUPPORTED, "the test engine runs sequences of up to "
                    + MAX_SEQ + " tokens, not " + point.seq(), null);
        }
        long nanos = stepNanos(point);
        long bytes = sessionBytes(point);
        peak.accumulateAndGet(inUse.addAndGet(bytes), Math::max);
        return new Session() {
            private boolean closed;
            private long last = -1;

            @Override
            public void step() {
                long until = System.nanoTime() + nanos;
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
                last = nanos;
            }

            @Override
            public long lastDeviceNanos() {
                return last;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    inUse.addAndGet(-bytes);
                }
            }
        };
    }

    @Override
    public OptionalLong deviceMemoryPeakBytes() {
        return OptionalLong.of(peak.get());
    }

    @Override
    public Map<String, String> fingerprint() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("engine", TestEngineProvider.NAME);
        f.put("engine.version", "1");
        f.put(SPEED_KEY, "20ns-per-token");
        f.put("device", device().id());
        f.put("device.name", device().name());
        return f;
    }

    @Override
    public void close() {
    }
}
