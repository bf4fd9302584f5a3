package io.punctual.scheduler;

/** The work a job does. What it throws is recorded as a failure; the scheduler never dies from it. */
@FunctionalInterface
public interface Job {

    void run(JobContext context) throws Exception;
}
