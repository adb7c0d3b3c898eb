package dev.scalebench.plan;

import java.util.Objects;

/**
 * The one name of a trial: {@code <point id>#r<replicate>}, e.g. {@code gpt-1m/fp32/prefill/b4/s64#r0}. Unique
 * within a run; the journal, the histogram log's tags and {@code run.json}'s trial order carry it.
 *
 * @param point the point
 * @param replicate 0-based replicate, which is also the block number
 */
public record TrialId(PointId point, int replicate) {

    /** What separates the point id from the replicate. */
    public static final String SEPARATOR = "#r";

    public TrialId {
        Objects.requireNonNull(point, "point");
        if (replicate < 0) {
            throw new IllegalArgumentException("trial of " + point + ": replicate " + replicate + " must be >= 0");
        }
    }

    @Override
    public String toString() {
        return point + SEPARATOR + replicate;
    }

    /**
     * Reads an id written by {@link #toString()}.
     *
     * @throws IllegalArgumentException naming the text and the expected form when it is not a trial id
     */
    public static TrialId parse(String text) {
        int cut = text == null ? -1 : text.lastIndexOf(SEPARATOR);
        String replicate = cut < 0 ? "" : text.substring(cut + SEPARATOR.length());
        if (cut < 0 || !replicate.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a trial id (expected <point id>#r<replicate>,"
                    + " such as gpt-1m/fp32/prefill/b4/s64#r0)");
        }
        return new TrialId(PointId.parse(text.substring(0, cut)), Integer.parseInt(replicate));
    }

    /** The point id text of a trial id's text; the text before {@code #r}. */
    public static String pointOf(String trialId) {
        return parse(trialId).point().toString();
    }
}
