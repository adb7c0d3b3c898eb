package dev.scalebench.report;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.compare.CompareFixtures;
import dev.scalebench.analysis.compare.CompareFixtures.Run;
import dev.scalebench.analysis.compare.CompareOptions;
import dev.scalebench.analysis.compare.CompareRun;
import dev.scalebench.analysis.compare.Comparer;
import dev.scalebench.analysis.compare.Comparison;
import dev.scalebench.results.RunManifest.PointEntry;
import java.util.ArrayList;
import java.util.List;

/** Comparisons for the report tests: the same every time. */
final class CompareReportFixtures {

    private CompareReportFixtures() {
    }

    private static PointEntry p(String model, long params, String phase, int batch, int seq) {
        return CompareFixtures.point(model, params, "bf16", phase, batch, seq);
    }

    private static final double A100_PEAK = 312e12;
    private static final double A100_BW = 2.039e12;
    private static final double H100_PEAK = 989e12;
    private static final double H100_BW = 3.35e12;

    /** Step time at 55 % of the compute peak or 75 % of the bandwidth, whichever is slower, plus a launch cost. */
    private static double stepNs(double flops, double bytes, double peak, double bw, double launchNs) {
        return Math.max(flops / (0.55 * peak), bytes / (0.75 * bw)) * 1e9 + launchNs;
    }

    /**
     * An "A100" baseline against an "H100": decode and prefill over batch 1, 8, 32 of two models at seq 512, each
     * machine at the same fractions of its own ceilings (so the H100 gains about 1.6× where memory-bound and 3×
     * where compute-bound); the H100 costs more per hour and less per token; a point only in each run, one failed
     * in the H100 run; fits in both, fewer in the H100's; a driver and a GPU name that differ.
     */
    static Comparison standard() {
        Run a = new Run("20260301-020000-nightly-a100").fact("gpu.name", "NVIDIA A100-SXM4-80GB")
                .fact("gpu.driver", "550.54");
        Run b = new Run("20260301-060000-nightly-h100").fact("gpu.name", "NVIDIA H100 80GB HBM3")
                .fact("gpu.driver", "560.35");
        for (String[] m : new String[][] {{"gpt-125m", "125000000"}, {"gpt-350m", "350000000"}}) {
            long params = Long.parseLong(m[1]);
            for (String phase : List.of("decode", "prefill")) {
                for (int batch : new int[] {1, 8, 32}) {
                    PointEntry pt = p(m[0], params, phase, batch, 512);
                    double flops = 2.0 * params * pt.tokensPerStep();
                    double bytes = 2.0 * params + 2.0 * 24 * 1024 * 512 * batch;
                    a.point(pt, stepNs(flops, bytes, A100_PEAK, A100_BW, 30e3)).work(pt, flops, bytes);
                    if (m[0].equals("gpt-350m") && phase.equals("prefill") && batch == 32) {
                        b.failed(pt, 3);
                    } else {
                        b.point(pt, stepNs(flops, bytes, H100_PEAK, H100_BW, 25e3), 1.02, 0.99, 1.0, 1.01, 0.985)
                                .work(pt, flops, bytes);
                    }
                }
            }
        }
        a.point(p("gpt-125m", 125_000_000, "decode", 64, 512), 1.1e6);
        b.point(p("gpt-125m", 125_000_000, "decode", 128, 512), 1.3e6);
        CompareRun ra = a.as("A").withHardware(CompareFixtures.profile("a100-80gb-sxm", "A100", 2.0, A100_BW,
                A100_PEAK), false).withFits(CompareFixtures.fits(TrialMetric.P50, 1200, 512,
                new String[] {"gpt-125m", "bf16"}, new String[] {"gpt-350m", "bf16"}), null);
        CompareRun rb = b.as("B").withHardware(CompareFixtures.profile("h100-sxm", "H100", 3.0, H100_BW, H100_PEAK),
                false).withFits(CompareFixtures.fits(TrialMetric.P50, 2500, 512, new String[] {"gpt-125m", "bf16"}), null);
        return Comparer.compare(List.of(ra, rb), CompareOptions.DEFAULTS.withResamples(2000));
    }

    /** {@code runs} runs of {@code points} decode points each, every run 10 % faster than the one before. */
    static Comparison large(int runs, int points) {
        List<CompareRun> rs = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Run run = new Run("run-" + r);
            for (int i = 0; i < points; i++) {
                PointEntry pt = p("gpt-" + (i / 100) + "m", 1_000_000L * (1 + i / 100), "decode", 1 + i % 100, 128);
                run.point(pt, 1e6 * (1 + i % 7) / Math.pow(1.1, r), 1.0, 1.01, 0.99);
            }
            if (r > 0) {
                run.point(p("only", 1, "decode", r, 1), 1e6, 1.0);
            }
            rs.add(run.as(CompareRun.label(r)));
        }
        return Comparer.compare(rs, CompareOptions.DEFAULTS.withResamples(200));
    }
}
