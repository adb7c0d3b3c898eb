package dev.scalebench.report;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.PointStats;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.Bound;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.analysis.roofline.RooflinePoint;
import dev.scalebench.measure.Flag;
import dev.scalebench.stats.Interval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Hand-made, realistic analyses for report tests (the fit engine is not involved). Latencies follow a simple
 * model of a transformer step on an H100 (launch overhead + max(compute, memory time)); three trials per point
 * with fixed jitter; fits are built by least squares on the point means with made-up but plausible intervals.
 * Deterministic: {@link StrictMath} only, no random numbers.
 */
final class ReportFixtures {

    static final double PEAK_BF16 = 989e12;
    static final double BANDWIDTH = 3.35e12;
    private static final double T975_2DF = 4.302652729911275;
    private static final double[] JITTER = {-0.012, 0.004, 0.009, -0.006, 0.013, -0.002};

    /** A model of the fixture: name, parameter count, layers and width (for the KV cache). */
    record Model(String name, long params, int layers, int width) {
    }

    private ReportFixtures() {
    }

    /** 2 models × 2 phases × 4 batches × 2 seqs; batch, seq and model-size series; H100 roofline; warnings. */
    static Analysis standard() {
        return build(List.of(new Model("gpt-125m", 124_439_808L, 12, 768), new Model("gpt-350m", 354_823_168L, 24,
                1024)), "results/20250301-020000-nightly");
    }

