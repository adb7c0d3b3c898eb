package dev.scalebench.results;

import dev.scalebench.measure.Flag;
import java.util.List;

/**
 * One point of a run, summarized: one row of {@code summary.csv} (schema 2; columns documented in
 * results/README.md). The point's p50, p99 and throughputs are {@link PointStatistic}s: the median over its OK
 * trials of each trial's value, with a 95 % bootstrap interval, the same figures as in {@code fits.json}, the
 * reports, {@code compare}, {@code gate}, {@code trend} and {@code metrics.prom}. The {@code pooled*} figures
 * describe the distribution of all the point's iterations pooled (HdrHistogram of every OK trial added
 * together); they are descriptive only, and differ from the point's p50 and p99 when trials differ. Values that
 * do not exist (no OK trial, TorchScript FLOPs, no device timing) are NaN.
 *
 * @param pointId the point id
 * @param backend backend name
 * @param device device as the spec names it
 * @param model model name
 * @param params parameter count, {@code -1} for TorchScript models
 * @param dtype {@code fp32|fp16|bf16}
 * @param phase {@code prefill|decode}
 * @param batch sequences per step
 * @param seq prefill length or decode context length
 * @param trialsOk OK trials
 * @param trialsFailed failed trials
 * @param iterations measured iterations over all OK trials
 * @param p50Ns the point's p50: median over trials of each trial's p50, ns
 * @param p99Ns the point's p99: median over trials of each trial's p99, ns
 * @param seqPerS the point's throughput in sequences per second: median over trials of batch / mean step time
 * @param tokensPerS the point's throughput in tokens per second: median over trials of tokens per step / mean
 *     step time
 * @param gflopPerS median over trials of FLOPs per step / mean step time, GFLOP/s (synthetic decoders only)
 * @param gbytePerS median over trials of minimum bytes per step / mean step time, GB/s (synthetic decoders only)
 * @param pooledP50Ns median of the pooled iterations, ns (descriptive)
 * @param pooledP90Ns pooled p90, ns
 * @param pooledP95Ns pooled p95, ns
 * @param pooledP99Ns pooled p99, ns
 * @param pooledP999Ns pooled p99.9, ns
 * @param maxNs the largest step latency of any OK trial, ns
 * @param pooledMeanNs mean of the pooled iterations, ns
 * @param pooledStdevNs standard deviation of the pooled iterations, ns
 * @param deviceMeanNs mean over trials of device time per iteration, ns (NaN without device timing)
 * @param deviceGapNs mean over trials of host minus device time per iteration, ns: what the host spends outside
 *     the device's work (launches, framework, synchronisation); NaN without device timing
 * @param gcTrials OK trials with at least one GC during the measured loop
 * @param flags union of the trials' quality flags, sorted by id
 * @param status {@code ok}, {@code partial} (some trials failed), {@code failed} (all failed) or
 *     {@code not-run} (no trial recorded, e.g. an interrupted run)
 * @param reason the distinct failure reasons ({@code kind: message}), or null
 */
public record PointSummary(
        String pointId, String backend, String device, String model, long params, String dtype, String phase,
        int batch, int seq, int trialsOk, int trialsFailed, long iterations,
        PointStatistic p50Ns, PointStatistic p99Ns, PointStatistic seqPerS, PointStatistic tokensPerS,
        PointStatistic gflopPerS, PointStatistic gbytePerS,
        double pooledP50Ns, double pooledP90Ns, double pooledP95Ns, double pooledP99Ns, double pooledP999Ns,
        double maxNs, double pooledMeanNs, double pooledStdevNs,
        double deviceMeanNs, double deviceGapNs, int gcTrials, List<Flag> flags, String status, String reason) {

    public PointSummary {
        flags = List.copyOf(flags);
    }
}
