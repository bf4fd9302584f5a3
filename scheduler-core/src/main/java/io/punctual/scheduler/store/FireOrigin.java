package io.punctual.scheduler.store;

/** Why a fire exists. */
public enum FireOrigin {
    /** The job's schedule came due. */
    SCHEDULE,
    /** A failed attempt is tried again. */
    RETRY,
    /** Someone asked for a run now, outside the schedule. */
    TRIGGER
}
