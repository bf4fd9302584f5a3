package io.punctual.scheduler.schedule;

import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/** One fire at a fixed instant, kept to the microsecond: the precision every store keeps exactly. */
public record OneTimeSchedule(Instant instant) implements Schedule {

    public OneTimeSchedule {
        Objects.requireNonNull(instant, "instant");
        instant = instant.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return instant.isAfter(after) ? Optional.of(instant) : Optional.empty();
    }

    @Override
    public Optional<Instant> first(Instant start) {
        return Optional.of(instant);
    }

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.AT;
    }

    @Override
    public String description() {
        return "at " + instant;
    }

    @Override
    public Optional<ZoneId> zone() {
        return Optional.empty();
    }
}
