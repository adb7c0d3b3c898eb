package dev.scalebench.analysis.compare;

import dev.scalebench.results.TrialMetric;
import dev.scalebench.analysis.PointWork;
import dev.scalebench.analysis.fit.Axis;
import dev.scalebench.analysis.fit.Estimate;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.analysis.fit.FormFit;
import dev.scalebench.analysis.fit.SeriesFit;
import dev.scalebench.analysis.fit.SeriesKey;
import dev.scalebench.analysis.pipeline.Analysis;
import dev.scalebench.analysis.roofline.HardwareProfile;
import dev.scalebench.results.GenerationValues;
import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hand-made runs for comparisons: points with chosen per-trial latencies, no files. */
public final class CompareFixtures {

    /** Start of every fixture run. */
    public static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    /** Per-trial factors on a point's latency: five trials with a few per cent of spread. */
    public static final double[] JITTER = {0.98, 1.0, 1.03, 0.99, 1.015};

    private CompareFixtures() {
    }

    /** A point of a synthetic decoder named {@code model} with {@code params} parameters. */
    public static PointEntry point(String model, long params, String dtype, String phase, int batch, int seq) {
        return new PointEntry(model + "/" + dtype + "/" + phase + "/b" + batch + "/s" + seq, "sim", "auto", model,
                params, dtype, phase, batch, seq);
    }

    /** A generate point of {@code gpt-1m}: batch {@code batch}, prompt 128, {@code output} tokens per request. */
    public static PointEntry generate(int batch, int output) {
        return new PointEntry("gpt-1m/fp32/generate/b" + batch + "/s128/o" + output, "sim", "auto", "gpt-1m",
                1_000_000, "fp32", "generate", batch, 128, null, output);
    }

    /** A decode point of {@code gpt-1m} (1M parameters). */
    public static PointEntry decode(String dtype, int batch) {
        return point("gpt-1m", 1_000_000, dtype, "decode", batch, 128);
    }

    /** A profile with one compute ceiling for fp32, fp16 and bf16 alike, a bandwidth, and a price (NaN for none). */
    public static HardwareProfile profile(String id, String match, double price, double bandwidth, double peak) {
        return new HardwareProfile(id, "Test " + id, "gpu", List.of(match), 100, 80_000_000_000L, bandwidth,
                Map.of("fp32", peak, "fp16", peak, "bf16", peak), 0, price, false, Map.of());
    }

    /**
     * A {@code fits.json} as read back: one series over batch at {@code seq} per entry of {@code series} (model,
     * dtype), its selected form {@code linear} with T_max = {@code tmax} [0.9·tmax, 1.1·tmax] and b90.
     */
    public static Analysis fits(TrialMetric metric, double tmax, int seq, String[]... series) {
        List<SeriesFit> fits = new ArrayList<>();
        for (String[] s : series) {
            List<Estimate> params = List.of(new Estimate("a", "s", 1e-3, 0.9e-3, 1.1e-3, false),
                    new Estimate("c", "s/seq", 1 / tmax, 0.9 / tmax, 1.1 / tmax, false));
            List<Estimate> derived = List.of(new Estimate("T_max", "seq/s", tmax, 0.9 * tmax, 1.1 * tmax, false),
                    new Estimate("b90", "batch", 9e-3 * tmax, 8e-3 * tmax, 1e-2 * tmax, false));
            FormFit f = new FormFit("linear", "t(b) = a + c·b", params, derived, -10, 0.9, 0.02, true, "settled",
                    new double[0], List.of(), null, 0, List.of());
            fits.add(new SeriesFit(new SeriesKey(Axis.BATCH, s[0], s[1], "decode", 0, seq), new double[0],
                    new double[0], List.of(f), "linear", "fitted", List.of()));
        }
        return new Analysis(Analysis.SCHEMA, "fixture", "Test GPU", metric, FitOptions.DEFAULTS, List.of(), fits,
                null, List.of(), List.of());
    }

    /** A run being built. */
    public static final class Run {
        private final String id;
        private final Map<String, String> fingerprint = new TreeMap<>(Map.of("backend", "sim", "os.name", "Linux"));
        private final List<PointEntry> points = new ArrayList<>();
        private final List<TrialValues> trials = new ArrayList<>();
        private final Map<String, Integer> failed = new TreeMap<>();
        private final Map<String, PointWork> work = new HashMap<>();
        private final List<String> repairs = new ArrayList<>();
        private RunManifest.Status status = RunManifest.Status.COMPLETE;
        private String spec = "spec";

