package io.punctual.scheduler;

import java.time.Instant;

/** What a running job knows about its run. One instance per attempt; safe to read from the job's thread. */
public interface JobContext {

    String jobId();

    /** Unique id of this attempt, as it appears in history. */
    String executionId();

    /** The due time of this fire. */
    Instant scheduledTime();

    /** When this attempt started. */
    Instant fireTime();

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    int attempt();

    /** Whether shutdown or a timeout asked this run to stop; the thread is also interrupted. */
    boolean isStopRequested();
}
