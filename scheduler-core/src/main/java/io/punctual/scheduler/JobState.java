package io.punctual.scheduler;

import java.util.Locale;

/** The state of a job as listed by {@link JobScheduler} and the {@code jobs} endpoint. */
public enum JobState {
    SCHEDULED, PAUSED, DISABLED, COMPLETED, ORPHANED,
    /**
     * The store holds the job but this node cannot read its definition (see {@link UnreadableJobException}): a value
     * edited by hand, a zone this JVM's time-zone database does not know, a word written by a newer version. This node
     * does not fire it until the job is saved again; {@link JobInfo#problem()} says what is wrong.
     */
    UNREADABLE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
