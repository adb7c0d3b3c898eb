package dev.scalebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebench.backend.DeviceInfo;
import dev.scalebench.backend.FailureKind;
import dev.scalebench.config.DType;
import dev.scalebench.config.ModelConfig;
import dev.scalebench.config.ModelSpec;
import dev.scalebench.config.Phase;
import dev.scalebench.measure.Flag;
import dev.scalebench.measure.StopReason;
import dev.scalebench.plan.SweepPoint;
import dev.scalebench.results.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepMetricsTest {
    private static final ModelSpec TINY = ModelSpec.of(new ModelConfig("tiny", 2, 64, 4, 4, 256, 512, false));
    private static final SweepPoint A = new SweepPoint("sim", "gpu:0", DType.BF16, Phase.PREFILL, TINY, 4, 128);
    private static final SweepPoint B = new SweepPoint("sim", "gpu:0", DType.BF16, Phase.DECODE, TINY, 8, 512);
    private static final DeviceInfo GPU = new DeviceInfo("gpu:0", "NVIDIA H100 80GB HBM3", 85_000_000_000L);

    static TrialResult ok(SweepPoint p, int replicate, long iterations, List<Flag> flags) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new TrialResult(p.id() + "#r" + replicate, p.id(), replicate, 0, TrialResult.Status.OK, null, t, t, new TrialResult.Measured(new TrialResult.Warmup(3, 1000, true), iterations, 1_000_000, -1, new TrialResult.Gc(0, 0), StopReason.TARGET_CI), flags);
    }

    static TrialResult failed(SweepPoint p, int replicate, FailureKind kind) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return TrialResult.failed(p.id() + "#r" + replicate, p.id(), replicate, 0, kind, "boom", t, t);
    }

    @Test
    void everyIterationLandsInItsPointsTimerAndTheCountersAndGaugesAddUp(@TempDir Path dir) throws Exception {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(2_000_000L + i * 1000L); // 2.001 .. 3.000 ms
        }
        Histogram h2 = new Histogram(3);
        h2.recordValueWithCount(5_000_000L, 250);
        try (SweepMetrics m = new SweepMetrics("nightly", "sim", GPU, List.of(A, B), 6, null)) {
            m.trialFinished(ok(A, 0, 1000, List.of()), h);
            m.trialFinished(ok(A, 1, 250, List.of(Flag.GC)), h2);
            m.trialFinished(failed(B, 0, FailureKind.OUT_OF_MEMORY), null);
            m.trialFinished(failed(B, 1, FailureKind.ENGINE_ERROR), null);
            String text = m.scrape();
            Map<String, Double> s = PromText.check(text);

            String a = "model=\"tiny\"";
            assertThat(PromText.sum(s, "scalebench_iteration_latency_seconds_count", a, "phase=\"prefill\"",
                    "batch=\"4\"", "seq=\"128\"", "dtype=\"bf16\"", "device=\"gpu:0\"", "backend=\"sim\""))
                    .isEqualTo(1250.0);
            double trueSum = (1000 * 2_000_000.0 + 1000 * 1001 / 2.0 * 1000 + 250 * 5_000_000.0) / 1e9;
            assertThat(PromText.sum(s, "scalebench_iteration_latency_seconds_sum", a)).isCloseTo(trueSum,
                    org.assertj.core.data.Percentage.withPercentage(0.1));
            // a percentile histogram: cumulative buckets, the +Inf one holding every iteration
            assertThat(PromText.sum(s, "scalebench_iteration_latency_seconds_bucket", a, "le=\"+Inf\""))
                    .isEqualTo(1250.0);
            assertThat(s.keySet()).filteredOn(k -> k.startsWith("scalebench_iteration_latency_seconds_bucket"))
                    .hasSizeGreaterThan(20);
            s.forEach((k, v) -> {
                java.util.regex.Matcher le = java.util.regex.Pattern.compile("le=\"([0-9.e+-]+)\"").matcher(k);
                if (k.startsWith("scalebench_iteration_latency_seconds_bucket") && le.find()) {
                    double bound = Double.parseDouble(le.group(1));
                    double expected = bound < 0.002 ? 0 : bound >= 0.00301 && bound < 0.005 ? 1000
                            : bound >= 0.00501 ? 1250 : v;
                    assertThat(v).as("iterations at or below %s s", bound).isEqualTo(expected);
                }
            });
            assertThat(s.keySet()).noneMatch(k -> k.contains("phase=\"decode\"")); // B never measured
            assertThat(PromText.sum(s, "scalebench_trials_failed_total")).isEqualTo(2.0);
            assertThat(PromText.sum(s, "scalebench_trials_out_of_memory_total")).isEqualTo(1.0);
            assertThat(PromText.sum(s, "scalebench_trials_interfered_total")).isEqualTo(1.0);
            assertThat(PromText.sum(s, "scalebench_sweep_trials_done{")).isEqualTo(4.0);
            assertThat(PromText.sum(s, "scalebench_sweep_trials_planned{")).isEqualTo(6.0);
            assertThat(PromText.sum(s, "scalebench_sweep_progress{")).isCloseTo(4 / 6.0,
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(PromText.sum(s, "scalebench_device_memory_capacity_bytes{", "sweep=\"nightly\""))
                    .isEqualTo(85e9);

            Path file = MetricsFile.write(dir, text);
            assertThat(file.getFileName()).hasToString("metrics.prom");
            assertThat(Files.readString(file)).isEqualTo(text);
            try (var list = Files.list(dir)) {
                assertThat(list).as("no temporary file left").containsExactly(file);
            }
            PromText.promtoolAccepts(file);
        }
    }

    /** A histogram of {@code n} values {@code ns}, {@code 2·ns}, ... */
    private static Histogram ramp(long ns, int n) {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= n; i++) {
            h.recordValue(ns * i);
        }
        return h;
    }

    @Test
    void generatePointsThatDifferOnlyInOutputGetTheirOwnGenerationGauges(@TempDir Path dir) throws Exception {
        SweepPoint g8 = new SweepPoint("sim", "gpu:0", DType.BF16, Phase.GENERATE, TINY, 4, 128, 8);
        SweepPoint g32 = new SweepPoint("sim", "gpu:0", DType.BF16, Phase.GENERATE, TINY, 4, 128, 32);
        try (SweepMetrics m = new SweepMetrics("gen", "sim", GPU, List.of(A, g8, g32), 3, null)) {
            Histogram e2e = new Histogram(3);
            e2e.recordValueWithCount(10_000_000L, 100);
            m.trialFinished(ok(A, 0, 100, List.of()), e2e);
            for (SweepPoint g : List.of(g8, g32)) {
                Histogram request = new Histogram(3);
                request.recordValueWithCount(2_000_000L + (g.output() - 1) * 100_000L, 100); // ttft + tpot per token
                Histogram ttft = new Histogram(3);
                ttft.recordValueWithCount(2_000_000L, 99);
                ttft.recordValue(4_000_000L);
                Histogram tpot = new Histogram(3);
                tpot.recordValueWithCount(100_000L, 100);
                m.trialFinished(ok(g, 0, 100, List.of()), request,
                        dev.scalebench.results.GenerationSeries.byName(ttft, tpot, ramp(1_000L, 700)));
            }
            String text = m.scrape();
            Map<String, Double> s = PromText.check(text);
            String o32 = "output=\"32\"";
            assertThat(PromText.sum(s, "scalebench_point_tpot_p50_seconds", o32)).isCloseTo(1e-4,
                    org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(PromText.sum(s, "scalebench_point_ttft_p50_seconds", "output=\"8\"")).isCloseTo(2e-3,
                    org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(PromText.sum(s, "scalebench_point_ttft_p99_seconds", o32)).isCloseTo(2e-3,
                    org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(PromText.sum(s, "scalebench_point_e2e_p99_seconds", o32)).isCloseTo(5.1e-3,
                    org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(PromText.sum(s, "scalebench_point_throughput_tokens_per_second", o32))
                    .as("output tokens of the whole batch per request second").isCloseTo(4 * 32 / 5.1e-3,
                            org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(PromText.sum(s, "scalebench_point_throughput_per_user_tokens_per_second", o32))
                    .isCloseTo(32 / 5.1e-3, org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(s.keySet()).filteredOn(k -> k.startsWith("scalebench_point_tpot_p99_seconds"))
                    .as("one per generate point, not one gauge registered twice").hasSize(2)
                    .allMatch(k -> k.contains("phase=\"generate\""));
            assertThat(s.keySet()).filteredOn(k -> k.startsWith("scalebench_point_") || k.startsWith(
                    "scalebench_iteration_")).allMatch(k -> k.contains("output=\""), "every point meter has output");
            assertThat(PromText.sum(s, "scalebench_point_latency_p50_seconds", "phase=\"prefill\"",
                    "output=\"0\"")).isCloseTo(1e-2, org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(PromText.sum(s, "scalebench_iteration_latency_seconds_count", o32)).isEqualTo(100.0);
            assertThat(s.keySet()).filteredOn(k -> k.startsWith("scalebench_point_ttft")).noneMatch(k -> k.contains(
                    "phase=\"prefill\""));
            PromText.promtoolAccepts(MetricsFile.write(dir, text));
        }
    }

    /** {@code t} with an NVML reading of {@code joules} over its 1 ms loop. */
    private static TrialResult withEnergy(TrialResult t, double joules) {
        TrialResult.Measured m = t.measured();
        var e = dev.scalebench.measure.Energy.of(dev.scalebench.measure.EnergySource.NVML, joules, m.nanos(), 0);
        return new TrialResult(t.trialId(), t.pointId(), t.replicate(), t.sequence(), t.status(), t.failure(),
                t.started(), t.ended(), new TrialResult.Measured(m.warmup(), m.iterations(), m.nanos(),
                        m.deviceNanos(), m.gc(), m.stopReason(), -1,
                        new dev.scalebench.measure.MachineReading(null, e, null)), t.flags());
    }

    @Test
    void trialsWithEnergyGiveTheirPointEnergyMetersAndOthersNone(@TempDir Path dir) throws Exception {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(1_000_000L, 250);
        try (SweepMetrics m = new SweepMetrics("nightly", "sim", GPU, List.of(A, B), 4, null)) {
            // A: prefill b4 s128 = 512 tokens per step; 12.8 and 19.2 J over 250 steps each
            m.trialFinished(withEnergy(ok(A, 0, 250, List.of()), 12.8), h);
            m.trialFinished(withEnergy(ok(A, 1, 250, List.of()), 19.2), h);
            m.trialFinished(ok(B, 0, 250, List.of()), h); // no reading
            String text = m.scrape();
            Map<String, Double> s = PromText.check(text);
            String a = "phase=\"prefill\"";
            assertThat(PromText.sum(s, "scalebench_energy_joules_total", a)).isCloseTo(32.0,
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(PromText.sum(s, "scalebench_point_energy_per_step_joules", a)).as("median of 0.0512, 0.0768")
                    .isCloseTo(0.064, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(PromText.sum(s, "scalebench_point_energy_per_token_joules", a))
                    .isCloseTo(0.064 / 512, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(PromText.sum(s, "scalebench_point_tokens_per_joule", a))
                    .isCloseTo((512 / 0.0512 + 512 / 0.0768) / 2, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(PromText.sum(s, "scalebench_point_power_watts", a)).as("16 kW over a 1 ms loop, median")
                    .isCloseTo(16_000, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(s.keySet()).filteredOn(k -> k.contains("energy") || k.contains("joule") || k.contains("power"))
                    .noneMatch(k -> k.contains("phase=\"decode\""));
            PromText.promtoolAccepts(MetricsFile.write(dir, text));
        }
        try (SweepMetrics m = new SweepMetrics("nightly", "sim", GPU, List.of(A), 1, null)) {
            m.trialFinished(ok(A, 0, 250, List.of()), h);
            assertThat(m.scrape()).doesNotContain("energy", "joule", "power");
        }
    }

    @Test
    void thePeakDeviceMemoryGaugeReadsTheBackendWhenScraped() throws Exception {
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong(1_000);
        try (SweepMetrics m = new SweepMetrics("nightly", "cuda", GPU, List.of(A), 1, null)) {
            assertThat(PromText.check(m.scrape()).keySet()).noneMatch(k -> k.startsWith("scalebench_device_memory_peak"));
            m.deviceMemoryPeak(peak::get);
            assertThat(PromText.sum(PromText.check(m.scrape()), "scalebench_device_memory_peak_bytes")).isEqualTo(1000.0);
            peak.set(7_500_000_000L);
            assertThat(PromText.sum(PromText.check(m.scrape()), "scalebench_device_memory_peak_bytes"))
                    .isEqualTo(7.5e9);
        }
    }

    @Test
    void aDeviceOfUnknownMemoryHasNoMemoryGauge() {
        try (SweepMetrics m = new SweepMetrics("s", "sim", new DeviceInfo("sim", "sim", -1), List.of(A), 1, "2of8")) {
            Map<String, Double> s = PromText.check(m.scrape());
            assertThat(s.keySet()).noneMatch(k -> k.startsWith("scalebench_device_memory"));
            assertThat(s.keySet()).allMatch(k -> k.contains("shard=\"2of8\""));
            assertThat(PromText.sum(s, "scalebench_sweep_progress{")).isZero();
        }
    }

    @Test
    void theStructuralCheckRejectsBrokenExpositions() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PromText.check("x_total 1\n"))
                .hasMessageContaining("sample before its TYPE");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PromText.check(
                "# HELP 1x y\n# TYPE 1x gauge\n1x 1\n")).hasMessageContaining("not HELP, TYPE or a sample");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PromText.check(
                "# HELP x y\n# TYPE x gauge\nx{a=\"1\" 1\n")).hasMessageContaining("not HELP, TYPE or a sample");
    }
}
