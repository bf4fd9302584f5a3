package io.punctual.scheduler.cluster;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobSchedulerBuilder;
import io.punctual.scheduler.Schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cluster test's workload, the same on every node: a per-second cron, a 200 ms fixed rate, a long job with
 * retries and {@code maxInstances=2}, and a handler for one-time dynamic jobs. Every run records its own evidence.
 */
final class ClusterJobs {

    static final String CRON = "cluster-cron-1s";
    static final String RATE = "cluster-rate-200ms";
    static final String LONG = "cluster-long";
    static final String DYNAMIC_HANDLER = "cluster-dynamic";
    static final String DYNAMIC_PREFIX = "dyn-";

    static final Duration CRON_PERIOD = Duration.ofSeconds(1);
    static final Duration RATE_PERIOD = Duration.ofMillis(200);
    /** Shorter than a run, so runs overlap and maxInstances matters, yet long enough that a retry finds a free slot. */
    static final Duration LONG_PERIOD = Duration.ofSeconds(10);
    /** Longer than the outage, so a run started before it is still in flight on a live node when the database is back. */
    static final Duration LONG_RUN = Duration.ofSeconds(12);
    static final int LONG_MAX_INSTANCES = 2;
    static final int LONG_RETRIES = 2;
    static final Duration LONG_RETRY_BACKOFF = Duration.ofSeconds(1);

    private final EvidenceTable evidence;
    private final String node;

    ClusterJobs(EvidenceTable evidence, String node) {
        this.evidence = evidence;
        this.node = node;
    }

    static String dynamicId(int index) {
        return DYNAMIC_PREFIX + String.format("%04d", index);
    }

    void register(JobSchedulerBuilder builder) {
        builder.job(JobDefinition.of(CRON, Schedule.cron("* * * * * *", ZoneOffset.UTC)), ctx -> recorded(ctx, () -> { }));
        builder.job(JobDefinition.of(RATE, Schedule.fixedRate(RATE_PERIOD)), ctx -> recorded(ctx, () -> { }));
        JobPolicy longPolicy = JobPolicy.defaults().withMaxInstances(LONG_MAX_INSTANCES).withRetries(LONG_RETRIES)
                .withRetryBackoff(LONG_RETRY_BACKOFF);
        builder.job(JobDefinition.of(LONG, Schedule.fixedRate(LONG_PERIOD)).withPolicy(longPolicy),
                ctx -> recorded(ctx, () -> Thread.sleep(LONG_RUN.toMillis())));
        builder.handler(DYNAMIC_HANDLER, String.class, (ctx, payload) -> recorded(ctx, () -> { }));
    }

    /**
     * Schedules {@code count} one-time jobs {@code dyn-0000}..., due evenly from {@code first} over {@code spread}, from
     * {@code threads} threads at once as an application serving requests would.
     */
    static void scheduleDynamic(JobScheduler scheduler, Instant first, Duration spread, int count, int threads)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Instant due = first.plus(spread.multipliedBy(i).dividedBy(count));
                String payload = Integer.toString(i);
                String id = dynamicId(i);
                ids.add(pool.submit(() -> scheduler.schedule(id, DYNAMIC_HANDLER, Schedule.at(due), payload, JobPolicy.defaults())));
            }
            for (Future<String> id : ids) {
                id.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} between a start row and an end row of evidence, both stamped with the machine's clock. */
    private void recorded(JobContext ctx, Work work) throws Exception {
        Instant start = Instant.now();
        String row = evidence.started(ctx.jobId(), ctx.scheduledTime(), node, ctx.attempt(), ctx.executionId(), start);
        String result = "failure";
        try {
            work.run();
            result = "success";
        } catch (InterruptedException e) {
            result = "interrupted";
            throw e;
        } finally {
            evidence.ended(row, Instant.now(), result);
        }
    }
}
