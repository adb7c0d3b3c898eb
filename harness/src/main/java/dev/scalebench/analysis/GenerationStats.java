package dev.scalebench.analysis;

import dev.scalebench.results.PointStatistic;

/**
 * A generate point's figures by token, as every output defines a point's figure ({@link PointStatistic}: the
 * median over trials of each trial's value, with its 95 % bootstrap interval over trials), ns. The point's own
 * p50 and p99 ({@link PointStats}) are its requests' end-to-end latencies; its output tokens per second per user
 * is its {@link PointStats#tokensPerS()} over its batch.
 *
 * @param ttftP50 median over trials of each trial's median time to first token
 * @param ttftP99 median over trials of each trial's 99th-percentile time to first token
 * @param tpotP50 median over trials of each trial's median time per output token
 * @param tpotP99 median over trials of each trial's 99th-percentile time per output token
 */
public record GenerationStats(PointStatistic ttftP50, PointStatistic ttftP99, PointStatistic tpotP50,
        PointStatistic tpotP99) {

    public GenerationStats {
        ttftP50 = ttftP50 == null ? PointStatistic.NONE : ttftP50;
        ttftP99 = ttftP99 == null ? PointStatistic.NONE : ttftP99;
        tpotP50 = tpotP50 == null ? PointStatistic.NONE : tpotP50;
        tpotP99 = tpotP99 == null ? PointStatistic.NONE : tpotP99;
    }
}
