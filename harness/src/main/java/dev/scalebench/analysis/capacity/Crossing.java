package dev.scalebench.analysis.capacity;

/**
 * Where a series' points first miss one of their objectives, between measured batches: the method of the capacity
 * answer, applied alike to the measured points and to each bootstrap resample.
 *
 * <p>Levels ascend; {@code values[q][l]} is the point's value of objective {@code q} at level {@code l}. For each
 * objective, the first level whose value exceeds its limit is found; the objective holds at every level below it.
 * Between that level {@code b₁} and the one below, {@code b₀}, the crossing is interpolated linearly in
 * {@code (ln batch, ln latency)}: {@code ln b* = ln b₀ + (ln L − ln v₀)/(ln v₁ − ln v₀)·(ln b₁ − ln b₀)} — a
 * power law through the two bracketing points, exact for latency ∝ batch^k. The answer is the smallest crossing
 * over the objectives; an objective missed at the smallest level gives {@link Capacity.Status#NONE_MET}, all held
 * at every level {@link Capacity.Status#ALL_MET}: never a value beyond the measured levels.
 *
 * @param status where the answer lies
 * @param exact the interpolated crossing ({@link Capacity.Status#WITHIN}), the largest level
 *     ({@link Capacity.Status#ALL_MET}) or NaN
 * @param binding index of the objective crossed first, or missed at the smallest level; -1 when all hold
 * @param lower index of the level below the crossing (0 for NONE_MET, the last for ALL_MET)
 */
record Crossing(Capacity.Status status, double exact, int binding, int lower) {

    static Crossing of(double[] levels, double[][] values, double[] limits) {
        int n = levels.length;
        for (int q = 0; q < limits.length; q++) {
            if (values[q][0] > limits[q]) {
                return new Crossing(Capacity.Status.NONE_MET, Double.NaN, q, 0);
            }
        }
        double best = Double.POSITIVE_INFINITY;
        int binding = -1;
        int lower = n - 1;
        for (int q = 0; q < limits.length; q++) {
            int i = 1;
            while (i < n && values[q][i] <= limits[q]) {
                i++;
            }
            if (i == n) {
                continue;
            }
            double v0 = Math.log(values[q][i - 1]);
            double v1 = Math.log(values[q][i]);
            double t = (Math.log(limits[q]) - v0) / (v1 - v0);
            double b = Math.exp(Math.log(levels[i - 1]) + t * (Math.log(levels[i]) - Math.log(levels[i - 1])));
            if (b < best) {
                best = b;
                binding = q;
                lower = i - 1;
            }
        }
        if (binding < 0) {
            return new Crossing(Capacity.Status.ALL_MET, levels[n - 1], -1, n - 1);
        }
        return new Crossing(Capacity.Status.WITHIN, best, binding, lower);
    }

    /**
     * The answer as a whole batch: the crossing rounded down (never below the level beneath it), the largest level
     * when all hold, 0 when none does.
     */
    double batch(double[] levels) {
        return switch (status) {
            case WITHIN -> Math.max(levels[lower], Math.floor(exact * (1 + 1e-12)));
            case ALL_MET -> levels[levels.length - 1];
            case NONE_MET -> 0;
        };
    }

    /**
     * Output tokens per second at {@code batch} ({@link #batch}): interpolated between the two levels that bracket
     * the crossing like the crossing itself (linear in ln batch and ln tokens/s); the largest level's for
     * ALL_MET; NaN for NONE_MET.
     */
    double tokensPerS(double[] levels, double[] tokens, double batch) {
        return switch (status) {
            case WITHIN -> {
                double b0 = Math.log(levels[lower]);
                double b1 = Math.log(levels[lower + 1]);
                double t = (Math.log(batch) - b0) / (b1 - b0);
                yield Math.exp(Math.log(tokens[lower]) + t * (Math.log(tokens[lower + 1]) - Math.log(tokens[lower])));
            }
            case ALL_MET -> tokens[levels.length - 1];
            case NONE_MET -> Double.NaN;
        };
    }
}
