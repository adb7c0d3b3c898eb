package dev.scalebench.analysis.fit;

/**
 * The fitted latency curve on a grid, with its pointwise bootstrap percentile band. The grid spans the measured
 * range (log-spaced); throughput curves follow as {@code level / latency} (the band maps monotonically).
 *
 * @param x grid levels
 * @param fit fitted latency at each level, seconds
 * @param lo lower band, seconds (NaN without bootstrap)
 * @param hi upper band, seconds (NaN without bootstrap)
 */
public record Band(double[] x, double[] fit, double[] lo, double[] hi) {

    public Band {
        x = x.clone();
        fit = fit.clone();
        lo = lo.clone();
        hi = hi.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] fit() {
        return fit.clone();
    }

    @Override
    public double[] lo() {
        return lo.clone();
    }

    @Override
    public double[] hi() {
        return hi.clone();
    }
}
