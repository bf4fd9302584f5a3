package io.punctual.scheduler;

import java.util.Locale;

/** Where a scheduler is in its life, as {@link SchedulerInfo#state()} reports it. */
public enum SchedulerState {
    /** Built, not started yet: nothing fires. */
    CREATED,
    /** Claiming and running jobs. */
    RUNNING,
    /** Stopping: nothing new starts, runs in flight are given time to end. */
    STOPPING,
    /** Stopped by {@link JobScheduler#stop()}: nothing fires, and {@link JobScheduler#start()} fires again. */
    STOPPED,
    /** Closed by {@link JobScheduler#close()} (the application context closed): nothing fires again, and a start throws. */
    CLOSED;

    /** The word the endpoint, health and dashboard show, e.g. {@code running}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
