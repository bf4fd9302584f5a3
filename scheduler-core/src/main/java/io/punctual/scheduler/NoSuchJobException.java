package io.punctual.scheduler;

/** An operation named a job id that the scheduler does not know. */
public class NoSuchJobException extends IllegalArgumentException {

    private final String jobId;

    public NoSuchJobException(String jobId) {
        super("No job with id '" + jobId + "'");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
