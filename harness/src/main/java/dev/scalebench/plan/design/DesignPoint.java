package dev.scalebench.plan.design;

/**
 * What the design needs of a point: the series it belongs to along each axis, its levels there and its estimated
 * step time.
 *
 * @param batchSeries id of its series along batch (the point's other factors), as the analysis names it
 * @param seqSeries id of its series along seq
 * @param batch its batch
 * @param seq its seq
 * @param stepSeconds its estimated step time, seconds, positive
 */
public record DesignPoint(String batchSeries, String seqSeries, int batch, int seq, double stepSeconds) { }
