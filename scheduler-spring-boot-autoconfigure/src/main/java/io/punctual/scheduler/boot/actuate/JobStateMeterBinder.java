package io.punctual.scheduler.boot.actuate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;

/**
 * The {@code punctual.jobs} gauge of SPEC §7: how many jobs are in each state, one gauge per {@link JobState}
 * word (tag {@code state}), read through {@link JobScheduler#jobs()} when the registry asks.
 */
public class JobStateMeterBinder implements MeterBinder {

    private final JobScheduler scheduler;

    public JobStateMeterBinder(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobState state : JobState.values()) {
            Gauge.builder("punctual.jobs", scheduler, s -> s.jobs().stream().filter(j -> j.state() == state).count())
                    .description("Jobs by state").tag("state", state.word()).strongReference(true).register(registry);
        }
    }
}
