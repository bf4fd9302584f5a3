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

    /**
     * Whether a history row (its outcome and detail) is a summary of skips for the same reason, which consecutive
     * skips extend rather than adding a row per fire.
     */
    public boolean extendsSkipRow(Outcome rowOutcome, String rowDetail) {
        return outcome == Outcome.SKIPPED && rowOutcome == Outcome.SKIPPED && rowDetail != null
                && rowDetail.startsWith(reason + ";");
    }

    /** This row merged into an earlier skip summary that began at {@code firstDue} and stood for {@code count} fires. */
    public MissedFires after(long earlierCount, Instant earlierFirstDue) {
        return new MissedFires(outcome, reason, earlierCount + count, earlierFirstDue, lastDue);
    }

    /** The text of the history row's {@code detail}. */
    public String detail() {
        return count == 1 ? reason + "; due " + firstDue : reason + "; " + count + " fires due " + firstDue + " to " + lastDue;
    }
}
