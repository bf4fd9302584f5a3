package io.punctual.scheduler.schedule;

import io.punctual.scheduler.InvalidScheduleException;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/** A fixed delay: the next fire is {@code delay} after the end of the previous run. */
public record FixedDelaySchedule(Duration delay) implements Schedule {

    public FixedDelaySchedule {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new InvalidScheduleException("fixed delay must not be negative, was " + delay, "a duration of zero or more");
        }
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return Optional.of(after.plus(delay));
    }

    @Override
    public Optional<Instant> first(Instant start) {
        return Optional.of(start);
    }

    @Override
    public boolean computedFromRunEnd() {
        return true;
    }

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.FIXED_DELAY;
    }

    @Override
    public String description() {
        return "fixedDelay " + delay;
    }

    @Override
    public Optional<ZoneId> zone() {
        return Optional.empty();
    }
}
