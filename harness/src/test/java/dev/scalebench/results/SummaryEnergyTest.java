package dev.scalebench.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.config.Phase;
import dev.scalebench.plan.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code summary.csv}'s energy columns: present, last, only when a trial of the run has an energy reading; the
 * median over the point's trials with a reading and its interval; blank on a point without readings. A run without
 * readings writes the very same text as a summary that never knew energy.
 */
class SummaryEnergyTest {

    @TempDir
    Path tmp;

    private final SweepPoint prefill = Fixtures.point(Phase.PREFILL, 4, 64);
    private final SweepPoint decode = Fixtures.point(Phase.DECODE, 4, 64);

    /** 3 trials of 250 steps per point; the prefill trials drew 12.5, 13.5 and 11.5 J when {@code energy}. */
    private Path run(String name, boolean energy) {
        Path dir = tmp.resolve(name);
        double[] joules = {12.5, 13.5, 11.5};
        try (RunStore store = RunStore.create(dir, Fixtures.manifest(name, List.of(prefill, decode), 3))) {
            int seq = 0;
            for (int r = 0; r < 3; r++) {
                Histogram h = Fixtures.constant(1_000_000, 250);
                TrialResult p = Fixtures.ok(prefill.id(), r, seq++, h, List.of());
                store.append(energy ? Fixtures.withEnergy(p, joules[r]) : p, h);
                store.append(Fixtures.ok(decode.id(), r, seq++, h, List.of()), h);
            }
        }
        return dir;
    }

    @Test
    void energyColumnsOnlyWhenTheRunHasReadings() throws Exception {
        Path with = run("with", true);
        SummaryWriter.write(Run.read(with));
        List<String> lines = Files.readAllLines(with.resolve(SummaryWriter.FILE));
        List<String> header = SummaryTest.parse(lines.get(0));
        List<String> expected = new ArrayList<>(SummaryWriter.COLUMNS);
        expected.addAll(SummaryWriter.ENERGY_COLUMNS);
        assertThat(header).isEqualTo(expected);
        Map<String, String> p = row(header, lines.get(1));
        assertThat(p.get("energy_source")).isEqualTo("rapl");
        assertThat(p.get("joules_per_step")).isEqualTo("0.05"); // median of 12.5, 13.5, 11.5 J over 250 steps
        assertThat(p.get("joules_per_step_ci_lo")).isEqualTo("0.046");
        assertThat(p.get("joules_per_step_ci_hi")).isEqualTo("0.054");
        assertThat(p.get("joules_per_token")).isEqualTo("0.0001953125"); // 12.5 / (250 × 4 × 64)
        assertThat(p.get("tokens_per_joule")).isEqualTo("5120");
        assertThat(p.get("power_w")).isEqualTo("6.25"); // 12.5 J over the 2 s loop
        Map<String, String> d = row(header, lines.get(2));
        for (String c : SummaryWriter.ENERGY_COLUMNS) {
            assertThat(d.get(c)).as(c).isEmpty();
        }
        assertThat(String.join("\n", lines)).doesNotContain("E-", "E+");

        Path without = run("without", false);
        SummaryWriter.write(Run.read(without));
        List<String> plain = Files.readAllLines(without.resolve(SummaryWriter.FILE));
        assertThat(SummaryTest.parse(plain.get(0))).isEqualTo(SummaryWriter.COLUMNS);
        for (int i = 1; i < plain.size(); i++) {
            assertThat(plain.get(i)).as("the row without energy columns").isEqualTo(String.join(",",
                    SummaryTest.parse(lines.get(i)).subList(0, SummaryWriter.COLUMNS.size()))
);
        }
    }

    private static Map<String, String> row(List<String> header, String line) {
        List<String> f = SummaryTest.parse(line);
        assertThat(f).hasSize(header.size());
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < f.size(); i++) {
            m.put(header.get(i), f.get(i));
        }
        return m;
    }
}
