package io.punctual.scheduler.event;

/**
 * Told about what happens to jobs: metrics, health and logs listen here. Every method has a no-op default,
 * so an implementation overrides only what it needs. Methods are called from scheduler and worker threads,
 * must be thread-safe and quick; what they throw is logged and ignored.
 */
public interface JobListener {

    /** A listener that does nothing. */
    JobListener NO_OP = new JobListener() {
    };

    /** An attempt started; {@link JobStartedEvent#lateness()} is its start minus its due time. */
    default void jobStarted(JobStartedEvent event) {
    }

    /** An attempt ended with {@code success}. */
    default void jobSucceeded(JobFinishedEvent event) {
    }

    /** An attempt ended with {@code failure}, {@code timeout}, {@code interrupted} or {@code lost}. */
    default void jobFailed(JobFinishedEvent event) {
    }

    /** A retry of a failed attempt was scheduled. */
    default void jobRetryScheduled(JobRetryEvent event) {
    }

    /** Fires were found later than their grace and not run, or dropped beyond max-catch-up. */
    default void jobMisfired(JobMissedEvent event) {
    }

    /** Overdue fires were merged into one run. */
    default void jobCoalesced(JobMissedEvent event) {
    }

    /** Fires were not run because the job had {@code maxInstances} runs in flight. */
    default void jobSkipped(JobMissedEvent event) {
    }
}
