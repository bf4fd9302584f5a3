package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.SchedulerInfo;
import io.punctual.scheduler.store.StoreErrors;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code jobs} health contributor (SPEC §4, §6). DOWN when the scheduler is not {@code running}, when the
 * store did not take the engine's last call (unreachable, or answering and refusing its statements), when a scheduled job has failed {@code maxConsecutiveFailures} times in a row, or when a
 * scheduled job's due fire has not started {@code overdueAfter} after it was due (a dead-man switch: the engine
 * stopped claiming fires), or when this node cannot read a job's stored definition (state {@code unreadable}: it
 * never fires here until saved again). Paused, disabled, completed and orphaned jobs are not judged. The details name
 * the jobs at fault under {@code failing}, {@code overdue} and {@code unreadable} (with the problem), and the store's
 * {@code storeStatus} ({@code reachable}, {@code unreachable} or {@code refusing}) beside {@code storeReachable}, with the
 * database's message as {@code storeError} while it fails: a refusing store is up and says no (its schema, its grants),
 * and sending its operator after the network would be sending them to the wrong place. Reads only through
 * {@link JobScheduler}.
 */
public class JobsHealthIndicator implements HealthIndicator {

    private final JobScheduler scheduler;
    private final Clock clock;
    private final int maxConsecutiveFailures;
    private final Duration overdueAfter;

    public JobsHealthIndicator(JobScheduler scheduler, Clock clock, int maxConsecutiveFailures, Duration overdueAfter) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.maxConsecutiveFailures = maxConsecutiveFailures;
        this.overdueAfter = overdueAfter;
    }

    @Override
    public Health health() {
        SchedulerInfo info = scheduler.info();
        List<JobInfo> all;
        try {
            all = scheduler.jobs();
        } catch (RuntimeException e) {
            // the store failed this very read: the store being unreachable or refusing, not a health error
            return Health.down().withDetail("state", info.state().word()).withDetail("node", info.node())
                    .withDetail("store", info.store()).withDetail("storeReachable", false)
                    .withDetail("storeStatus", StoreErrors.status(e).word()).withDetail("storeError", StoreErrors.message(e))
                    .withDetail("error", e.getClass().getName() + ": " + e.getMessage()).build();
        }
        List<JobInfo> jobs = all.stream().filter(j -> j.state() == JobState.SCHEDULED).toList();
        Map<String, Object> failing = failing(jobs);
        Map<String, Object> overdue = overdue(jobs, clock.instant());
        Map<String, Object> unreadable = new LinkedHashMap<>();
        all.stream().filter(j -> j.state() == JobState.UNREADABLE).forEach(j -> unreadable.put(j.id(), j.problem()));
        boolean up = info.state() == SchedulerState.RUNNING && info.storeReachable() && failing.isEmpty() && overdue.isEmpty()
                && unreadable.isEmpty();
        Health.Builder health = up ? Health.up() : Health.down();
        health.withDetail("state", info.state().word()).withDetail("node", info.node()).withDetail("store", info.store())
                .withDetail("storeReachable", info.storeReachable()).withDetail("storeStatus", info.storeStatus().word());
        if (info.storeError() != null) {
            health.withDetail("storeError", info.storeError());
        }
        health.withDetail("jobs", all.size());
        if (!failing.isEmpty()) {
            health.withDetail("failing", failing);
        }
        if (!overdue.isEmpty()) {
            health.withDetail("overdue", overdue);
        }
        if (!unreadable.isEmpty()) {
            health.withDetail("unreadable", unreadable);
        }
        return health.build();
    }

    private Map<String, Object> failing(List<JobInfo> jobs) {
        Map<String, Object> failing = new LinkedHashMap<>();
        for (JobInfo job : jobs) {
            if (job.consecutiveFailures() >= maxConsecutiveFailures) {
                failing.put(job.id(), Map.of("consecutiveFailures", job.consecutiveFailures(),
                        "lastOutcome", job.lastOutcome() == null ? "" : job.lastOutcome().word(),
                        "maxConsecutiveFailures", maxConsecutiveFailures));
            }
        }
        return failing;
    }

    private Map<String, Object> overdue(List<JobInfo> jobs, Instant now) {
        Map<String, Object> overdue = new LinkedHashMap<>();
        for (JobInfo job : jobs) {
            Instant due = job.nextFireTime();
            if (due != null && now.isAfter(due.plus(overdueAfter))) {
                overdue.put(job.id(), Map.of("nextFireTime", due.toString(),
                        "overdueBy", Duration.between(due, now).toString(), "overdueAfter", overdueAfter.toString()));
            }
        }
        return overdue;
    }
}
