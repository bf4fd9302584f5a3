package io.punctual.scheduler;

import io.punctual.scheduler.schedule.CronSchedule;
import io.punctual.scheduler.schedule.FixedDelaySchedule;
import io.punctual.scheduler.schedule.FixedRateSchedule;
import io.punctual.scheduler.schedule.OneTimeSchedule;
import io.punctual.scheduler.schedule.WindowedSchedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a job fires: a pure function from an instant to the next fire after it.
 *
 * <p>Implementations are immutable and thread-safe, never read a clock, and are what the engine,
 * the {@code jobs} endpoint's {@code nextFireTimes} and users' previews all call.
 */
public interface Schedule {

    /**
     * The first fire strictly after {@code after}; empty when the schedule has no more fires.
     * For a fixed-delay schedule, {@code after} is the end of the last run.
     */
    Optional<Instant> next(Instant after);

    /**
     * The first fire of a job that starts being scheduled at {@code start}: {@code start} itself for fixed
     * rate and fixed delay, the first matching instant at or after {@code start} for cron, and the instant
     * of a one-time schedule even when it lies in the past (the misfire policy then decides).
     */
    Optional<Instant> first(Instant start);

    /** The kind of schedule; a windowed schedule has the kind of the schedule it bounds. */
    ScheduleKind kind();

    /** A human-readable form such as {@code cron 0 *&#47;5 * * * *} or {@code fixedRate PT10S}. */
    String description();

    /** The zone a cron or local date-time is read in; empty for schedules that do not depend on a zone. */
    Optional<ZoneId> zone();

    /** Whether the next fire is computed from the end of a run (fixed delay) rather than from the due time. */
    default boolean computedFromRunEnd() {
        return false;
    }

    /** No fire before {@code startAt} (when not null) and none after {@code endAt} (when not null). */
    default Schedule between(Instant startAt, Instant endAt) {
        return WindowedSchedule.of(this, startAt, endAt);
    }

    /**
     * A cron schedule. The number of fields picks the dialect: 5 = Unix (minute first), 6 = Spring (seconds
     * first), 7 = Quartz (with year). Macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}.
     *
     * @throws InvalidScheduleException naming the field and the reason when the expression is not valid
     */
    static Schedule cron(String expression, ZoneId zone) {
        return CronSchedule.parse(expression, zone);
    }

    /** Fires every {@code period}, drift-free: fire n is due at {@code start + n * period}. */
    static Schedule fixedRate(Duration period) {
        return new FixedRateSchedule(period);
    }

    /** Fires {@code delay} after the end of the previous run. */
    static Schedule fixedDelay(Duration delay) {
        return new FixedDelaySchedule(delay);
    }

    /** Fires once, at {@code instant}. */
    static Schedule at(Instant instant) {
        return new OneTimeSchedule(instant);
    }
}
