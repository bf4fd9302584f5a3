package io.punctual.sample;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;

/** Fixed-rate, fixed-delay, retries and max-instances, each on its own job. */
@Component
class MaintenanceJobs {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceJobs.class);

    private final AtomicInteger polls = new AtomicInteger();

    /**
     * Polls every 10 seconds with up to 2 seconds of jitter. application.properties overrides the rate to 5s,
     * to show that a property wins over the annotation.
     */
    @ScheduledJob(id = "poller", fixedRate = "10s", jitter = "2s", tags = "io")
    void poll(JobContext context) {
        log.info("[poller] poll #{} due {} started {}", polls.incrementAndGet(), context.scheduledTime(), context.fireTime());
    }

    /** Cleans up 7 seconds after the previous clean-up ended. */
    @ScheduledJob(id = "cleanup", fixedDelay = "7s", initialDelay = "3s")
    void cleanup() {
        log.info("[cleanup] removed stale entries");
    }

    /** Fails its first two attempts of every fire; retries (2s, then 4s later) make it succeed on the third. */
    @ScheduledJob(id = "flaky", fixedRate = "30s", retries = "3", retryBackoff = "2s", tags = "io")
    void flaky(JobContext context) {
        if (context.attempt() < 3) {
            log.info("[flaky] attempt {} fails", context.attempt());
            throw new IllegalStateException("upstream not ready (attempt " + context.attempt() + ")");
        }
        log.info("[flaky] attempt {} succeeds", context.attempt());
    }

    /** Due every 2 seconds but takes 5: with maxInstances=1 the fires that come due meanwhile are skipped. */
    @ScheduledJob(id = "slow", fixedRate = "2s", maxInstances = "1", timeout = "1m")
    void slow(JobContext context) throws InterruptedException {
        log.info("[slow] started, takes 5s");
        Thread.sleep(5_000);
        log.info("[slow] done");
    }
}
