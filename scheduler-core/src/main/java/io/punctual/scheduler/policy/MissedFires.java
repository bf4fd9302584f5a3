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
 * @param trigger  true for a trigger (someone asked for a run now) that will not run: it has a row of its own, which
 *                 says it was a trigger, and is neither merged into the schedule's skip summary nor extended by it
 */
public record MissedFires(Outcome outcome, String reason, long count, Instant firstDue, Instant lastDue, boolean trigger) {

    /** What a trigger's row says after its reason, e.g. {@code max-instances; trigger due 2026-06-01T12:05:20Z}. */
    private static final String TRIGGER = "; trigger due ";

    /** Fires of the job's schedule. */
    public MissedFires(Outcome outcome, String reason, long count, Instant firstDue, Instant lastDue) {
        this(outcome, reason, count, firstDue, lastDue, false);
    }

    /** A trigger due at {@code due} that is skipped because its job has {@code maxInstances} runs in flight. */
    static MissedFires triggerAtMaxInstances(Instant due) {
        return new MissedFires(Outcome.SKIPPED, "max-instances", 1, due, due, true);
    }

    /**
     * Whether a history row (its outcome and detail) is a summary of skips of the schedule for the same reason, which
     * consecutive skips of the schedule extend rather than adding a row per fire. A trigger's row is never one, and a
     * trigger never extends one.
     */
    public boolean extendsSkipRow(Outcome rowOutcome, String rowDetail) {
        return !trigger && outcome == Outcome.SKIPPED && rowOutcome == Outcome.SKIPPED && rowDetail != null
                && rowDetail.startsWith(reason + ";") && !rowDetail.startsWith(reason + TRIGGER);
    }

    /** This row merged into an earlier skip summary that began at {@code firstDue} and stood for {@code count} fires. */
    public MissedFires after(long earlierCount, Instant earlierFirstDue) {
        return new MissedFires(outcome, reason, earlierCount + count, earlierFirstDue, lastDue, trigger);
    }

    /** The text of the history row's {@code detail}. */
    public String detail() {
        if (trigger) {
            return reason + TRIGGER + firstDue;
        }
        return count == 1 ? reason + "; due " + firstDue : reason + "; " + count + " fires due " + firstDue + " to " + lastDue;
    }
}
