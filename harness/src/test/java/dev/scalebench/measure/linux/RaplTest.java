package dev.scalebench.measure.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.measure.Energy;
import dev.scalebench.measure.EnergySource;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.MachineReading;
import dev.scalebench.measure.TrialSensor;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Rapl} and {@link RaplSensor} on fixture powercap folders: readable, wrapped, unreadable, absent. */
class RaplTest {

    private static final long MS = 1_000_000L;
    private static final String PC = "sys/class/powercap/";

    @TempDir
    Path tmp;

    private static final Rapl.FileReader FILES = Files::readString;

    private Fixture zone(Fixture f, String zone, String name, long energyUj, long maxUj) {
        return f.write(PC + zone + "/name", name + "\n").write(PC + zone + "/energy_uj", energyUj + "\n")
                .write(PC + zone + "/max_energy_range_uj", maxUj + "\n");
    }

    /** A server: package 0 with core and dram subzones, package 1, and a platform (psys) zone and an MMIO twin. */
    private Fixture server() {
        Fixture f = new Fixture(tmp).write(PC + "intel-rapl/enabled", "1\n");
        zone(f, "intel-rapl:0", "package-0", 1_000_000, 262_143_328_850L);
        zone(f, "intel-rapl:0:0", "core", 500_000, 262_143_328_850L);
        zone(f, "intel-rapl:0:1", "dram", 2_000_000, 65_712_999_613L);
        zone(f, "intel-rapl:1", "package-1", 3_000_000, 262_143_328_850L);
        zone(f, "intel-rapl:2", "psys", 9_000_000, 262_143_328_850L);
        return zone(f, "intel-rapl-mmio:0", "package-0", 7_000_000, 262_143_328_850L);
    }

    @Test
    void packagesAndTheirDramAreSummedNotTheirOtherSubzonesNorThePlatform() {
        Fixture f = server();
        Rapl rapl = Rapl.probe(f.roots, FILES);
        assertThat(rapl.available()).isTrue();
        assertThat(rapl.domainLabels()).containsExactly("package-0", "dram-0", "package-1");
        assertThat(rapl.describe()).isEqualTo("rapl (package-0, dram-0, package-1)");
        TrialSensor.Window w = new RaplSensor(rapl).begin();
        f.write(PC + "intel-rapl:0/energy_uj", "31000000\n") // +30 J
                .write(PC + "intel-rapl:0:1/energy_uj", "7000000\n") // +5 J
                .write(PC + "intel-rapl:1/energy_uj", "28000000\n") // +25 J
                .write(PC + "intel-rapl:0:0/energy_uj", "99000000\n") // core: inside the package, not added
                .write(PC + "intel-rapl:2/energy_uj", "99000000\n");
        Energy e = w.end(2_000 * MS).energy();
        assertThat(e.source()).isEqualTo(EnergySource.RAPL);
        assertThat(e.joules()).isEqualTo(60.0);
        assertThat(e.meanPowerWatts()).isEqualTo(30.0);
        assertThat(e.tooShort()).isFalse();
    }

    @Test
    void aWrappedCounterGetsItsRangeAdded() {
        Fixture f = zone(new Fixture(tmp), "intel-rapl:0", "package-0", 262_143_000_000L, 262_143_328_850L);
        Rapl rapl = Rapl.probe(f.roots, FILES);
        TrialSensor.Window w = new RaplSensor(rapl).begin();
        f.write(PC + "intel-rapl:0/energy_uj", "671150\n"); // 328 850 µJ to the wrap, then 671 150 µJ
        assertThat(w.end(100 * MS).energy().joules()).isEqualTo(1.0);
        // without a readable range the wrap cannot be undone: no reading
        f.write(PC + "intel-rapl:0/max_energy_range_uj", "unknown\n")
                .write(PC + "intel-rapl:0/energy_uj", "262143000000\n");
        Rapl noRange = Rapl.probe(f.roots, FILES);
        TrialSensor.Window w2 = new RaplSensor(noRange).begin();
        f.write(PC + "intel-rapl:0/energy_uj", "671150\n");
        assertThat(w2.end(100 * MS)).isEqualTo(MachineReading.NONE);
    }

    @Test
    void aShortLoopIsFlaggedAndAnUnmovedCounterIsNoReadingNeverZero() {
        Fixture f = zone(new Fixture(tmp), "intel-rapl:0", "package-0", 1_000, 262_143_328_850L);
        Rapl rapl = Rapl.probe(f.roots, FILES);
        TrialSensor.Window unmoved = new RaplSensor(rapl).begin();
        assertThat(unmoved.end(100 * MS)).isEqualTo(MachineReading.NONE);
        TrialSensor.Window shortLoop = new RaplSensor(rapl).begin();
        f.write(PC + "intel-rapl:0/energy_uj", "51000\n");
        MachineReading r = shortLoop.end(RaplSensor.MIN_NANOS - 1);
        assertThat(r.energy().joules()).isEqualTo(0.05);
        assertThat(r.flags()).containsExactly(Flag.ENERGY_SHORT);
    }

    @Test
    void energyReadableByRootOnlyIsUnavailableWithTheReason() {
        Fixture f = server();
        Rapl.FileReader rootOnly = file -> {
            if (file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return Files.readString(file);
        };
        Rapl rapl = Rapl.probe(f.roots, rootOnly);
        assertThat(rapl.available()).isFalse();
        assertThat(rapl.domainLabels()).isEmpty();
        assertThat(rapl.unavailableReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("intel-rapl:0/energy_uj", "root only since Linux 5.10", "CVE-2020-8694", "chmod"));
        assertThat(rapl.describe()).startsWith("unavailable (").endsWith(")");
        assertThat(new RaplSensor(rapl).begin().end(1_000 * MS)).isEqualTo(MachineReading.NONE);
    }

    @Test
    void noPowercapIsUnavailableWithTheReason() {
        Rapl rapl = Rapl.probe(new Fixture(tmp).roots, FILES);
        assertThat(rapl.available()).isFalse();
        assertThat(rapl.describe()).startsWith("unavailable (no ").contains("intel-rapl:0",
                "the kernel exposes no RAPL here");
        // a powercap folder with only the platform zone
        Fixture f = zone(new Fixture(tmp), "intel-rapl:1", "psys", 5, 10);
        assertThat(Rapl.probe(f.roots, FILES).unavailableReason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("no zone named package-N"));
    }

    @Test
    void aMalformedCounterIsUnavailableAndOneThatVanishesLaterGivesNoReading() {
        Fixture f = new Fixture(tmp).write(PC + "intel-rapl:0/name", "package-0\n")
                .write(PC + "intel-rapl:0/energy_uj", "lots\n");
        assertThat(Rapl.probe(f.roots, FILES).unavailableReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("holds 'lots'"));
        f.remove(PC + "intel-rapl:0/energy_uj");
        assertThat(Rapl.probe(f.roots, FILES).unavailableReason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("no ").contains("energy_uj"));
        f.write(PC + "intel-rapl:0/energy_uj", "100\n");
        Rapl rapl = Rapl.probe(f.roots, FILES);
        TrialSensor.Window w = new RaplSensor(rapl).begin();
        f.remove(PC + "intel-rapl:0/energy_uj");
        assertThat(w.end(1_000 * MS)).isEqualTo(MachineReading.NONE);
    }
}
