package dev.scalebench.plan;

import java.util.Objects;

/**
 * The one name of a trial: {@code <point id>#r<replicate>}, e.g. {@code gpt-1m/fp32/prefill/b4/s64#r0}. Unique
 * within a run; the journal, the histogram log's tags and {@code run.json}'s trial order carry it.
 *
 * <p>A trial measured again because the first measurement was interfered with (the sweep file's
 * {@code remeasure:}) is journaled under the record id {@code <trial id>@m<k>}, k = 1, 2, ...: every record keeps
 * its own name, so the journal and the histogram log hold each once, and {@link #parse} reads the trial it
 * re-measures ({@link #remeasureOf}, {@link #baseOf}).
 *
 * @param point the point
 * @param replicate 0-based replicate, which is also the block number
 */
public record TrialId(PointId point, int replicate) {

    /** What separates the point id from the replicate. */
    public static final String SEPARATOR = "#r";

    /** What separates a trial id from the number of a re-measurement of it. */
    public static final String REMEASURE = "@m";

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
        text = text == null ? null : baseOf(text);
        int cut = text == null ? -1 : text.lastIndexOf(SEPARATOR);
        String replicate = cut < 0 ? "" : text.substring(cut + SEPARATOR.length());
        if (cut < 0 || !replicate.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + text + "' is not a trial id (expected <point id>#r<replicate>,"
                    + " such as gpt-1m/fp32/prefill/b4/s64#r0)");
        }
        return new TrialId(PointId.parse(text.substring(0, cut)), Integer.parseInt(replicate));
    }

    /** The record id of re-measurement {@code k} (≥ 1) of the trial {@code trialId}; the trial id itself for 0. */
    public static String remeasured(String trialId, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("re-measurement " + k + " of " + trialId + " must be >= 0");
        }
        return k == 0 ? trialId : trialId + REMEASURE + k;
    }

    /** Which re-measurement a record id names: 0 for the trial's first measurement. */
    public static int remeasureOf(String recordId) {
        int cut = recordId.lastIndexOf(REMEASURE);
        if (cut < 0 || cut < recordId.lastIndexOf(SEPARATOR)) {
            return 0;
        }
        String k = recordId.substring(cut + REMEASURE.length());
        return k.matches("[1-9]\\d{0,3}") ? Integer.parseInt(k) : 0;
    }

    /** The trial id a record id measures: the text before {@code @m<k>}, or the id itself. */
    public static String baseOf(String recordId) {
        int k = remeasureOf(recordId);
        return k == 0 ? recordId : recordId.substring(0, recordId.lastIndexOf(REMEASURE));
    }

    /** The point id text of a trial id's text; the text before {@code #r}. */
    public static String pointOf(String trialId) {
        return parse(trialId).point().toString();
    }
}
