package io.punctual.scheduler;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of a job's history: an attempt that ran, or a summary of fires that did not run.
 *
 * @param executionId unique id of the attempt or summary row
 * @param jobId       the job
 * @param scheduledTime the due time of the fire (the first one for a summary row)
 * @param startTime   when the attempt started; null for fires that did not run
 * @param endTime     when the attempt ended, or when a not-run fire was recorded
 * @param outcome     what happened
 * @param node        the node that ran or recorded it
 * @param attempt     1 for the first attempt of a fire
 * @param count       how many fires this row stands for: 1 unless a summary row
 * @param error       exception class and message of a failure, else null
 * @param detail      free text: the span of due times of a summary row, the reason of a skip
 */
public record ExecutionRecord(String executionId, String jobId, Instant scheduledTime, Instant startTime,
                              Instant endTime, Outcome outcome, String node, int attempt, long count, String error,
                              String detail) {

    /** Milliseconds from start to end, or null for fires that did not run. */
    public Long durationMs() {
        return startTime == null || endTime == null ? null : Duration.between(startTime, endTime).toMillis();
    }
}
