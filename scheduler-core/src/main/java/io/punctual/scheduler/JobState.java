package io.punctual.scheduler;

import java.util.Locale;

/** The state of a job as listed by {@link JobScheduler} and the {@code jobs} endpoint. */
public enum JobState {
    SCHEDULED, PAUSED, DISABLED, COMPLETED, ORPHANED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
