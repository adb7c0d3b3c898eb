package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebench.config.Phase;
import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.GpuSample;
import dev.scalebench.measure.Interference;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.plan.SweepPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trial's machine reading (interference, energy, GPU state) goes through the journal line and back unchanged; a
 * part not read is not written, so a line without sensors is byte-identical to one written before the fields; an
 * unknown number is {@code null}; a wrong type is refused naming the field.
 */
class MachineRecordTest {

    private final SweepPoint a = Fixtures.point(Phase.PREFILL, 4, 64);

    private TrialResult with(MachineReading machine) {
        TrialResult t = Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 3), machine.flags());
        TrialResult.Measured m = t.measured();
        return new TrialResult(t.trialId(), t.pointId(), t.replicate(), t.sequence(), t.status(), t.failure(),
                t.started(), t.ended(), new TrialResult.Measured(m.warmup(), m.iterations(), m.nanos(),
                        m.deviceNanos(), m.gc(), m.stopReason(), -1, machine), t.flags());
    }

    @Test
    void everyPartRoundTrips() throws Exception {
        MachineReading r = new MachineReading(new Interference(0.125, Double.NaN, 42, 5.5, 2400.0),
                new Energy(EnergySource.NVML, 12.5, 250.0, false),
                new GpuSample(1980, 2619, GpuSample.SW_POWER_CAP, 61, 8_000_000_000L));
        TrialResult t = with(r);
        String line = JournalCodec.encode(t);
        assertThat(line).contains("\"runqWaitFrac\":0.125", "\"stealFrac\":null", "\"energySource\":\"nvml\"",
                "\"energyJ\":12.5", "\"gpuThrottleReasons\":4", "\"flags\":[\"interfered\",\"throttled\"]");
        TrialResult back = JournalCodec.decode(line);
        assertThat(back.measured().machine().interference().runQueueWaitFraction()).isEqualTo(0.125);
        assertThat(back.measured().machine().interference().stealFraction()).isNaN();
        assertThat(back.measured().machine().energy()).isEqualTo(r.energy());
        assertThat(back.measured().machine().gpu()).isEqualTo(r.gpu());
        assertThat(back.flags()).containsExactly(Flag.INTERFERED, Flag.THROTTLED);
        assertThat(JournalCodec.encode(back)).isEqualTo(line);
    }

    @Test
    void nothingReadIsNothingWritten() throws Exception {
        TrialResult plain = Fixtures.ok(a.id(), 0, 0, Fixtures.constant(1000, 3), List.of());
        String line = JournalCodec.encode(plain);
        assertThat(line).doesNotContain("runqWaitFrac", "energy", "gpu");
        assertThat(JournalCodec.decode(line).measured().machine().isEmpty()).isTrue();
        assertThat(JournalCodec.encode(with(MachineReading.NONE))).isEqualTo(line);
    }

    @Test
    void aWrongTypeIsRefusedNamingTheField() {
        String line = JournalCodec.encode(with(new MachineReading(null,
                new Energy(EnergySource.RAPL, 3.0, 30.0, true), null))).replace("\"energyJ\":3.0", "\"energyJ\":\"3 J\"");
        assertThatThrownBy(() -> JournalCodec.decode(line)).hasMessageContaining("energyJ");
        String unknown = JournalCodec.encode(with(new MachineReading(null,
                new Energy(EnergySource.RAPL, 3.0, 30.0, true), null))).replace("\"rapl\"", "\"geiger\"");
        assertThatThrownBy(() -> JournalCodec.decode(unknown)).hasMessageContaining("geiger");
    }

    @Test
    void flagsFollowTheThresholdsAndSensorsMergeFirstComeFirst() {
        assertThat(new Interference(0.05, 0.02, 0, 1, 1).interfered()).isFalse();
        assertThat(new Interference(0.0501, 0, 0, 1, 1).interfered()).isTrue();
        assertThat(new Interference(Double.NaN, 0.021, 0, 1, 1).interfered()).isTrue();
        assertThat(new GpuSample(1, 1, 0x1 | 0x2, 1, 1).throttled()).isFalse(); // idle, application clocks
        assertThat(new GpuSample(1, 1, GpuSample.HW_THERMAL_SLOWDOWN, 1, 1).throttled()).isTrue();
        assertThat(Energy.of(EnergySource.NVML, 10, 2_000_000_000L, 1_000_000_000L))
                .isEqualTo(new Energy(EnergySource.NVML, 10, 5.0, false));
        assertThat(Energy.of(EnergySource.NVML, 1, 500_000_000L, 1_000_000_000L).tooShort()).isTrue();
        MachineReading cpu = new MachineReading(new Interference(0, 0, 0, 0, 0), null, null);
        MachineReading gpu = new MachineReading(null, new Energy(EnergySource.NVML, 1, 1, false), null);
        dev.scalebench.measure.TrialSensor both = dev.scalebench.measure.TrialSensor.all(List.of(
                () -> n -> cpu, () -> n -> gpu));
        MachineReading merged = both.begin().end(1);
        assertThat(merged.interference()).isEqualTo(cpu.interference());
        assertThat(merged.energy()).isEqualTo(gpu.energy());
        assertThat(merged.gpu()).isNull();
    }
}
