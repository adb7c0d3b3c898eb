package dev.scalebench.results;

import dev.scalebench.stats.Interval;
import java.util.List;

/**
 * One point of a run, summarized: one row of {@code summary.csv} (columns documented in results/README.md).
 * Descriptive latency figures come from the pooled histogram of the point's OK trials; means and confidence
 * intervals treat the trial as the unit (geometric mean with a log-scale Student-t 95 % interval, undefined
 * with fewer than two OK trials). Values that
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
 * @param p50Ns pooled median step latency, ns
 * @param p90Ns pooled p90, ns
 * @param p95Ns pooled p95, ns
 * @param p99Ns pooled p99, ns
 * @param p999Ns pooled p99.9, ns
 * @param maxNs pooled maximum, ns
 * @param meanNs pooled mean, ns
 * @param stdevNs pooled standard deviation (of iterations), ns
 * @param p50TrialGmeanNs mean over trials of each trial's p50, ns
 * @param p50Ci its 95 % CI, ns
 * @param p99TrialGmeanNs mean over trials of each trial's p99, ns
 * @param p99Ci its 95 % CI, ns
 * @param seqPerS mean over trials of batch / mean step time, sequences per second
 * @param seqPerSCi its 95 % CI
 * @param tokensPerS mean over trials of tokens per step / mean step time, tokens per second
 * @param tokensPerSCi its 95 % CI
 * @param gflopPerS mean over trials of FLOPs per step / mean step time, GFLOP/s (synthetic decoders only)
 * @param gflopPerSCi its 95 % CI
 * @param gbytePerS mean over trials of minimum bytes per step / mean step time, GB/s (synthetic decoders only)
 * @param gbytePerSCi its 95 % CI
 * @param deviceMeanNs mean over trials of device time per iteration, ns (NaN without device timing)
 * @param deviceGapNs mean over trials of host minus device time per iteration, ns: what the host spends outside
 *     the device's work (launches, framework, synchronisation); NaN without device timing
 * @param gcTrials OK trials with at least one GC during the measured loop
 * @param flags union of the trials' quality flags, sorted
 * @param status {@code ok}, {@code partial} (some trials failed), {@code failed} (all failed) or
 *     {@code not-run} (no trial recorded, e.g. an interrupted run)
 * @param reason the distinct failure reasons ({@code kind: message}), or null
 */
public record PointSummary(
        String pointId, String backend, String device, String model, long params, String dtype, String phase,
        int batch, int seq, int trialsOk, int trialsFailed, long iterations,
        double p50Ns, double p90Ns, double p95Ns, double p99Ns, double p999Ns, double maxNs, double meanNs,
        double stdevNs,
        double p50TrialGmeanNs, Interval p50Ci, double p99TrialGmeanNs, Interval p99Ci,
        double seqPerS, Interval seqPerSCi, double tokensPerS, Interval tokensPerSCi,
        double gflopPerS, Interval gflopPerSCi, double gbytePerS, Interval gbytePerSCi,
        double deviceMeanNs, double deviceGapNs, int gcTrials, List<String> flags, String status, String reason) {

    public PointSummary {
        flags = List.copyOf(flags);
    }
}
