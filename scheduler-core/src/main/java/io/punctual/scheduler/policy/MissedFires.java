package io.punctual.scheduler.policy;

import io.punctual.scheduler.Outcome;

import java.time.Instant;

/**
 * Consecutive fires of one job that will not run, recorded as one history row.
 *
 * @param outcome  {@code misfired}, {@code coalesced} or {@code skipped}
 * @param reason   why, e.g. {@code max-instances}, {@code misfire-grace}, {@code max-catch-up}
 * @param count    how many fires
 * @param firstDue the due time of the oldest
 * @param lastDue  the due time of the newest
 */
public record MissedFires(Outcome outcome, String reason, long count, Instant firstDue, Instant lastDue) {

    /** The text of the history row's {@code detail}. */
    public String detail() {
        return count == 1 ? reason + "; due " + firstDue : reason + "; " + count + " fires due " + firstDue + " to " + lastDue;
    }
}
