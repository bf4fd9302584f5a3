package io.punctual.scheduler.benchmarks.peers;

import java.util.Locale;

/**
 * How far one phase of a scenario got within its wall-clock budget ({@link Options#budget()}): {@code done} of
 * {@code total} items (jobs inserted, jobs started) in {@code seconds}. A phase that ran out of budget, or a drain
 * in which nothing started for {@link DrainWait#STALL} ({@code stalled}), is {@code stopped}: its rate is computed on
 * what it finished (done ÷ seconds), the items it did not reach are not counted as missing, and the table marks the
 * figures that come from it ({@link Table#bound}).
 *
 * @param done         items finished (inserted, or started by the scheduler) within the phase
 * @param total        items the phase was given
 * @param seconds      the time the rate is taken over: until the last item finished
 * @param stopped      whether the phase was stopped before every item was done
 * @param stoppedAfter when it was stopped, in seconds from its start: the budget, or earlier for a stalled drain
 * @param stalled      whether it was stopped because nothing had started for {@link DrainWait#STALL}
 */
public record Phase(long done, long total, double seconds, boolean stopped, double stoppedAfter, boolean stalled) {

    /** A phase that finished everything, or was stopped by its budget of {@code budgetSeconds}. */
    public Phase(long done, long total, double seconds, boolean stopped, double budgetSeconds) {
        this(done, total, seconds, stopped, budgetSeconds, false);
    }

    /** A phase that finished everything within its budget. */
    static Phase complete(long total, double seconds, double budgetSeconds) {
        return new Phase(total, total, seconds, false, budgetSeconds);
    }

    /** Items per second over what the phase finished; 0 when it finished nothing. */
    public double rate() {
        return done == 0 || seconds <= 0 ? 0 : done / seconds;
    }

    /**
     * What a stopped phase reached, for the table's note, e.g. {@code stopped after 30 s: 3,612 of 20,000 started},
     * or {@code stopped after 34.5 s, stalled: 3,478 of 20,000 started, none in its last 10.0 s}; when the last item
     * finished well before the phase was stopped (a stall, or lost jobs), says so.
     */
    public String note(String verb) {
        String out = String.format(Locale.ROOT, "stopped after %s s%s: %,d of %,d %s", Table.format(stoppedAfter),
                stalled ? ", stalled" : "", done, total, verb);
        double idle = stoppedAfter - Math.max(0, seconds);
        if (stopped && idle >= 1) {
            out += String.format(Locale.ROOT, ", none in its last %.1f s", idle);
        }
        return out;
    }
}
