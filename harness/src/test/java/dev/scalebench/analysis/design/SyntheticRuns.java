package dev.scalebench.analysis.design;

import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Synthetic runs with a known truth: log-normal per-trial values of known spread, a known p99 ratio per point. */
final class SyntheticRuns {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** {@code k} decode points at batch 1, 2, 4... */
    static List<PointEntry> points(int k) {
        List<PointEntry> ps = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int batch = 1 << i;
            ps.add(new PointEntry("m/fp32/decode/b" + batch + "/s64", "sim", "cpu", "m", 1_000_000, "fp32", "decode",
                    batch, 64));
        }
        return ps;
    }

    /** {@code trials} per point, noise {@code sigma} in log space, p99 of point i multiplied by {@code p99[i]}. */
    static RunMetrics run(String id, List<PointEntry> points, int trials, double sigma, double[] p99,
            SplittableRandom rnd) {
        List<TrialValues> values = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            PointEntry p = points.get(i);
            double level = 1e6 * (1 + 0.3 * i);
            for (int r = 0; r < trials; r++) {
                double p50 = level * noise(rnd, sigma);
                double mean = 1.02 * level * noise(rnd, sigma);
                double tail = 1.4 * level * noise(rnd, sigma) * p99[i];
                values.add(new TrialValues(p.id(), r, p50, 1.2 * p50, tail, 1.2 * tail, mean, 1.5 * tail,
                        p.tokensPerStep(), 1000, List.of()));
            }
        }
        return new RunMetrics(id, "sim", RunManifest.Status.COMPLETE, T0, T0.plusSeconds(60),
                Map.of("backend", "sim"), "", points, values, Map.of());
    }

    static double[] ones(int k) {
        double[] e = new double[k];
        java.util.Arrays.fill(e, 1);
        return e;
    }

    static double noise(SplittableRandom rnd, double sigma) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v));
    }

    private SyntheticRuns() {
    }
}
