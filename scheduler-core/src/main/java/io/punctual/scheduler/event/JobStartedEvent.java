package io.punctual.scheduler.event;

import java.time.Duration;
import java.time.Instant;

/**
 * An attempt started.
 *
 * @param scheduledTime the due time of the fire (for a retry: of the fire it retries)
 * @param dueTime       when this attempt was due (the retry or trigger time for those)
 */
public record JobStartedEvent(String jobId, String executionId, Instant scheduledTime, Instant dueTime,
                              Instant startTime, int attempt) {

    /** Start minus the attempt's due time; zero or more. */
    public Duration lateness() {
        Duration d = Duration.between(dueTime, startTime);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
