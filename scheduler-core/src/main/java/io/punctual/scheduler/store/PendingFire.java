package io.punctual.scheduler.store;

import java.time.Instant;

/**
 * A fire outside the job's schedule, waiting in the store: a retry of a failed attempt or a manual trigger.
 * A retry waits while the job is at its instance limit or paused; a trigger that finds the job at its limit
 * is recorded as skipped.
 *
 * @param jobId         the job
 * @param due           when it may run
 * @param scheduledTime the due time of the original fire (for a retry) or the trigger time
 * @param attempt       the attempt this fire will be
 * @param origin        {@link FireOrigin#RETRY} or {@link FireOrigin#TRIGGER}
 * @param detail        a note for the run's history row, e.g. {@code triggered by alice}; null for none; at most
 *                      {@link #MAX_DETAIL} characters (the column a database store keeps it in)
 */
public record PendingFire(String jobId, Instant due, Instant scheduledTime, int attempt, FireOrigin origin, String detail) {

    /** The longest note a pending fire carries, in characters. */
    public static final int MAX_DETAIL = 1000;

    /** A pending fire without a note. */
    public PendingFire(String jobId, Instant due, Instant scheduledTime, int attempt, FireOrigin origin) {
        this(jobId, due, scheduledTime, attempt, origin, null);
    }
}
