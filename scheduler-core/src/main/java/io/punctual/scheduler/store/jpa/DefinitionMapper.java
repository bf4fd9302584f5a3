package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScope;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;
import io.punctual.scheduler.schedule.CronSchedule;
import io.punctual.scheduler.schedule.FixedDelaySchedule;
import io.punctual.scheduler.schedule.FixedRateSchedule;
import io.punctual.scheduler.schedule.OneTimeSchedule;
import io.punctual.scheduler.schedule.WindowedSchedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/** Turns a {@link JobDefinition} into columns and back, exactly. */
final class DefinitionMapper {

    private DefinitionMapper() {
    }

    /** Writes the definition into {@code job} (its tags live in their own table; the row says whether it has any). */
    static void write(JobDefinition d, JobEntity job) {
        job.tagged = !d.tags().isEmpty();
        job.schedule = schedule(d.schedule());
        job.policy = policy(d.policy());
        job.enabled = d.enabled();
        job.initialDelay = d.initialDelay().toString();
        job.handler = d.handler();
        job.payload = d.payload();
    }

    static JobDefinition read(JobEntity job, Set<String> tags) {
        return new JobDefinition(job.id, schedule(job.schedule), policy(job.policy), tags, job.enabled,
                Duration.parse(job.initialDelay), job.handler, job.payload);
    }

    static ScheduleColumns schedule(Schedule schedule) {
        Long startAt = null;
        Long endAt = null;
        Schedule base = schedule;
        if (schedule instanceof WindowedSchedule w) {
            base = w.delegate();
            startAt = Micros.of(w.startAt());
            endAt = Micros.of(w.endAt());
        }
        String zone = base.zone().map(ZoneId::getId).orElse(null);
        String expression;
        if (base instanceof FixedRateSchedule r) {
            expression = r.period().toString();
        } else if (base instanceof FixedDelaySchedule fd) {
            expression = fd.delay().toString();
        } else if (base instanceof OneTimeSchedule o) {
            expression = o.instant().toString();
        } else if (base instanceof CronSchedule c) {
            expression = c.description().substring("cron ".length());
        } else {
            throw new IllegalArgumentException("the JPA store cannot store a schedule of kind '" + base.kind().word() + "' ("
                    + base.getClass().getName() + "); it stores cron, fixedRate, fixedDelay and at schedules");
        }
        return new ScheduleColumns(base.kind().word(), expression, zone, startAt, endAt);
    }

    static Schedule schedule(ScheduleColumns c) {
        Schedule base = switch (kind(c.kind)) {
            case FIXED_RATE -> Schedule.fixedRate(Duration.parse(c.expression));
            case FIXED_DELAY -> Schedule.fixedDelay(Duration.parse(c.expression));
            case AT -> Schedule.at(Instant.parse(c.expression));
            case CRON -> Schedule.cron(c.expression, c.zone == null ? ZoneId.systemDefault() : ZoneId.of(c.zone));
        };
        return WindowedSchedule.of(base, Micros.toInstant(c.startAt), Micros.toInstant(c.endAt));
    }

    /** The kind spelled {@code word} in the {@code schedule_kind} column. */
    private static ScheduleKind kind(String word) {
        try {
            return ScheduleKind.fromWord(word);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the store holds a job of " + e.getMessage(), e);
        }
    }

    static PolicyColumns policy(JobPolicy p) {
        PolicyColumns c = new PolicyColumns();
        c.misfire = p.misfire().word();
        c.misfireGrace = p.misfireGrace().toString();
        c.coalesce = p.coalesce();
        c.maxCatchUp = p.maxCatchUp();
        c.maxInstances = p.maxInstances();
        c.retries = p.retries();
        c.retryBackoff = p.retryBackoff().toString();
        c.timeout = p.timeout() == null ? null : p.timeout().toString();
        c.scope = p.scope().word();
        c.priority = p.priority();
        c.jitter = p.jitter().toString();
        return c;
    }

    static JobPolicy policy(PolicyColumns c) {
        return new JobPolicy(MisfirePolicy.fromWord(c.misfire), Duration.parse(c.misfireGrace), c.coalesce, c.maxCatchUp,
                c.maxInstances, c.retries, Duration.parse(c.retryBackoff), c.timeout == null ? null : Duration.parse(c.timeout),
                JobScope.fromWord(c.scope), c.priority, Duration.parse(c.jitter));
    }
}
