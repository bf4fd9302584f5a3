package io.punctual.scheduler.schedule;

import io.punctual.scheduler.InvalidScheduleException;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.ScheduleKind;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/** A schedule restricted to {@code [startAt, endAt]}; either bound may be absent. */
public record WindowedSchedule(Schedule delegate, Instant startAt, Instant endAt) implements Schedule {

    public WindowedSchedule {
        Objects.requireNonNull(delegate, "delegate");
        if (startAt != null && endAt != null && endAt.isBefore(startAt)) {
            throw new InvalidScheduleException("endAt " + endAt + " is before startAt " + startAt,
                    "an endAt at or after startAt");
        }
    }

    /** Wraps {@code schedule}, or returns it unchanged when both bounds are null. */
    public static Schedule of(Schedule schedule, Instant startAt, Instant endAt) {
        if (startAt == null && endAt == null) {
            return schedule;
        }
        if (schedule instanceof WindowedSchedule w) {
            return new WindowedSchedule(w.delegate, startAt != null ? startAt : w.startAt, endAt != null ? endAt : w.endAt);
        }
        return new WindowedSchedule(schedule, startAt, endAt);
    }

    @Override
    public Optional<Instant> next(Instant after) {
        Optional<Instant> next = startAt != null && after.isBefore(startAt) ? delegate.first(startAt) : delegate.next(after);
        return next.filter(this::inWindow);
    }

    @Override
    public Optional<Instant> first(Instant start) {
        Instant from = startAt != null && startAt.isAfter(start) ? startAt : start;
        return delegate.first(from).filter(this::inWindow);
    }

    private boolean inWindow(Instant instant) {
        return (startAt == null || !instant.isBefore(startAt)) && (endAt == null || !instant.isAfter(endAt));
    }

    @Override
    public ScheduleKind kind() {
        return delegate.kind();
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public Optional<ZoneId> zone() {
        return delegate.zone();
    }

    @Override
    public boolean computedFromRunEnd() {
        return delegate.computedFromRunEnd();
    }
}