    /** {@code n} models (so 4n batch series, 2n seq series): for size and navigability tests. */
    static Analysis large(int n) {
        List<Model> models = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            models.add(new Model(String.format(java.util.Locale.ROOT, "model-%03d", i), 100_000_000L + 40_000_000L * i,
                    12 + i % 12, 768 + 64 * (i % 8)));
        }
        return build(models, "results/20250301-020000-large");
    }

    /** The standard analysis with one model renamed to {@code name} (hostile text for escaping tests). */
    static Analysis renamed(String name) {
        return build(List.of(new Model(name, 124_439_808L, 12, 768), new Model("gpt-350m", 354_823_168L, 24, 1024)),
                "results/" + name);
    }

    static HardwareProfile h100() {
        return new HardwareProfile("h100-sxm", "NVIDIA H100 SXM5 80GB", "gpu", List.of("h100"), 132, 80_000_000_000L,
                BANDWIDTH, Map.of("fp32", 67e12, "tf32", 495e12, "bf16", PEAK_BF16, "fp16", PEAK_BF16, "fp8", 1979e12),
                50L * 1024 * 1024, 3.0, false, Map.of("bandwidthBytesPerS", "NVIDIA H100 Tensor Core GPU datasheet",
                        "peakFlopsPerS", "NVIDIA H100 Tensor Core GPU datasheet (dense)",
                        "pricePerHour", "typical on-demand price, 2025"));
    }

    // ---- the latency model

    static double flops(Model m, String phase, int b, int s) {
        return 2.0 * m.params() * ("prefill".equals(phase) ? (double) b * s : b);
    }

    static double bytes(Model m, String phase, int b, int s) {
        double kv = 2.0 * m.layers() * m.width() * 2;
        return 2.0 * m.params() + ("decode".equals(phase) ? kv * b * s : 0);
    }

    static double seconds(Model m, String phase, int b, int s) {
        double overhead = 80e-6 + 3e-6 * m.layers();
        return overhead + StrictMath.max(flops(m, phase, b, s) / (0.72 * PEAK_BF16),
                bytes(m, phase, b, s) / (0.86 * BANDWIDTH));
    }

    // ---- building

    static Analysis build(List<Model> models, String source) {
        String[] phases = {"prefill", "decode"};
        int[] batches = {1, 4, 16, 64};
        int[] seqs = {128, 512};
        List<PointStats> points = new ArrayList<>();
        List<RooflinePoint> roof = new ArrayList<>();
        List<SeriesFit> fits = new ArrayList<>();
        int idx = 0;
        for (Model m : models) {
            for (String ph : phases) {
                for (int s : seqs) {
                    for (int b : batches) {
                        boolean single = m == models.get(models.size() - 1) && "decode".equals(ph) && b == 64
                                && s == 512;
                        PointKey k = new PointKey(m.name(), "bf16", ph, m.params(), b, s);
                        points.add(stats(k, seconds(m, ph, b, s), single ? 1 : 3, idx++)
                                .withFlags(flags(m == models.get(models.size() - 1), ph, b, s)));
                        roof.add(roofline(k, m, seconds(m, ph, b, s)));
                    }
                }
            }
        }
        for (Model m : models) {
            for (String ph : phases) {
                for (int s : seqs) {
                    fits.add(FitFixtures.batchSeries(m, ph, s, batches));
                }
            }
        }
        for (Model m : models) {
            for (String ph : phases) {
                fits.add(FitFixtures.seqSeries(m, ph, 16, seqs));
            }
        }
        fits.add(FitFixtures.modelSeries(models, "decode", 1, 128));
        fits.add(FitFixtures.modelSeries(models, "prefill", 16, 512));
        points.sort(Comparator.comparing((PointStats p) -> models.indexOf(models.stream()
                .filter(mm -> mm.name().equals(p.point().model())).findFirst().orElseThrow()))
                .thenComparing(p -> p.point().phase(), Comparator.reverseOrder())
                .thenComparingInt(p -> p.point().seq()).thenComparingInt(p -> p.point().batch()));
        List<String> warnings = List.of(
                "gpt-350m/bf16/decode/b64/s512: 2 of 3 trials failed (out-of-memory); 1 trial left, no interval",
                "skipped 3 rows of " + source + "/summary.csv with status 'not-run' | 'failed'",
                "seq series have 2 levels only: seq-quadratic was not fitted");
        return new Analysis(Analysis.SCHEMA, source, "NVIDIA H100 80GB HBM3", TrialMetric.P50, FitOptions.DEFAULTS, points,
                fits, h100(), roof, warnings);
    }

    /**
     * Quality flags of a point's trials: 2 of 3 not-steady at decode batch 1; on the last model, one gc trial at
     * prefill b64 s512, and p99-low-confidence on the single trial of decode b64 s512.
     */
    static Map<Flag, Integer> flags(boolean last, String phase, int b, int s) {
        if ("decode".equals(phase) && b == 1) {
            return Map.of(Flag.NOT_STEADY, 2);
        }
        if (last && b == 64 && s == 512) {
            return "prefill".equals(phase) ? Map.of(Flag.GC, 1) : Map.of(Flag.P99_LOW_CONFIDENCE, 1);
        }
        return Map.of();
    }

    /** Trial values: {@code t} times a fixed jitter per replicate. */
    static double[] trials(double t, int n, int idx) {
        double[] v = new double[n];
        for (int r = 0; r < n; r++) {
            v[r] = t * (1 + JITTER[(idx + r) % JITTER.length]);
        }
        return v;
    }

    /** Geometric mean and its log-scale t interval (2 degrees of freedom), as summary.csv computes them. */
    static double[] gmean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += StrictMath.log(x);
        }
        double mean = sum / v.length;
        if (v.length < 2) {
            return new double[] {StrictMath.exp(mean), Double.NaN, Double.NaN};
        }
        double ss = 0;
        for (double x : v) {
            ss += (StrictMath.log(x) - mean) * (StrictMath.log(x) - mean);
        }
        double half = T975_2DF * StrictMath.sqrt(ss / (v.length - 1) / v.length);
        return new double[] {StrictMath.exp(mean), StrictMath.exp(mean - half), StrictMath.exp(mean + half)};
    }

    static PointStats stats(PointKey k, double t, int n, int idx) {
        double[] p50 = gmean(trials(t * 1e9, n, idx));
        double tail = "decode".equals(k.phase()) ? 1.25 : 1.12;
        double[] p99 = gmean(trials(t * 1e9 * tail, n, idx + 1));
        double seqPerS = k.batch() / (p50[0] * 1e-9);
        return new PointStats(k, n, p50[0], new Interval(p50[1], p50[2]), p99[0], new Interval(p99[1], p99[2]),
                p50[0], new Interval(p50[1], p50[2]), seqPerS, seqPerS * k.tokensPerStep() / k.batch(), Double.NaN,
                Double.NaN, new Interval(k.batch() / (p50[2] * 1e-9), k.batch() / (p50[1] * 1e-9)),
                new Interval(k.tokensPerStep() / (p50[2] * 1e-9), k.tokensPerStep() / (p50[1] * 1e-9)));
    }

    static RooflinePoint roofline(PointKey k, Model m, double t) {
        double f = flops(m, k.phase(), k.batch(), k.seq()) / t;
        double by = bytes(m, k.phase(), k.batch(), k.seq()) / t;
        double cf = f / PEAK_BF16;
        double mf = by / BANDWIDTH;
        Bound bound = cf < 0.5 && mf < 0.5 ? Bound.OVERHEAD : cf >= mf ? Bound.COMPUTE : Bound.MEMORY;
        double intensity = f / by;
        double ridge = PEAK_BF16 / BANDWIDTH;
        Bound predicted = intensity > ridge ? Bound.COMPUTE : Bound.MEMORY;
        return new RooflinePoint(k, f, by, intensity, ridge, cf, mf, bound, predicted, bound != predicted);
    }
}
