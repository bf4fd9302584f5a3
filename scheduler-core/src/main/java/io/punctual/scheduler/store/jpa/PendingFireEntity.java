package io.punctual.scheduler.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A retry or trigger waiting to be claimed. {@code held}: a retry found due while its job was at max
 * instances or paused; it is released when a run of the job ends or the job is resumed.
 */
@Entity(name = "PunctualPendingFire")
@Table(name = "punctual_pending_fire", indexes = {
        @Index(name = "punctual_pending_fire_due_idx", columnList = "held, due"),
        @Index(name = "punctual_pending_fire_job_idx", columnList = "job_id")})
class PendingFireEntity {

    @Id
    @Column(name = "id", length = 36)
    String id;

    @Column(name = "job_id", nullable = false, length = 200)
    String jobId;

    @Column(name = "due", nullable = false)
    long due;

    @Column(name = "scheduled_time", nullable = false)
    long scheduledTime;

    @Column(name = "attempt", nullable = false)
    int attempt;

    @Column(name = "origin", nullable = false, length = 20)
    String origin;

    @Column(name = "priority", nullable = false)
    int priority;

    @Column(name = "held", nullable = false)
    boolean held;

    /** A note for the run's history row, e.g. "triggered by alice". */
    @Column(name = "detail", length = io.punctual.scheduler.store.PendingFire.MAX_DETAIL)
    String detail;

    protected PendingFireEntity() {
    }

    PendingFireEntity(String id, String jobId, long due, long scheduledTime, int attempt, String origin, int priority,
                      String detail) {
        this.id = id;
        this.jobId = jobId;
        this.due = due;
        this.scheduledTime = scheduledTime;
        this.attempt = attempt;
        this.origin = origin;
        this.priority = priority;
        this.detail = detail;
    }
}
