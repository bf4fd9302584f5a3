package io.punctual.scheduler.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One execution row: a run in flight while {@code endTime} is null (its {@code startTime} is then the claim
 * time), afterwards a history row; also the summary rows of fires that did not run.
 */
@Entity(name = "PunctualExecution")
@Table(name = "punctual_execution", indexes = {
        @Index(name = "punctual_execution_job_idx", columnList = "job_id, end_time"),
        @Index(name = "punctual_execution_node_idx", columnList = "node, end_time"),
        @Index(name = "punctual_execution_end_idx", columnList = "end_time")})
class ExecutionEntity {

    @Id
    @Column(name = "id", length = 36)
    String id;

    @Column(name = "job_id", nullable = false, length = 200)
    String jobId;

    @Column(name = "scheduled_time", nullable = false)
    long scheduledTime;

    @Column(name = "start_time")
    Long startTime;

    @Column(name = "end_time")
    Long endTime;

    @Column(name = "outcome", length = 20)
    String outcome;

    @Column(name = "node", length = 200)
    String node;

    @Column(name = "attempt", nullable = false)
    int attempt;

    @Column(name = "fire_count", nullable = false)
    long count;

    @Column(name = "error", length = 1_000_000)
    String error;

    @Column(name = "detail", length = 1_000_000)
    String detail;

    /** The job's version when this run was claimed; a completion must carry the same. */
    @Column(name = "fence", nullable = false)
    long fence;

    /**
     * Why the run was claimed ({@link io.punctual.scheduler.store.FireOrigin}'s name), so that a run recorded lost with
     * its node is planned as its own end would be; null on the rows of fires that did not run.
     */
    @Column(name = "origin", length = 20)
    String origin;

    protected ExecutionEntity() {
    }

    ExecutionEntity(String id, String jobId, long scheduledTime, String node, int attempt) {
        this.id = id;
        this.jobId = jobId;
        this.scheduledTime = scheduledTime;
        this.node = node;
        this.attempt = attempt;
        this.count = 1;
    }
}
