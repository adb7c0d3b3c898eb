package dev.scalebench.plan;

/**
 * One (point, replicate): the unit of measurement and of resume.
 *
 * @param point what is measured
 * @param replicate 0-based replicate number, which is also the block number
 * @param sequence position in the run order (0-based)
 */
public record Trial(SweepPoint point, int replicate, int sequence) {

    /** {@code <point id>#r<replicate>}: unique within a run. */
    public String id() {
        return point.pointId().trial(replicate).toString();
    }

    /** The trial id text of replicate {@code replicate} of the point {@code pointId} ({@link TrialId}). */
    public static String id(String pointId, int replicate) {
        return pointId + TrialId.SEPARATOR + replicate;
    }
}
