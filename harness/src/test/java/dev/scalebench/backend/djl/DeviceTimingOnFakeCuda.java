package dev.scalebench.backend.djl;

import dev.scalebench.backend.cuda.CudaFacade.EventTimer;
import java.util.Map;

/**
 * {@link DeviceTiming} in a child JVM on the fake CUDA driver: prints its fingerprint as {@code key=value} lines,
 * then the event time around a 5 ms spin on the host (the fake's events measure host time), and the host time around
 * the whole (the events' start and stop and the spin between them).
 */
public final class DeviceTimingOnFakeCuda {
    private DeviceTimingOnFakeCuda() {
    }

    public static void main(String[] args) {
        try (DeviceTiming t = DeviceTiming.gpu(0)) {
            for (Map.Entry<String, String> e : t.fingerprint().entrySet()) {
                System.out.println(e.getKey() + "=" + e.getValue());
            }
            try (EventTimer timer = t.newTimer()) {
                long host = System.nanoTime();
                timer.start();
                long until = System.nanoTime() + 5_000_000;
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
                timer.stop();
                long elapsed = timer.elapsedNanos();
                System.out.println("host=" + (System.nanoTime() - host));
                System.out.println("elapsed=" + elapsed);
            }
        }
    }
}
