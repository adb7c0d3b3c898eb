package dev.scalebench.analysis.fit;

/**
 * The observations of one series: one per trial. Observations with the same {@code x} belong to the same point;
 * the point is the cluster the bootstrap resamples trials within.
 *
 * @param key which series
 * @param x level of the swept factor per observation (batch, seq or parameter count)
 * @param y the trial's step latency (the analysed metric), seconds
 */
public record Series(SeriesKey key, double[] x, double[] y) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** Number of observations. */
    public int size() {
        return x.length;
    }
}
