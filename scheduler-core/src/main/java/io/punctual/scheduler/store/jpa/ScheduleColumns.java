package io.punctual.scheduler.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/**
 * A job's schedule as columns: its kind, the expression of that kind (a cron expression, an ISO-8601 period
 * or delay, an ISO-8601 instant), the zone, and the window of a windowed schedule.
 */
@Embeddable
class ScheduleColumns {

    @Column(name = "schedule_kind", nullable = false, length = 20)
    String kind;

    @Column(name = "schedule_expression", nullable = false, length = 500)
    String expression;

    @Column(name = "schedule_zone", length = 100)
    String zone;

    @Column(name = "start_at")
    Long startAt;

    @Column(name = "end_at")
    Long endAt;

    protected ScheduleColumns() {
    }

    ScheduleColumns(String kind, String expression, String zone, Long startAt, Long endAt) {
        this.kind = kind;
        this.expression = expression;
        this.zone = zone;
        this.startAt = startAt;
        this.endAt = endAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleColumns s && Objects.equals(kind, s.kind) && Objects.equals(expression, s.expression)
                && Objects.equals(zone, s.zone) && Objects.equals(startAt, s.startAt) && Objects.equals(endAt, s.endAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, expression, zone, startAt, endAt);
    }
}
