package io.punctual.scheduler.boot.observation;

import io.micrometer.observation.Observation;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.Outcome;

import java.time.Instant;

/**
 * What an {@link JobRunObservationConvention} knows about one run of a job: the run's {@link JobContext}, the
 * handler of a dynamic job, and the run's outcome once it has ended.
 */
public class JobRunObservationContext extends Observation.Context {

    private final JobContext job;
    private final String handler;
    private volatile Outcome outcome;

    /**
     * @param job     the run, as the job's method sees it
     * @param handler the {@code @JobHandler} name of a dynamic job, null for a {@code @ScheduledJob}
     */
    public JobRunObservationContext(JobContext job, String handler) {
        this.job = job;
        this.handler = handler;
    }

    /** The job's id; for a dynamic job the id {@code schedule(...)} returned, unique per scheduling. */
    public String getJobId() {
        return job.jobId();
    }

    /** The {@code @JobHandler} name of a dynamic job, null for a {@code @ScheduledJob}. */
    public String getHandler() {
        return handler;
    }

    /** Whether this is a run of a dynamic job. */
    public boolean isDynamic() {
        return handler != null;
    }

    /** The id of this attempt, as it appears in the job's history. */
    public String getExecutionId() {
        return job.executionId();
    }

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    public int getAttempt() {
        return job.attempt();
    }

    /** The due time of the fire. */
    public Instant getScheduledTime() {
        return job.scheduledTime();
    }

    /**
     * How the run ended as far as its method could tell: {@code SUCCESS}, {@code FAILURE}, {@code TIMEOUT} or
     * {@code INTERRUPTED}; null while it runs.
     */
    public Outcome getOutcome() {
        return outcome;
    }

    void setOutcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
