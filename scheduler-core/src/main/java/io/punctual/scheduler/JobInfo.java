package io.punctual.scheduler;

import java.time.Instant;
import java.util.Set;

/**
 * A snapshot of one job, as listed by {@link JobScheduler#jobs()} and the {@code jobs} endpoint.
 *
 * @param id                  the job id
 * @param schedule            e.g. {@code cron 0 *&#47;5 * * * *} or {@code fixedRate PT10S}
 * @param zone                zone id of a cron schedule, else null (a local {@code at} is resolved to an instant when read)
 * @param state               scheduled, paused, disabled, completed, orphaned or unreadable
 * @param running             runs in flight on the store this job lives in (with {@code queueCapacity}, fires claimed and waiting for a worker count too)
 * @param nextFireTime        when the next fire is due, or null
 * @param lastFireTime        when the last run started, or null
 * @param lastOutcome         the outcome of the last run, or null
 * @param consecutiveFailures failed runs since the last success
 * @param tags                the job's tags
 * @param definition          the whole definition, policies included; null when the store cannot read it
 * @param problem             why the store cannot read the job's definition (the job's column, its value and what is
 *                            allowed), else null; {@code schedule} and {@code zone} are then the stored text
 */
public record JobInfo(String id, String schedule, String zone, JobState state, int running, Instant nextFireTime,
                      Instant lastFireTime, Outcome lastOutcome, int consecutiveFailures, Set<String> tags,
                      JobDefinition definition, String problem) {

    /** A job whose definition could be read. */
    public JobInfo(String id, String schedule, String zone, JobState state, int running, Instant nextFireTime,
                   Instant lastFireTime, Outcome lastOutcome, int consecutiveFailures, Set<String> tags,
                   JobDefinition definition) {
        this(id, schedule, zone, state, running, nextFireTime, lastFireTime, lastOutcome, consecutiveFailures, tags,
                definition, null);
    }

    /**
     * The start of the job's window: no fire before it ({@code startAt} of {@code @ScheduledJob}, {@link
     * Schedule#between}); null when the schedule has none, or when the store cannot read the job's definition.
     */
    public Instant startAt() {
        return window() == null ? null : window().startAt();
    }

    /**
     * The end of the job's window: no fire after it ({@code endAt} of {@code @ScheduledJob}, {@link Schedule#between});
     * null when the schedule has none, or when the store cannot read the job's definition.
     */
    public Instant endAt() {
        return window() == null ? null : window().endAt();
    }

    private io.punctual.scheduler.schedule.WindowedSchedule window() {
        return definition != null && definition.schedule() instanceof io.punctual.scheduler.schedule.WindowedSchedule w
                ? w : null;
    }
}
