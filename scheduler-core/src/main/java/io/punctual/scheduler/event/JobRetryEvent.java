package io.punctual.scheduler.event;

import java.time.Instant;

/** A failed attempt will be tried again at {@code retryAt} as attempt {@code nextAttempt}. */
public record JobRetryEvent(String jobId, String executionId, int nextAttempt, Instant retryAt) {
}
