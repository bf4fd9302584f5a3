package io.punctual.scheduler.store;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.UnreadableJobException;

import java.time.Instant;
import java.util.Set;

/**
 * What a store holds about one job: its definition and its scheduling state. A store that cannot read a job's
 * definition (see {@link UnreadableJobException}) still lists the job: the record then has no definition but
 * {@link Unreadable what it could read of it}, and its state is {@link JobState#UNREADABLE}.
 *
 * @param definition          the job's configuration; null when the store cannot read it
 * @param paused              whether fires are held
 * @param orphaned            whether the job is no longer declared by the application (kept, never fired)
 * @param next                the next fire, or null when none is known (completed, or a fixed delay in flight)
 * @param running             runs in flight
 * @param latestRunStart      when the newest run in flight was claimed, or null
 * @param pendingFires        retries and triggers waiting
 * @param lastFireTime        when the last run started, or null
 * @param lastOutcome         outcome of the last run, or null
 * @param consecutiveFailures failed runs since the last success
 * @param unreadable          when the store cannot read the definition, what it could read and why not the rest; else null
 */
public record JobRecord(JobDefinition definition, boolean paused, boolean orphaned, NextFire next, int running,
                        Instant latestRunStart, int pendingFires, Instant lastFireTime, Outcome lastOutcome,
                        int consecutiveFailures, Unreadable unreadable) {

    public JobRecord {
        if ((definition == null) == (unreadable == null)) {
            throw new IllegalArgumentException("a job record has either its definition or, when the store cannot read it,"
                    + " what it could read of it");
        }
    }

    /** A job whose definition the store could read. */
    public JobRecord(JobDefinition definition, boolean paused, boolean orphaned, NextFire next, int running,
                     Instant latestRunStart, int pendingFires, Instant lastFireTime, Outcome lastOutcome,
                     int consecutiveFailures) {
        this(definition, paused, orphaned, next, running, latestRunStart, pendingFires, lastFireTime, lastOutcome,
                consecutiveFailures, null);
    }

    /**
     * What a store could read of a job whose definition it cannot read.
     *
     * @param id       the job id
     * @param schedule the stored schedule as text, its kind and expression (e.g. {@code cron not a cron})
     * @param zone     the stored zone as text, or null
     * @param enabled  whether the job is enabled
     * @param tags     the job's tags
     * @param problem  why the definition cannot be read: the column, its value and what is allowed
     */
    public record Unreadable(String id, String schedule, String zone, boolean enabled, Set<String> tags,
                             UnreadableJobException problem) {

        public Unreadable {
            tags = tags == null ? Set.of() : Set.copyOf(tags);
        }
    }

    public String id() {
        return definition != null ? definition.id() : unreadable.id();
    }

    /** Whether the job is enabled (a disabled job is listed, never fired). */
    public boolean enabled() {
        return definition != null ? definition.enabled() : unreadable.enabled();
    }

    /**
     * The job's state. A job that would not fire anyway (orphaned, disabled) keeps that state when its definition cannot
     * be read; any other such job is {@link JobState#UNREADABLE}, whether paused or not: resuming it would not make it fire.
     */
    public JobState state() {
        if (orphaned) {
            return JobState.ORPHANED;
        }
        if (!enabled()) {
            return JobState.DISABLED;
        }
        if (unreadable != null) {
            return JobState.UNREADABLE;
        }
        if (paused) {
            return JobState.PAUSED;
        }
        if (next == null && running == 0 && pendingFires == 0) {
            return JobState.COMPLETED;
        }
        return JobState.SCHEDULED;
    }

    /** The public snapshot of this job. */
    public JobInfo toInfo() {
        if (definition == null) {
            return new JobInfo(id(), unreadable.schedule(), unreadable.zone(), state(), running,
                    next == null ? null : next.due(), lastFireTime, lastOutcome, consecutiveFailures, unreadable.tags(),
                    null, unreadable.problem().getMessage());
        }
        return new JobInfo(id(), definition.schedule().description(),
                definition.schedule().zone().map(Object::toString).orElse(null), state(), running,
                next == null ? null : next.due(), lastFireTime, lastOutcome, consecutiveFailures, definition.tags(),
                definition);
    }
}
