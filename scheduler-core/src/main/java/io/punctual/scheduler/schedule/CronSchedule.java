package io.punctual.scheduler.schedule;

import io.punctual.scheduler.Schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** A cron schedule in a zone (placeholder: being implemented over cron-utils). */
public final class CronSchedule implements Schedule {

    private final String expression;
    private final ZoneId zone;

    private CronSchedule(String expression, ZoneId zone) {
        this.expression = expression;
        this.zone = zone;
    }

    public static CronSchedule parse(String expression, ZoneId zone) {
        throw new UnsupportedOperationException("cron is not implemented yet");
    }

    @Override
    public Optional<Instant> next(Instant after) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant> first(Instant start) {
        return next(start.minusNanos(1));
    }

    @Override
    public String kind() {
        return "cron";
    }

    @Override
    public String description() {
        return "cron " + expression;
    }

    @Override
    public Optional<ZoneId> zone() {
        return Optional.of(zone);
    }
}
