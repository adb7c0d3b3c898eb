package dev.scalebench.analysis.trend;

import dev.scalebench.results.RunManifest;
import dev.scalebench.results.RunManifest.PointEntry;
import dev.scalebench.results.RunMetrics;
import dev.scalebench.results.TrialValues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Synthetic run histories: RunMetrics built in memory, one run a day. */
public final class TrendFixtures {
    public static final Instant T0 = Instant.parse("2026-01-01T02:00:00Z");
    public static final Map<String, String> MACHINE_A = Map.of("cpu.model", "AMD EPYC 9654", "cpu.cores", "16",
            "os.name", "Linux", "os.arch", "amd64", "git.commit", "aaaa", "host.name", "a");
    public static final Map<String, String> MACHINE_B = Map.of("cpu.model", "Intel Xeon 8480", "cpu.cores", "16",
            "os.name", "Linux", "os.arch", "amd64", "git.commit", "bbbb", "host.name", "b");

    private TrendFixtures() {
    }

    /** A point entry: tiny decoder, prefill, batch {@code b}, seq 32. */
    public static PointEntry point(int b) {
        return new PointEntry("gpt-1m/fp32/prefill/b" + b + "/s32", "djl", "cpu", "gpt-1m", 1_000_000, "fp32",
                "prefill", b, 32);
    }

    /**
     * A run on day {@code day} whose trials have step latencies (ns) {@code trials.get(point)} (p50 = the value,
     * p99 = 1.5 ×, mean = the value).
     */
    public static RunMetrics run(String sweep, int day, Map<String, String> fingerprint,
            Map<PointEntry, double[]> trials) {
        Instant started = T0.plus(Duration.ofDays(day));
        String id = String.format("2026%04d-020000-%s", day, sweep);
        List<TrialValues> values = new ArrayList<>();
        for (Map.Entry<PointEntry, double[]> e : trials.entrySet()) {
            double[] v = e.getValue();
            for (int r = 0; r < v.length; r++) {
                values.add(new TrialValues(e.getKey().id(), r, v[r], v[r] * 1.2, v[r] * 1.5, v[r] * 2, v[r],
                        v[r] * 3, e.getKey().tokensPerStep(), 1000, List.of()));
            }
        }
        return new RunMetrics(id, sweep, RunManifest.Status.COMPLETE, started, started.plusSeconds(600), fingerprint,
                "hash", List.copyOf(trials.keySet()), values, Map.of());
    }

    /** {@code n} values around {@code base} with relative Gaussian noise, times {@code 1 + step} from {@code at}. */
    public static double[] series(long seed, int n, double base, double noise, int at, double step) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = base * (i >= at ? 1 + step : 1) * (1 + noise * r.nextGaussian());
        }
        return x;
    }

    /**
     * A history of {@code n} daily runs on {@code machine}: point {@code k} of {@code series} has one trial per run
     * with the k-th series' value.
     */
    public static List<RunMetrics> history(String sweep, Map<String, String> machine, int firstDay,
            List<double[]> series) {
        int n = series.get(0).length;
        List<RunMetrics> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<PointEntry, double[]> trials = new LinkedHashMap<>();
            for (int k = 0; k < series.size(); k++) {
                trials.put(point(k + 1), new double[] {series.get(k)[i]});
            }
            runs.add(run(sweep, firstDay + i, machine, trials));
        }
        return runs;
    }
}
