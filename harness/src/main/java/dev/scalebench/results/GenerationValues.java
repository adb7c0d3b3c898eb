package dev.scalebench.results;

import org.HdrHistogram.Histogram;

/**
 * The generation figures of one OK trial of a {@code generate} point, reduced once from its per-request histograms
 * (results/README.md, "histograms.hlog"). The trial's own histogram is the end-to-end latency per request, so its
 * {@link TrialValues#p50Ns()} is the request's median end-to-end latency and its throughput the output tokens per
 * second of all sequences; these add the split by token.
 *
 * <ul>
 *   <li><b>TTFT</b>, time to first token: from the request's start to the end of its prefill, which produces the
 *       first token of every sequence (one value per request).
 *   <li><b>ITL</b>, inter-token latency: every decode step of every request ({@code output − 1} values per request).
 *   <li><b>TPOT</b>, time per output token: a request's mean inter-token latency, {@code (e2e − ttft) / (output − 1)}
 *       (one value per request). Its median is what the stopping rule can target.
 * </ul>
 * A request of one output token has no inter-token step: its ITL and TPOT figures are NaN.
 *
 * @param outputTokens output tokens per sequence in one request
 * @param ttftP50Ns median time to first token
 * @param ttftP99Ns 99th percentile of the time to first token
 * @param tpotP50Ns median time per output token
 * @param tpotP99Ns 99th percentile of the time per output token
 * @param itlP50Ns median inter-token latency
 * @param itlP99Ns 99th percentile of the inter-token latency
 */
public record GenerationValues(int outputTokens, double ttftP50Ns, double ttftP99Ns, double tpotP50Ns,
        double tpotP99Ns, double itlP50Ns, double itlP99Ns) {

    public GenerationValues {
        if (outputTokens < 1) {
            throw new IllegalArgumentException("output tokens " + outputTokens + " must be >= 1");
        }
    }

    /**
     * The figures of histograms recorded per request ({@code ttft}, {@code tpot}) and per token ({@code itl}), ns;
     * an empty histogram gives NaN.
     */
    public static GenerationValues of(int outputTokens, Histogram ttft, Histogram tpot, Histogram itl) {
        return new GenerationValues(outputTokens, pct(ttft, 50), pct(ttft, 99), pct(tpot, 50), pct(tpot, 99),
                pct(itl, 50), pct(itl, 99));
    }

    /**
     * The value of a generation metric ({@link TrialMetric#GENERATION}) of the trial these figures belong to, given its
     * end-to-end latencies per request (the trial's own p50, p99 and mean, ns); NaN for any other metric.
     */
    public double value(TrialMetric metric, double e2eP50Ns, double e2eP99Ns, double e2eMeanNs) {
        return switch (metric) {
            case TTFT_P50 -> ttftP50Ns;
            case TTFT_P99 -> ttftP99Ns;
            case TPOT_P50 -> tpotP50Ns;
            case TPOT_P99 -> tpotP99Ns;
            case ITL_P50 -> itlP50Ns;
            case ITL_P99 -> itlP99Ns;
            case E2E_P50 -> e2eP50Ns;
            case E2E_P99 -> e2eP99Ns;
            case TOKENS_PER_S_PER_USER -> PointStatistic.perSecond(outputTokens, e2eMeanNs);
            default -> Double.NaN;
        };
    }

    private static double pct(Histogram h, double p) {
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p);
    }
}
