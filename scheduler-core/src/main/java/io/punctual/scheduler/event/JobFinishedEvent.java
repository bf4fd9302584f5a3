package io.punctual.scheduler.event;

import io.punctual.scheduler.Outcome;

import java.time.Duration;
import java.time.Instant;

/** An attempt ended. {@code error} is null on success. */
public record JobFinishedEvent(String jobId, String executionId, Instant scheduledTime, Instant startTime,
                               Instant endTime, int attempt, Outcome outcome, Throwable error) {

    public Duration duration() {
        return Duration.between(startTime, endTime);
    }
}
