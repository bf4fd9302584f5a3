package io.punctual.scheduler.event;

import io.punctual.scheduler.Outcome;

import java.time.Instant;

/**
 * Fires that did not run.
 *
 * @param outcome  {@code misfired}, {@code coalesced} or {@code skipped}
 * @param reason   e.g. {@code max-instances}, {@code misfire-grace}, {@code max-catch-up}, {@code coalesced}
 * @param count    how many fires
 */
public record JobMissedEvent(String jobId, Outcome outcome, String reason, long count, Instant firstDue, Instant lastDue) {
}
