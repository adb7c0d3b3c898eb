package dev.scalebench.sweep;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.BackendProvider;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.Session;
import dev.scalebench.plan.SweepPoint;
import java.util.Map;

/**
 * Test backend {@code timed}: a device that reports device time, as the DJL and cuda backends do on a GPU. A step
 * takes {@link #DEVICE_NANOS_PER_SEQ} × batch of "device" time, which {@code lastDeviceNanos()} returns exactly,
 * plus {@link #HOST_NANOS} that the host spends beyond it (as launches and synchronisation would).
 */
public final class TimedBackendProvider implements BackendProvider {
    /** Device time per sequence of a step. */
    public static final long DEVICE_NANOS_PER_SEQ = 300_000;
    /** Host time per step beyond the device's. */
    public static final long HOST_NANOS = 100_000;

    @Override
    public String name() {
        return "timed";
    }

    @Override
    public Backend open(String device, long seed) {
        return new Backend() {
            @Override
            public String name() {
                return "timed";
            }

            @Override
            public DeviceInfo device() {
                return new DeviceInfo("gpu:0", "device-timed test device", 1L << 30);
            }

            @Override
            public Session open(SweepPoint point) {
                long deviceNanos = DEVICE_NANOS_PER_SEQ * point.batch();
                return new Session() {
                    @Override
                    public void step() {
                        long until = System.nanoTime() + deviceNanos + HOST_NANOS;
                        while (System.nanoTime() - until < 0) {
                            Thread.onSpinWait();
                        }
                    }

                    @Override
                    public long lastDeviceNanos() {
                        return deviceNanos;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public Map<String, String> fingerprint() {
                return Map.of("backend", "timed", "device", "device-timed test device");
            }

            @Override
            public void close() {
            }
        };
    }
}
