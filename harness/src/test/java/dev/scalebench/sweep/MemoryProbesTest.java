package dev.scalebench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.sim.SimBackendProvider;
import dev.scalebench.measure.MemoryProbe;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The probes {@link MemoryProbes} builds: a device's used memory, a backend's own account, none for sim. */
class MemoryProbesTest {

    @Test
    void deviceUsedReleasesTheCacheFirstAndReadsTheGrowth() {
        AtomicLong used = new AtomicLong(5_000);
        AtomicInteger releases = new AtomicInteger();
        MemoryProbe probe = MemoryProbes.deviceUsed(() -> {
            releases.incrementAndGet();
            used.set(1_000); // the cache held 4000 bytes
        }, used::get);
        MemoryProbe.Window w = probe.begin();
        assertThat(releases).hasValue(1);
        used.set(9_000);
        assertThat(w.peakBytes()).isEqualTo(8_000);
        used.set(-1);
        assertThat(w.peakBytes()).isEqualTo(MemoryProbe.UNKNOWN);
    }

    @Test
    void anAccountPeakCountsOnlyWhenTheWindowRaisedIt() {
        AtomicLong peak = new AtomicLong(0);
        MemoryProbe probe = MemoryProbes.accountPeak(() -> OptionalLong.of(peak.get()));
        MemoryProbe.Window first = probe.begin();
        peak.set(4_000);
        assertThat(first.peakBytes()).isEqualTo(4_000);
        MemoryProbe.Window smaller = probe.begin();
        assertThat(smaller.peakBytes()).isEqualTo(MemoryProbe.UNKNOWN); // at most 4000: cannot be told
        MemoryProbe.Window larger = probe.begin();
        peak.set(10_000);
        assertThat(larger.peakBytes()).isEqualTo(10_000);
    }

    @Test
    void theSimBackendMeasuresNothing() {
        try (var sim = new SimBackendProvider().open("cpu", 1)) {
            assertThat(MemoryProbes.forBackend(sim)).isSameAs(MemoryProbe.NONE);
        }
    }
}
