package dev.scalebench.analysis.capacity;

import dev.scalebench.analysis.PointKey;
import dev.scalebench.analysis.Sample;
import dev.scalebench.analysis.fit.FitOptions;
import dev.scalebench.results.PointStatistic;
import dev.scalebench.results.TrialMetric;
import dev.scalebench.stats.Stats;
import dev.scalebench.stats.StudentT;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.hipparchus.special.Erf;

/**
 * The capacity answer of every generate series over batch (fixed model, dtype, seq, output) under each SLO set:
 * the largest batch whose point meets every objective, from the measured points only ({@link Crossing}: log–log
 * interpolation between the two measured batches that bracket the first crossing, never beyond the measured
 * batches), and the output tokens per second there.
 *
 * <p>A point's value of an objective's latency is its figure as every output defines it: the median over its
 * trials of each trial's value. The interval is the cluster bootstrap of the fits ({@code analysis.fit}): each
 * resample redraws the trials of every point with replacement, a trial's deviation from its point's mean log
 * value inflated by {@code sqrt(m/(m-1))} ({@code m} trials; a point of one trial draws from the pooled
 * deviations of the others), all of a trial's latencies and its throughput drawn together; the answer is found
 * again on the resampled medians, and its percentile interval taken at the expanded level of the fits
 * ({@code 2·Φ(t(df, (1 + confidence)/2)) − 1}, {@code df = Σ (m − 1)}). A resample that meets the objectives at
 * every measured batch counts as the largest measured, one that meets them at none as 0: an interval bound there
 * says "at least the largest measured" or "below the smallest measured", not a number beyond them.
 *
 * <p>Deterministic: the seed of {@link FitOptions}, the series and the SLO set's text seed the resamples.
 */
public final class CapacityFinder {

    /** Fewest measured batches a series needs for a capacity answer. */
    public static final int MIN_LEVELS = 2;

    private final FitOptions options;

    /** Resamples, seed and confidence from {@code options}. */
    public CapacityFinder(FitOptions options) {
        this.options = options;
    }

