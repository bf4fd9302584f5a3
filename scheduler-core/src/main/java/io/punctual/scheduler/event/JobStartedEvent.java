package io.punctual.scheduler.event;

import java.time.Duration;
import java.time.Instant;

/** An attempt started. */
public record JobStartedEvent(String jobId, String executionId, Instant scheduledTime, Instant startTime, int attempt) {

    /** Start minus due time; zero or more. */
    public Duration lateness() {
        Duration d = Duration.between(scheduledTime, startTime);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
