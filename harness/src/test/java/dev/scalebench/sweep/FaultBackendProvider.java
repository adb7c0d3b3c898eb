package dev.scalebench.sweep;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendException;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.backend.Session;
import dev.scalebench.plan.SweepPoint;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test backend {@code fault}: steps take {@code 200 µs × batch}; points with batch ≥ 64 fail to open as out of
 * memory; points with seq = 13 throw from step; everything else works. Counts opens per point kind.
 */
public final class FaultBackendProvider implements BackendProvider {
    static final AtomicInteger OOM_OPENS = new AtomicInteger();

    @Override
    public String name() {
        return "fault";
    }

    @Override
    public Backend open(String device, long seed) {
        return new Backend() {
            @Override
            public String name() {
                return "fault";
            }

            @Override
            public DeviceInfo device() {
                return new DeviceInfo("cpu", "fault-injecting test device", -1);
            }

            @Override
            public Session open(SweepPoint point) throws BackendException {
                if (point.batch() >= 64) {
                    OOM_OPENS.incrementAndGet();
                    throw new BackendException(FailureKind.OUT_OF_MEMORY,
                            "CUDA out of memory. Tried to allocate 2.00 GiB", null);
                }
                long nanos = 200_000L * point.batch();
                return new Session() {
                    @Override
                    public void step() {
                        if (point.seq() == 13) {
                            throw new IllegalStateException("engine exploded at seq 13");
                        }
                        long until = System.nanoTime() + nanos;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public Map<String, String> fingerprint() {
                return Map.of("backend", "fault");
            }

            @Override
            public void close() {
            }
        };
    }
}