    /**
     * The answers of every series of the generate points among {@code points} (others are ignored), series in the
     * order of their first point, each series' SLO sets in the order given.
     *
     * @param points samples by point
     * @param slos the SLO sets; none gives no answer
     * @param warnings receives one sentence per kind of series left out (too few batches, a latency not measured)
     */
    public List<Capacity> find(Map<PointKey, List<Sample>> points, List<SloSet> slos, List<String> warnings) {
        if (slos.isEmpty()) {
            return List.of();
        }
        Map<String, TreeMap<Integer, List<Sample>>> series = new LinkedHashMap<>();
        Map<String, PointKey> first = new LinkedHashMap<>();
        for (Map.Entry<PointKey, List<Sample>> e : points.entrySet()) {
            PointKey k = e.getKey();
            if (k.output() <= 0) {
                continue;
            }
            String id = k.model() + "/" + k.dtype() + "/s" + k.seq() + "/o" + k.output();
            first.putIfAbsent(id, k);
            series.computeIfAbsent(id, x -> new TreeMap<>()).computeIfAbsent(k.batch(), x -> new ArrayList<>())
                    .addAll(e.getValue());
        }
        List<Capacity> out = new ArrayList<>();
        int tooFew = 0;
        for (Map.Entry<String, TreeMap<Integer, List<Sample>>> s : series.entrySet()) {
            if (s.getValue().size() < MIN_LEVELS) {
                tooFew++;
                continue;
            }
            for (SloSet set : slos) {
                Capacity c = answer(first.get(s.getKey()), s.getValue(), set, warnings);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        if (tooFew > 0) {
            warnings.add(String.format(Locale.ROOT, "%d generate series have fewer than %d batch levels: no "
                    + "capacity answer for them", tooFew, MIN_LEVELS));
        }
        return out;
    }

    /** One series under one SLO set; null (warned) when a point lacks one of its latencies. */
    private Capacity answer(PointKey k, TreeMap<Integer, List<Sample>> byBatch, SloSet set, List<String> warnings) {
        int objectives = set.slos().size();
        int levels = byBatch.size();
        double[] batches = new double[levels];
        // per level, per trial, ln of each objective's latency and (last) of the output tokens per second
        double[][][] logs = new double[levels][][];
        int l = 0;
        for (Map.Entry<Integer, List<Sample>> e : byBatch.entrySet()) {
            batches[l] = e.getKey();
            List<double[]> trials = new ArrayList<>();
            for (Sample s : e.getValue()) {
                double[] v = new double[objectives + 1];
                for (int q = 0; q < objectives; q++) {
                    v[q] = Math.log(s.value(set.slos().get(q).metric()));
                }
                v[objectives] = Math.log(PointStatistic.perSecond(s.point().tokensPerStep(), s.meanNs()));
                if (Arrays.stream(v).allMatch(Double::isFinite)) {
                    trials.add(v);
                }
            }
            if (trials.isEmpty()) {
                TrialMetric missing = set.slos().stream().map(Slo::metric)
                        .filter(m -> e.getValue().stream().noneMatch(s -> s.value(m) > 0)).findFirst().orElse(null);
                warnings.add(String.format(Locale.ROOT, "no capacity answer for %s under %s: batch %d has no "
                        + "trial with %s", Capacity.label(k.model(), k.dtype(), k.seq(), k.output()), set.text(),
                        e.getKey(), missing == null ? "every latency and a mean" : missing.id()));
                return null;
            }
            logs[l++] = trials.toArray(double[][]::new);
        }
        double[] limits = set.slos().stream().mapToDouble(Slo::limitNs).toArray();
        double[][] medians = medians(logs, objectives);
        Crossing est = Crossing.of(batches, Arrays.copyOf(medians, objectives), limits);
        double batch = est.batch(batches);
        double tokens = est.tokensPerS(batches, medians[objectives], batch);

        Bootstrap b = bootstrap(k, set, batches, logs, limits);
        int lo = est.status() == Capacity.Status.NONE_MET ? 0 : est.lower();
        int hi = est.status() == Capacity.Status.ALL_MET ? levels - 1 : Math.min(est.lower() + 1, levels - 1);
        Capacity draft = new Capacity(k.model(), k.dtype(), k.seq(), k.output(), set, est.status(),
                est.status() == Capacity.Status.NONE_MET ? Double.NaN : batch, b.batchLo, b.batchHi,
                est.binding() < 0 ? null : set.slos().get(est.binding()).metric(), batches[lo], batches[hi],
                batches[0], batches[levels - 1], tokens, b.tokensLo, b.tokensHi, b.resamples, "");
        double missedNs = est.status() == Capacity.Status.NONE_MET ? medians[est.binding()][0] : Double.NaN;
        return draft.withSentence(CapacityWords.sentence(draft, missedNs));
    }

    /** The point values, {@code [quantity][level]}: medians over trials of each trial's value. */
    private static double[][] medians(double[][][] logs, int objectives) {
        double[][] out = new double[objectives + 1][logs.length];
        for (int l = 0; l < logs.length; l++) {
            double[] v = new double[logs[l].length];
            for (int q = 0; q <= objectives; q++) {
                for (int j = 0; j < v.length; j++) {
                    v[j] = Math.exp(logs[l][j][q]);
                }
                out[q][l] = Stats.median(v);
            }
        }
        return out;
    }

    /** The interval bounds of the batch and of the tokens/s there; NaN without resamples. */
    private record Bootstrap(double batchLo, double batchHi, double tokensLo, double tokensHi, int resamples) {
    }

    private Bootstrap bootstrap(PointKey k, SloSet set, double[] batches, double[][][] logs, double[] limits) {
        int count = options.bootstrap();
        int df = Arrays.stream(logs).mapToInt(t -> Math.max(0, t.length - 1)).sum();
        if (count == 0 || df == 0) {
            return new Bootstrap(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Resample r = new Resample(logs, new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L
                + (k.model() + "/" + k.dtype() + "/s" + k.seq() + "/o" + k.output() + "|" + set.text()).hashCode()));
        int objectives = limits.length;
        double[] batch = new double[count];
        double[] tokens = new double[count];
        int withTokens = 0;
        for (int i = 0; i < count; i++) {
            double[][] med = r.next(objectives);
            Crossing c = Crossing.of(batches, Arrays.copyOf(med, objectives), limits);
            batch[i] = c.batch(batches);
            if (c.status() != Capacity.Status.NONE_MET) {
                tokens[withTokens++] = c.tokensPerS(batches, med[objectives], batch[i]);
            }
        }
        double level = Erf.erf(StudentT.critical(df, options.confidence()) / Math.sqrt(2));
        Arrays.sort(batch);
        double[] t = Arrays.copyOf(tokens, withTokens);
        Arrays.sort(t);
        return new Bootstrap(Math.floor(Stats.quantileSorted(batch, (1 - level) / 2)),
                Math.floor(Stats.quantileSorted(batch, (1 + level) / 2)),
                withTokens == 0 ? Double.NaN : Stats.quantileSorted(t, (1 - level) / 2),
                withTokens == 0 ? Double.NaN : Stats.quantileSorted(t, (1 + level) / 2), count);
    }
}
