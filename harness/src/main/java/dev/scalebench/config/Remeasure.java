package dev.scalebench.config;

/**
 * What a sweep does with trials flagged {@code interfered} (other work kept their threads from a CPU): the sweep
 * file's {@code remeasure:} (docs/measurement.md, "Interference"). At the end of the sweep each such trial is run
 * again, up to {@link #times()} times while it stays interfered; every record is kept in the journal, and the
 * analysis, the summary and the gate use the last clean one (the last one when none is clean).
 *
 * <p>In the file: {@code remeasure: once} (the default), {@code never}, or a count ({@code remeasure: 3}).
 *
 * @param times the most re-measurements of one trial, 0 to {@link Limits#REMEASURE_MAX}
 */
public record Remeasure(int times) {

    /** Never re-measure: interfered trials stay flagged. */
    public static final Remeasure NEVER = new Remeasure(0);

    /** Re-measure an interfered trial once (the default). */
    public static final Remeasure ONCE = new Remeasure(1);

    public Remeasure {
        if (times < 0 || times > Limits.REMEASURE_MAX) {
            throw new IllegalArgumentException("remeasure " + times + " is outside 0.." + Limits.REMEASURE_MAX);
        }
    }

    /**
     * Reads {@code never}, {@code once} or a count.
     *
     * @throws IllegalArgumentException naming the text and the allowed forms
     */
    public static Remeasure parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("never")) {
            return NEVER;
        }
        if (t.equalsIgnoreCase("once")) {
            return ONCE;
        }
        if (t.matches("\\d{1,4}")) {
            return new Remeasure(Integer.parseInt(t));
        }
        throw new IllegalArgumentException("remeasure '" + text + "': expected never, once or a count 0.."
                + Limits.REMEASURE_MAX);
    }

    /** {@code never}, {@code once} or the count, as the file spells it. */
    public String id() {
        return times == 0 ? "never" : times == 1 ? "once" : Integer.toString(times);
    }
}
