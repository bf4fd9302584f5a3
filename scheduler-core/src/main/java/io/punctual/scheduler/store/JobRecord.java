package io.punctual.scheduler.store;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Outcome;

import java.time.Instant;

/**
 * What a store holds about one job: its definition and its scheduling state.
 *
 * @param definition          the job's configuration
 * @param paused              whether fires are held
 * @param orphaned            whether the job is no longer declared by the application (kept, never fired)
 * @param next                the next fire, or null when none is known (completed, or a fixed delay in flight)
 * @param running             runs in flight
 * @param latestRunStart      when the newest run in flight was claimed, or null
 * @param pendingFires        retries and triggers waiting
 * @param lastFireTime        when the last run started, or null
 * @param lastOutcome         outcome of the last run, or null
 * @param consecutiveFailures failed runs since the last success
 */
public record JobRecord(JobDefinition definition, boolean paused, boolean orphaned, NextFire next, int running,
                        Instant latestRunStart, int pendingFires, Instant lastFireTime, Outcome lastOutcome,
                        int consecutiveFailures) {

    public String id() {
        return definition.id();
    }

    public JobState state() {
        if (orphaned) {
            return JobState.ORPHANED;
        }
        if (!definition.enabled()) {
            return JobState.DISABLED;
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
        return new JobInfo(id(), definition.schedule().description(),
                definition.schedule().zone().map(Object::toString).orElse(null), state(), running,
                next == null ? null : next.due(), lastFireTime, lastOutcome, consecutiveFailures, definition.tags(),
                definition);
    }
}
