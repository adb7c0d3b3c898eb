package dev.scalebench.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the machine around a trial's measured loop: {@link #begin()} right before the loop's first clock read,
 * {@link Window#end(long)} right after its last, both outside the timed region (a sensor read costs a file read or
 * a driver call, never a step's time). What it reads goes into the trial's {@link MachineReading}: how much the
 * scheduler kept the trial's threads from a CPU ({@link Interference}), the energy the device drew ({@link Energy})
 * and the GPU's clocks and throttling ({@link GpuSample}). Like the {@link GcMonitor} and the memory probe it is
 * injected into the sweep; a sensor that cannot read returns {@link MachineReading#NONE} (or the parts it can), and
 * never throws.
 *
 * <p>docs/measurement.md, "Machine state", says what each sensor reads and the thresholds of the flags it raises.
 */
@FunctionalInterface
public interface TrialSensor {

    /** A sensor that reads nothing. */
    TrialSensor NONE = () -> measuredNanos -> MachineReading.NONE;

    /** Opens a window: reads the counters the window's end subtracts from. Never throws. */
    Window begin();

    /** An open window. */
    @FunctionalInterface
    interface Window {
        /**
         * Closes the window and reads what happened in it.
         *
         * @param measuredNanos the measured loop's duration (the trial's clock), the denominator of every fraction
         */
        MachineReading end(long measuredNanos);
    }

    /** All of {@code sensors}, opened in order and closed in reverse; their readings {@link MachineReading#merge merged}. */
    static TrialSensor all(List<TrialSensor> sensors) {
        List<TrialSensor> copy = List.copyOf(sensors);
        if (copy.isEmpty()) {
            return NONE;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return () -> {
            List<Window> open = new ArrayList<>(copy.size());
            for (TrialSensor s : copy) {
                open.add(s.begin());
            }
            return measuredNanos -> {
                MachineReading r = MachineReading.NONE;
                for (int i = open.size() - 1; i >= 0; i--) {
                    r = open.get(i).end(measuredNanos).merge(r);
                }
                return r;
            };
        };
    }
}
