package dev.scalebench.analysis.gate;

import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic runs with a known truth: every point's per-trial statistics are log-normal around a fixed level, with
 * relative noise {@code sigma}; a candidate may carry a multiplicative effect on its p99 at chosen points.
 */
public final class GateSimulation {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Map<String, String> FP = Map.of("cpu.model", "Sim CPU", "device", "sim", "backend", "sim");

    /** {@code k} decode points of a tiny model at batch 1, 2, 4... */
    public static List<PointEntry> points(int k) {
        List<PointEntry> ps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int batch = 1 << i;
            ps.add(new PointEntry("m/fp32/decode/b" + batch + "/s64", "sim", "cpu", "m", 1_000_000, "fp32", "decode",
                    batch, 64));
        }
        return ps;
    }

    /**
     * A run of {@code trials} per point; {@code p99Effect[i]} multiplies the p99 of point {@code i} (1 for none).
     */
    public static RunMetrics run(String id, List<PointEntry> points, int trials, double sigma, double[] p99Effect,
            SplittableRandom rnd) {
        List<TrialValues> values = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            PointEntry p = points.get(i);
            double level = 1e6 * (1 + 0.3 * i);
            for (int r = 0; r < trials; r++) {
                double p50 = level * noise(rnd, sigma);
                double mean = 1.02 * level * noise(rnd, sigma);
                double p99 = 1.4 * level * noise(rnd, sigma) * p99Effect[i];
                values.add(new TrialValues(p.id(), r, p50, 1.2 * p50, p99, 1.2 * p99, mean, 1.5 * p99,
                        p.tokensPerStep(), 1000, List.of()));
            }
        }
        return new RunMetrics(id, "sim", RunManifest.Status.COMPLETE, T0, T0.plusSeconds(60), FP, "", points, values,
                Map.of());
    }

    public static double[] none(int k) {
        double[] e = new double[k];
        java.util.Arrays.fill(e, 1);
        return e;
    }

    private static double noise(SplittableRandom rnd, double sigma) {
        return Math.exp(sigma * gaussian(rnd));
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private GateSimulation() {
    }
}
