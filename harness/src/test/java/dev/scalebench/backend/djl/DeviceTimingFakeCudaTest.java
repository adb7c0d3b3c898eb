package dev.scalebench.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.kernels.testing.FakeCuda;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DJL's device timing through the real driver layer, on the fake CUDA driver (one fake H100). */
class DeviceTimingFakeCudaTest {

    @Test
    void eventsOnTheDefaultStreamOfThePrimaryContextTimeTheWorkBetweenThem() {
        FakeCuda.require();
        FakeCuda.Result r = FakeCuda.run(DeviceTimingOnFakeCuda.class, Map.of()).requireSuccess();
        assertThat(r.value(DeviceTiming.KEY)).isEqualTo(DeviceTiming.ON);
        assertThat(r.value("gpu.name")).isEqualTo("NVIDIA H100 80GB HBM3 (fake)");
        assertThat(r.value("gpu.compute.capability")).isEqualTo("9.0");
        assertThat(r.value("gpu.sms")).isEqualTo("132");
        // the events bracket a 5 ms spin and lie within the host's span around them: no upper bound of its own,
        // which a busy machine could pass (the spin ends on the clock, however often the thread was preempted)
        long elapsed = Long.parseLong(r.value("elapsed"));
        assertThat(elapsed).isGreaterThanOrEqualTo(5_000_000L)
                .isLessThanOrEqualTo(Long.parseLong(r.value("host")) + 1_000);
        assertThat(r.stderr()).doesNotContain("device timing is off");
    }
}
