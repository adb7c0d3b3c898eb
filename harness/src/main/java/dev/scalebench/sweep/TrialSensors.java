package dev.scalebench.sweep;

import dev.scalebench.backend.Backend;
import dev.scalebench.measure.TrialSensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the {@link TrialSensor sensors} that read the machine around a backend's measured loops
 * (docs/measurement.md, "Machine state"), the way {@link MemoryProbes} picks its memory probe.
 */
public final class TrialSensors {

    private TrialSensors() {
    }

    /** The sensors for {@code backend}'s trials, combined ({@link TrialSensor#all}); none yet reads anything. */
    public static TrialSensor forBackend(Backend backend) {
        List<TrialSensor> sensors = new ArrayList<>();
        return TrialSensor.all(sensors);
    }
}
