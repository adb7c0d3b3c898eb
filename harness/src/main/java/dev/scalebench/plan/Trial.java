package dev.scalebench.plan;

/**
 * One (point, replicate): the unit of measurement and of resume.
 *
 * @param point what is measured
 * @param replicate 0-based replicate number, which is also the block number
 * @param sequence position in the run order (0-based)
 * @param remeasure 0 for the trial's first measurement; k ≥ 1 for its k-th re-measurement after interference
 *     ({@link TrialId#remeasured})
 */
public record Trial(SweepPoint point, int replicate, int sequence, int remeasure) {

    /** A trial's first measurement. */
    public Trial(SweepPoint point, int replicate, int sequence) {
        this(point, replicate, sequence, 0);
    }

    /** The record id: {@code <point id>#r<replicate>}, with {@code @m<k>} for a re-measurement; unique within a run. */
    public String id() {
        return TrialId.remeasured(point.pointId().trial(replicate).toString(), remeasure);
    }

    /** This trial's re-measurement {@code k}, run at position {@code sequence}. */
    public Trial remeasured(int k, int sequence) {
        return new Trial(point, replicate, sequence, k);
    }

    /** The trial id text of replicate {@code replicate} of the point {@code pointId} ({@link TrialId}). */
    public static String id(String pointId, int replicate) {
        return pointId + TrialId.SEPARATOR + replicate;
    }
}
