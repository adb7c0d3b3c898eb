package dev.scalebench.report;

import dev.scalebench.analysis.gate.Gate;
import dev.scalebench.analysis.gate.GatePolicy;
import dev.scalebench.analysis.gate.GateResult;
import dev.scalebench.results.Fingerprint;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.results.TrialValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Gate results from synthetic runs with a known truth (as {@code analysis.gate.GateSimulation}): per-trial
 * latencies log-normal around a level; a candidate's effect multiplies every latency of a point (so throughput
 * changes by its inverse).
 */
final class GateFixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Map<String, String> FP = Map.of("cpu.model", "Sim CPU", "device", "sim", "backend", "sim",
            "engine.version", "2.7.1", "host.name", "bench-01");

    private GateFixtures() {
    }

    /** p99 +5 % and throughput −5 %; decode points at batch 1 to 8 block; 2000 resamples (fast enough). */
    static GatePolicy policy() {
        Map<TrialMetric, Double> m = new LinkedHashMap<>();
        m.put(TrialMetric.P99, 0.05);
        m.put(TrialMetric.THROUGHPUT, 0.05);
        return new GatePolicy("fixture", m, 0.05, 0.10,
                List.of(new GatePolicy.Selector(null, null, null, "decode", List.of(1, 2, 4, 8), List.of())), false,
                5, 2000, 1, Fingerprint.COMPARABLE_KEYS);
    }

    static PointEntry decode(int batch) {
        return new PointEntry("m/fp32/decode/b" + batch + "/s64", "sim", "cpu", "m", 1_000_000, "fp32", "decode",
                batch, 64);
    }

    static PointEntry prefill(int seq) {
        return new PointEntry("m/fp32/prefill/b1/s" + seq, "sim", "cpu", "m", 1_000_000, "fp32", "prefill", 1, seq);
    }

    /**
     * The golden result: a pass (b1), a blocking regression (b2, +15 %), a blocking point at the margin
     * (b4, inconclusive), a blocking point with too few trials (b8: 3 OK, 2 failed), a warning (b16, +25 %,
     * non-blocking), an improvement (b32, −20 %), a point only in the baseline and one only in the candidate, and
     * an engine version that differs (allowed).
     */
    static GateResult standard() {
        List<PointEntry> common = List.of(decode(1), decode(2), decode(4), decode(8), decode(16), decode(32));
        List<PointEntry> base = new ArrayList<>(common);
        base.add(prefill(256));
        List<PointEntry> cand = new ArrayList<>(common);
        cand.add(prefill(128));
        SplittableRandom rnd = new SplittableRandom(42);
        RunMetrics b = run("20260101-000000-sim", base, new double[] {1, 1, 1, 1, 1, 1, 1}, new int[7], 0.01, FP, rnd);
        Map<String, String> fp = new HashMap<>(FP);
        fp.put("engine.version", "2.8.0");
        int[] trials = {5, 5, 5, 3, 5, 5, 5};
        RunMetrics c = run("20260102-000000-sim", cand, new double[] {1, 1.15, 1.05, 1, 1.25, 0.8, 1}, trials, 0.01,
                fp, rnd);
        return new Gate(policy()).evaluate(b, c, "results/20260101-000000-sim", "results/20260102-000000-sim", true);
    }

    /**
     * {@code n} decode points (batch 1..n) with 5 trials each; every third regresses by 20 %, every seventh (of
     * the rest) is at the margin. Only batch 1, 2, 4 and 8 block unless {@code allBlocking}.
     */
    static GateResult large(int n, boolean allBlocking) {
        List<PointEntry> points = new ArrayList<>();
        double[] none = new double[n];
        double[] effect = new double[n];
        int[] trials = new int[n];
        for (int i = 0; i < n; i++) {
            points.add(decode(i + 1));
            none[i] = 1;
            effect[i] = i % 3 == 0 ? 1.2 : i % 7 == 0 ? 1.05 : 1;
        }
        SplittableRandom rnd = new SplittableRandom(7);
        RunMetrics b = run("base", points, none, trials, 0.01, FP, rnd);
        RunMetrics c = run("cand", points, effect, trials, 0.01, FP, rnd);
        GatePolicy p = policy().withResamples(500);
        if (allBlocking) {
            p = new GatePolicy(p.name(), p.margins(), p.alpha(), p.warningFdr(), List.of(), true, p.minTrials(),
                    p.resamples(), p.seed(), p.fingerprint());
        }
        return new Gate(p).evaluate(b, c, "results/base", "results/cand", false);
    }

    /**
     * A run with 5 trials per point unless {@code trials[i]} says otherwise (then the rest up to 5 failed);
     * {@code effect[i]} multiplies every latency of point {@code i}.
     */
    static RunMetrics run(String id, List<PointEntry> points, double[] effect, int[] trials, double sigma,
            Map<String, String> fp, SplittableRandom rnd) {
        List<TrialValues> values = new ArrayList<>();
        Map<String, Integer> failed = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            PointEntry p = points.get(i);
            double level = 1e6 * (1 + 0.3 * i) * effect[i];
            int n = trials[i] == 0 ? 5 : trials[i];
            if (n < 5) {
                failed.put(p.id(), 5 - n);
            }
            for (int r = 0; r < n; r++) {
                double p50 = level * noise(rnd, sigma);
                double p99 = 1.4 * level * noise(rnd, sigma);
                double mean = 1.02 * level * noise(rnd, sigma);
                values.add(new TrialValues(p.id(), r, p50, 1.2 * p50, p99, 1.2 * p99, mean, 1.5 * p99,
                        p.tokensPerStep(), 1000, List.of()));
            }
        }
        return new RunMetrics(id, "sim", RunManifest.Status.COMPLETE, T0, T0.plusSeconds(60), fp, "", points, values,
                failed);
    }

    private static double noise(SplittableRandom rnd, double sigma) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        double z = StrictMath.sqrt(-2 * StrictMath.log(1 - u)) * StrictMath.cos(2 * Math.PI * v);
        return StrictMath.exp(sigma * z);
    }
}
