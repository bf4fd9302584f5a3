package io.punctual.scheduler.policy;

import java.time.Instant;

/**
 * The order in which a claim takes due fires, whichever source they come from: a job's schedule (its next fire) or its
 * pending fires (retries and manual triggers). The earliest due first, then the highest priority, then by job id. A user
 * expects the earlier of two fires to run, and the later one to meet the max-instances rule; taking one source before the
 * other would let a later trigger skip an earlier schedule fire, or a stream of retries hold back earlier schedule fires.
 *
 * <p>At the same instant, priority and job id, a job's pending fire goes before its schedule fire. Then nothing is lost at
 * the instance limit: the schedule fire finds the pending fire's run, which started when it was already due, and waits
 * for that run's end ({@link FirePlanner#plan}'s backlog rule); the other way round a retry would wait too, but a trigger
 * would be skipped.
 *
 * <p>Each store keeps its due jobs and its pending fires in this order ({@link #compareTo}; a database store in its
 * claim queries' {@code order by}) and merges the two with {@link #pendingNext}.
 *
 * @param due      when the fire is due: the job's claim due time, or the pending fire's due time
 * @param priority the job's priority (a pending fire's as stored with it); higher first
 * @param jobId    the job
 */
public record ClaimOrder(Instant due, int priority, String jobId) implements Comparable<ClaimOrder> {

    @Override
    public int compareTo(ClaimOrder o) {
        int c = due.compareTo(o.due);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(o.priority, priority);
        return c != 0 ? c : jobId.compareTo(o.jobId);
    }

    /**
     * Whether a claim takes the first pending fire before the first schedule fire.
     *
     * @param schedule the first schedule fire the claim has not decided yet, or null when there is none
     * @param pending  the first pending fire the claim has not decided yet, or null when there is none
     */
    public static boolean pendingNext(ClaimOrder schedule, ClaimOrder pending) {
        return pending != null && (schedule == null || pending.compareTo(schedule) <= 0);
    }
}
