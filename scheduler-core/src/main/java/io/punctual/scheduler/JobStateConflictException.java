package io.punctual.scheduler;

/**
 * An operation the job's state forbids, e.g. a trigger, pause or resume of a job that is disabled or
 * orphaned. The endpoint answers it
 * with 409 Conflict.
 */
public class JobStateConflictException extends IllegalStateException {

    private final String jobId;

    public JobStateConflictException(String jobId, String message) {
        super(message);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
