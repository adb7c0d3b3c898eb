package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.Backend;
import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.Session;
import dev.scalebench.backend.sim.SimBackendProvider;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.linux.Rapl;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sensors, fingerprint facts and notices {@link TrialSensors} gives a backend on the CPU and the sim backend. */
class TrialSensorsTest {

    /** A backend on the CPU that runs nothing. */
    private static Backend onCpu() {
        return new Backend() {
            @Override
            public String name() {
                return "cpu-test";
            }

            @Override
            public DeviceInfo device() {
                return new DeviceInfo("cpu", "test CPU", -1);
            }

            @Override
            public Session open(SweepPoint point) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> fingerprint() {
                return Map.of("engine", "none");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aCpuBackendStatesItsEnergySourceOnceAsAFactAndANoticeWhenUnavailable() {
        Rapl rapl = Rapl.probe();
        Map<String, String> facts = TrialSensors.fingerprint(onCpu(), onCpu().fingerprint());
        assertThat(facts).containsEntry("engine", "none").containsEntry("energy.cpu", rapl.describe());
        assertThat(facts.get("energy.cpu")).matches("rapl \\(package-\\d.*\\)|unavailable \\(.+\\)");
        if (rapl.available()) {
            assertThat(TrialSensors.notices(onCpu())).isEmpty();
        } else {
            assertThat(TrialSensors.notices(onCpu()))
                    .containsExactly("energy: unavailable (" + rapl.unavailableReason().orElseThrow() + ")");
        }
    }

    @Test
    void theSimBackendGetsTheInterferenceSensorButNoEnergy() {
        try (Backend sim = new SimBackendProvider().open("cpu", 1)) {
            assertThat(TrialSensors.fingerprint(sim, sim.fingerprint())).doesNotContainKey("energy.cpu");
            assertThat(TrialSensors.notices(sim)).isEmpty();
            MachineReading r = TrialSensors.forBackend(sim).begin().end(1_000_000_000L);
            assertThat(r.energy()).isNull();
            assertThat(r.interference() != null).isEqualTo(Files.isDirectory(Path.of("/proc/self/task")));
        }
    }
}
