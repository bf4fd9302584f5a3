package io.punctual.scheduler;

import java.util.Locale;

/** What happened to a fire, as recorded in history. */
public enum Outcome {
    SUCCESS, FAILURE, TIMEOUT, SKIPPED, MISFIRED, COALESCED, LOST, INTERRUPTED;

    /** The lower-case word of SPEC §3, e.g. {@code success}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a run ended badly (counts towards consecutive failures and retries). */
    public boolean isFailure() {
        return this == FAILURE || this == TIMEOUT || this == LOST || this == INTERRUPTED;
    }

    /** Whether the fire did not run at all. */
    public boolean isNotRun() {
        return this == SKIPPED || this == MISFIRED || this == COALESCED;
    }
}
