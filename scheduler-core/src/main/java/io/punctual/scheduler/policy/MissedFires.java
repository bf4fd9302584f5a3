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
 * @param note     a trigger's note (e.g. {@code triggered by alice}), which the row of the run would have had as its
 *                 detail, or null; the skipped trigger's row ends with it. Null for fires of the schedule
 */
public record MissedFires(Outcome outcome, String reason, long count, Instant firstDue, Instant lastDue, boolean trigger,
                          String note) {

    /** What a trigger's row says after its reason, e.g. {@code max-instances; trigger due 2026-06-01T12:05:20Z}. */
    private static final String TRIGGER = "; trigger due ";

    /** Fires of the job's schedule. */
    public MissedFires(Outcome outcome, String reason, long count, Instant firstDue, Instant lastDue) {
        this(outcome, reason, count, firstDue, lastDue, false, null);
    }

    /** Fires of the job's schedule, or a trigger without a note. */
    public MissedFires(Outcome outcome, String reason, long count, Instant firstDue, Instant lastDue, boolean trigger) {
        this(outcome, reason, count, firstDue, lastDue, trigger, null);
    }

    /**
     * A trigger due at {@code due} that is skipped because its job has {@code maxInstances} runs in flight, with the
     * trigger's note or null.
     */
    static MissedFires triggerAtMaxInstances(Instant due, String note) {
        return new MissedFires(Outcome.SKIPPED, "max-instances", 1, due, due, true, note);
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
        return new MissedFires(outcome, reason, earlierCount + count, earlierFirstDue, lastDue, trigger, note);
    }

    /**
     * The text of the history row's {@code detail}. A skipped trigger's says so, with its due time and its note when it
     * has one: {@code max-instances; trigger due 2026-06-01T12:05:20Z; triggered by alice}.
     */
    public String detail() {
        if (trigger) {
            return reason + TRIGGER + firstDue + (note == null ? "" : "; " + note);
        }
        return count == 1 ? reason + "; due " + firstDue : reason + "; " + count + " fires due " + firstDue + " to " + lastDue;
    }
}
