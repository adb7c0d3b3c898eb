package dev.scalebench.analysis.fit;

/**
 * Out-of-sample check: the form refitted without the largest {@code leftOut} levels, predicting them.
 *
 * @param leftOut how many of the largest levels were left out
 * @param x the left-out levels
 * @param predicted the refit's latency at each, seconds
 * @param observed the geometric mean of the observations at each, seconds
 * @param maxAbsRelError {@code max |predicted / observed - 1|}
 */
public record Validation(int leftOut, double[] x, double[] predicted, double[] observed, double maxAbsRelError) {

    public Validation {
        x = x.clone();
        predicted = predicted.clone();
        observed = observed.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] predicted() {
        return predicted.clone();
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }
}
