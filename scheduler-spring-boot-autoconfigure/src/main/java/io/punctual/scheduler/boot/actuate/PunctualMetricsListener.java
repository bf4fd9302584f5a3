package io.punctual.scheduler.boot.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.event.JobMissedEvent;
import io.punctual.scheduler.event.JobStartedEvent;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Records the per-job meters of SPEC §7 from the scheduler's events, never from the store:
 * {@code punctual.job.execution} (timer; tags {@code job.id}, {@code outcome}, {@code lost} included),
 * {@code punctual.job.lateness} (timer; {@code job.id}), {@code punctual.job.active} (gauge of runs in flight on this
 * node; {@code job.id}), {@code punctual.job.misfires} (counter; {@code job.id}), {@code punctual.job.skipped}
 * (counter; {@code job.id}, {@code reason}) and {@code punctual.job.last.success} (gauge, epoch seconds;
 * {@code job.id}). A job's meters
 * appear with its first event. Meters are built with Micrometer builders, so Boot's
 * {@code management.metrics.distribution.*} properties apply to them. Thread-safe.
 */
public class PunctualMetricsListener implements JobListener {

    /**
     * The tag naming the job: {@code job.id}, {@code job_id} in Prometheus, not {@code job}, which Prometheus gives
     * every scraped target and would rename ours {@code exported_job}.
     */
    public static final String JOB_TAG = "job.id";

    private final MeterRegistry registry;
    private final Function<String, String> jobTag;
    private final Map<String, Set<String>> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastSuccessMillis = new ConcurrentHashMap<>();

    /** Meters tagged with each job's id. */
    public PunctualMetricsListener(MeterRegistry registry) {
        this(registry, Function.identity());
    }

    /**
     * @param jobTag the value of the {@link #JOB_TAG} tag for a job id; dynamic jobs, whose ids are unique per
     *               scheduling, should map to their handler's name so that the number of meters stays bounded
     */
    public PunctualMetricsListener(MeterRegistry registry, Function<String, String> jobTag) {
        this.registry = registry;
        this.jobTag = jobTag;
    }

    @Override
    public void jobStarted(JobStartedEvent event) {
        runsOf(event.jobId()).add(event.executionId());
        Timer.builder("punctual.job.lateness").description("Start of a run minus its due time")
                .tag(JOB_TAG, jobTag.apply(event.jobId())).register(registry).record(event.lateness());
    }

    @Override
    public void jobSucceeded(JobFinishedEvent event) {
        finished(event);
        lastSuccessMillis.computeIfAbsent(jobTag.apply(event.jobId()), this::lastSuccessGauge).set(event.endTime().toEpochMilli());
    }

    @Override
    public void jobFailed(JobFinishedEvent event) {
        finished(event);
    }

    @Override
    public void jobMisfired(JobMissedEvent event) {
        Counter.builder("punctual.job.misfires").description("Fires later than their misfire grace, or dropped")
                .tag(JOB_TAG, jobTag.apply(event.jobId())).register(registry).increment(event.count());
    }

    @Override
    public void jobSkipped(JobMissedEvent event) {
        Counter.builder("punctual.job.skipped").description("Fires not run, e.g. because of max-instances")
                .tag(JOB_TAG, jobTag.apply(event.jobId())).tag("reason", event.reason() == null || event.reason().isBlank() ? "unknown" : event.reason())
                .register(registry).increment(event.count());
    }

    private void finished(JobFinishedEvent event) {
        runsOf(event.jobId()).remove(event.executionId());
        Duration duration = event.startTime() == null || event.endTime() == null ? Duration.ZERO : event.duration();
        Timer.builder("punctual.job.execution").description("Runs of a job by outcome")
                .tag(JOB_TAG, jobTag.apply(event.jobId())).tag("outcome", event.outcome().word())
                .register(registry).record(duration);
    }

    private Set<String> runsOf(String jobId) {
        return active.computeIfAbsent(jobTag.apply(jobId), id -> {
            Set<String> runs = ConcurrentHashMap.newKeySet();
            Gauge.builder("punctual.job.active", runs, Set::size).description("Runs in flight on this node")
                    .tag(JOB_TAG, id).register(registry);
            return runs;
        });
    }

    private AtomicLong lastSuccessGauge(String jobId) {
        AtomicLong millis = new AtomicLong();
        Gauge.builder("punctual.job.last.success", millis, m -> m.get() / 1000.0).baseUnit("seconds")
                .description("When the job last succeeded, in seconds since the epoch").tag(JOB_TAG, jobId).register(registry);
        return millis;
    }
}
