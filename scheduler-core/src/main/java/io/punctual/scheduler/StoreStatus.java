package io.punctual.scheduler;

import java.util.Locale;

/**
 * Whether the shared store takes the engine's calls, as {@link SchedulerInfo#storeStatus()} reports it. An operator
 * looks in different places for the two failures: an unreachable store is a network or a database down, a refusing one
 * is a database that is up and says no to the scheduler's statements (its schema, its grants).
 */
public enum StoreStatus {
    /** The store took the engine's last call (or failed it with a transient error, a deadlock, that the next try passes). */
    REACHABLE,
    /** The store cannot be reached: the connection is refused or lost, the database is down. */
    UNREACHABLE,
    /**
     * The database answers but refuses the scheduler's statements: likely its schema does not match this version of
     * Punctual (a table or column missing or of another type) or a permission is missing. {@link SchedulerInfo#storeError()}
     * gives the database's message.
     */
    REFUSING;

    /** The word the endpoint, health and dashboard show, e.g. {@code refusing}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
