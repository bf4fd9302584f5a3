package io.punctual.scheduler.schedule;

import io.punctual.scheduler.InvalidScheduleException;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed rate. The engine always asks for the fire after the previous <em>due</em> time, so fire n is due
 * at {@code start + n * period} however late runs start: the rate never drifts.
 */
public record FixedRateSchedule(Duration period) implements Schedule {

    public FixedRateSchedule {
        Objects.requireNonNull(period, "period");
        if (period.isZero() || period.isNegative()) {
            throw new InvalidScheduleException("fixed rate must be positive, was " + period, "a positive duration");
        }
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return Optional.of(after.plus(period));
    }

    @Override
    public Optional<Instant> first(Instant start) {
        return Optional.of(start);
    }

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.FIXED_RATE;
    }

    @Override
    public String description() {
        return "fixedRate " + period;
    }

    @Override
    public Optional<ZoneId> zone() {
        return Optional.empty();
    }
}
