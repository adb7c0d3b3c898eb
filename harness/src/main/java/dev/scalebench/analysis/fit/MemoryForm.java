package dev.scalebench.analysis.fit;

/** A candidate law of peak memory against batch or seq ({@link MemoryFit}). */
public enum MemoryForm {
    /** {@code m = a + b·x}. */
    LINEAR("linear", "m = a + b·x", 1),
    /** {@code m = a + b·x + c·x²}. */
    QUADRATIC("quadratic", "m = a + b·x + c·x²", 2);

    private final String id;
    private final String formula;
    private final int degree;

    MemoryForm(String id, String formula, int degree) {
        this.id = id;
        this.formula = formula;
        this.degree = degree;
    }

    /** {@code linear} or {@code quadratic}, as fits.json writes it. */
    public String id() {
        return id;
    }

    /** The formula, {@code m = a + b·x}. */
    public String formula() {
        return formula;
    }

    /** The polynomial's degree. */
    int degree() {
        return degree;
    }

    /** The parameters fitted: degree + 1. */
    int params() {
        return degree + 1;
    }
}
