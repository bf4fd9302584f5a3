package io.punctual.scheduler.boot.actuate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;

import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code punctual.jobs} gauge of SPEC §7: how many jobs are in each state, one gauge per {@link JobState}
 * word (tag {@code state}), read through {@link JobScheduler#jobs()} when the registry asks. One scrape reads the
 * gauges one after another; they share one listing taken at most once a second, so a scrape costs one
 * {@code jobs()} call rather than one per state.
 */
public class JobStateMeterBinder implements MeterBinder {

    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final JobScheduler scheduler;
    private Map<JobState, Long> counts = Map.of();
    private long countedAt = Long.MIN_VALUE;

    public JobStateMeterBinder(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobState state : JobState.values()) {
            Gauge.builder("punctual.jobs", this, b -> b.count(state))
                    .description("Jobs by state").tag("state", state.word()).strongReference(true).register(registry);
        }
    }

    private synchronized double count(JobState state) {
        long now = System.nanoTime();
        if (countedAt == Long.MIN_VALUE || now - countedAt > MAX_AGE_NANOS) {
            Map<JobState, Long> fresh = new EnumMap<>(JobState.class);
            for (JobInfo job : scheduler.jobs()) {
                fresh.merge(job.state(), 1L, Long::sum);
            }
            counts = fresh;
            countedAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }
}
