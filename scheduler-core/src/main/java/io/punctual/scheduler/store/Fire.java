package io.punctual.scheduler.store;

import io.punctual.scheduler.JobDefinition;

import java.time.Instant;

/**
 * A claimed fire: the only permission to run. Returned by {@link JobStore#claimDue}; its outcome goes back
 * through {@link JobStore#complete} carrying the same {@code fence}.
 *
 * @param executionId   id of this attempt, unique across the store
 * @param jobId         the job
 * @param scheduledTime the due time of the fire (for a retry: of the fire it retries)
 * @param dueTime       when this attempt was due: the scheduled time, the retry time or the trigger time
 * @param attempt       1 for the first attempt
 * @param origin        schedule, retry or trigger
 * @param fence         token the store uses to refuse a completion from a node that lost the claim
 * @param definition    the job's definition at claim time: its policies govern this run
 * @param detail        the note of the pending fire it came from (e.g. {@code triggered by alice}), or null
 */
public record Fire(String executionId, String jobId, Instant scheduledTime, Instant dueTime, int attempt, FireOrigin origin, long fence,
                   JobDefinition definition, String detail) {

    /** A fire without a note. */
    public Fire(String executionId, String jobId, Instant scheduledTime, Instant dueTime, int attempt, FireOrigin origin, long fence,
                JobDefinition definition) {
        this(executionId, jobId, scheduledTime, dueTime, attempt, origin, fence, definition, null);
    }
}
