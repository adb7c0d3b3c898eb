package dev.scalebench.kernels.ops;

/**
 * The cosines and sines that {@link Kernels#rope} reads: for positions {@code 0 .. positions − 1}, row {@code p} of
 * {@code headDim} floats holds {@code cos(p·θᵢ)} for {@code i < headDim/2}, then {@code sin(p·θᵢ)}, with the inverse
 * frequencies {@code θᵢ = theta^(−2i/headDim)}. Angles and their cosines and sines are computed in double and rounded
 * to fp32 once: the values of the DJL synthetic decoder's tables ({@code SyntheticDecoder.ropeTables}, which repeats
 * each half where this keeps it once), before that decoder casts them to the model's dtype.
 */
public final class RopeTable {
    private RopeTable() {
    }

    /**
     * The table for {@code positions} positions.
     *
     * @param theta the base of the rotary embeddings ({@code rope-theta} of the preset), {@code > 0}
     * @param headDim the head dimension, even
     * @param positions how many positions, {@code >= 1}
     * @return {@code positions·headDim} floats, row-major
     * @throws IllegalArgumentException naming the value and the rule when an argument is out of range
     */
    public static float[] of(double theta, int headDim, int positions) {
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("rope theta = " + theta + " must be finite and > 0");
        }
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("headDim = " + headDim + " must be positive and even");
        }
        if (positions <= 0 || (long) positions * headDim > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("positions = " + positions + " must be in [1, " + Integer.MAX_VALUE
                    / headDim + "] for headDim " + headDim);
        }
        int half = headDim / 2;
        double[] inverse = new double[half];
        for (int i = 0; i < half; i++) {
            inverse[i] = Math.pow(theta, -2.0 * i / headDim);
        }
        float[] out = new float[positions * headDim];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * inverse[i];
                out[p * headDim + i] = (float) Math.cos(angle);
                out[p * headDim + half + i] = (float) Math.sin(angle);
            }
        }
        return out;
    }
}