        public Run(String id) {
            this.id = id;
        }

        /** Sets a fingerprint fact. */
        public Run fact(String key, String value) {
            fingerprint.put(key, value);
            return this;
        }

        public Run status(RunManifest.Status s) {
            this.status = s;
            return this;
        }

        public Run spec(String s) {
            this.spec = s;
            return this;
        }

        /**
         * The point with one OK trial per factor in {@code jitter}: mean step latency {@code meanNs·factor}, p50
         * 0.97 and p99 1.4 times that.
         */
        public Run point(PointEntry p, double meanNs, double... jitter) {
            points.add(p);
            int r = 0;
            for (double j : jitter) {
                double m = meanNs * j;
                trials.add(new TrialValues(p.id(), r++, 0.97 * m, 1.2 * m, 1.4 * m, 1.6 * m, m, 2 * m,
                        p.tokensPerStep(), 1000, List.of()));
            }
            return this;
        }

        /**
         * The generate point with one OK trial per factor in {@link #JITTER}: time to first token {@code ttftNs},
         * time per output token {@code tpotNs}, so a request's end-to-end latency is {@code ttft + (output − 1)·tpot}
         * (its mean; p50 0.97 and p99 1.4 times that), every figure times the trial's factor.
         */
        public Run generate(PointEntry p, double ttftNs, double tpotNs) {
            points.add(p);
            int r = 0;
            for (double j : JITTER) {
                double e2e = (ttftNs + (p.output() - 1) * tpotNs) * j;
                GenerationValues g = new GenerationValues(p.output(), ttftNs * j, 1.3 * ttftNs * j, tpotNs * j,
                        1.2 * tpotNs * j, tpotNs * j, 1.5 * tpotNs * j);
                trials.add(new TrialValues(p.id(), r++, 0.97 * e2e, 1.2 * e2e, 1.4 * e2e, 1.6 * e2e, e2e, 2 * e2e,
                        (long) p.batch() * p.output(), 200, List.of(), Double.NaN, g));
            }
            return this;
        }

        /**
         * The point with {@link #JITTER} and an energy reading per trial: {@code joules} (times the trial's factor)
         * over its 1000 steps, at 300 W.
         */
        public Run energyPoint(PointEntry p, double meanNs, double joules) {
            points.add(p);
            int r = 0;
            for (double j : JITTER) {
                double m = meanNs * j;
                trials.add(new TrialValues(p.id(), r++, 0.97 * m, 1.2 * m, 1.4 * m, 1.6 * m, m, 2 * m,
                        p.tokensPerStep(), 1000, List.of(), Double.NaN, null, new dev.scalebench.results.EnergyValues(
                                dev.scalebench.measure.EnergySource.NVML, joules * j, 300, 1000, p.tokensPerStep())));
            }
            return this;
        }

        /** The point with {@link #JITTER}. */
        public Run point(PointEntry p, double meanNs) {
            return point(p, meanNs, JITTER);
        }

        /** The point planned with {@code n} failed trials (and whatever OK trials {@link #point} adds). */
        public Run failed(PointEntry p, int n) {
            if (!points.contains(p)) {
                points.add(p);
            }
            failed.merge(p.id(), n, Integer::sum);
            return this;
        }

        /** The point planned, without any trial (e.g. its trials were dropped while reading). */
        public Run planned(PointEntry p) {
            points.add(p);
            return this;
        }

        /** A repair reading the run made in memory. */
        public Run repair(String sentence) {
            repairs.add(sentence);
            return this;
        }

        /** FLOPs and bytes per step of a point. */
        public Run work(PointEntry p, double flops, double bytes) {
            work.put(p.id(), new PointWork(flops, bytes));
            return this;
        }

        public RunMetrics metrics() {
            return new RunMetrics(id, "unit", status, T0, T0.plusSeconds(60), fingerprint, spec, points, trials,
                    failed);
        }

        /** The run as a comparison reads it, labelled {@code label}, without hardware or fits. */
        public CompareRun as(String label) {
            return new CompareRun(label, metrics(), "Test GPU", new LinkedHashMap<>(work), null, false, null, null,
                    repairs);
        }
    }
}
