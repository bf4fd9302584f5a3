package io.punctual.scheduler.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One job: its definition and its scheduling state. {@code claimDue} is the job's due time while it may be
 * claimed (enabled, not paused, not orphaned, not waiting for a run in flight to end), else null: the claim
 * and {@code nextDueTime} read only that indexed column, never the whole table.
 */
@Entity(name = "PunctualJob")
@Table(name = "punctual_job", indexes = @Index(name = "punctual_job_claim_idx", columnList = "claim_due, priority DESC, id"))
class JobEntity {

    @Id
    @Column(name = "id", length = 200)
    String id;

    @Embedded
    ScheduleColumns schedule;

    @Embedded
    PolicyColumns policy;

    @Column(name = "enabled", nullable = false)
    boolean enabled;

    @Column(name = "initial_delay", nullable = false, length = 40)
    String initialDelay;

    @Column(name = "handler_name", length = 200)
    String handler;

    @Column(name = "payload", length = 1_000_000)
    String payload;

    @Column(name = "paused", nullable = false)
    boolean paused;

    @Column(name = "orphaned", nullable = false)
    boolean orphaned;

    /** Due, but held back until a run in flight ends (the memory store's "waiting for capacity"). */
    @Column(name = "waiting", nullable = false)
    boolean waiting;

    /** Runs in flight, cluster-wide: kept on the row the claim locks, so a claim needs no query per job. */
    @Column(name = "running", nullable = false)
    int running;

    /** Whether a retry of this job is held back (at its max instances or paused): only then does a run's end release one. */
    @Column(name = "held_retries", nullable = false)
    boolean heldRetries;

    /** Whether the job has tags (in their own table): a claim reads tags only of jobs that have some. */
    @Column(name = "tagged", nullable = false)
    boolean tagged;

    /** When the newest run in flight was claimed, or null. */
    @Column(name = "latest_run_start")
    Long latestRunStart;

    /** The history row of the skips still being counted (the job's newest row), or null. */
    @Column(name = "skip_row_id", length = 36)
    String skipRowId;

    @Column(name = "next_nominal")
    Long nextNominal;

    @Column(name = "next_due")
    Long nextDue;

    @Column(name = "claim_due")
    Long claimDue;

    @Column(name = "last_fire")
    Long lastFire;

    @Column(name = "last_outcome", length = 20)
    String lastOutcome;

    @Column(name = "consecutive_failures", nullable = false)
    int consecutiveFailures;

    /**
     * The job's first run in flight, kept on the row its claim updates anyway instead of in an execution row of its own
     * ({@link #holdRun}): that run's history row is then written once, whole, when it ends, not inserted by the claim
     * and updated by the completion. In S1's drain on PostgreSQL that took a fifth of the statements, a fifth of the buffer
     * accesses and almost a third of the WAL records per job away (benchmark README, session 11).
     * A run claimed while the slot holds another gets an execution row at its claim, as every run did before. All null
     * when no run is held here. Whoever looks for runs in flight looks here too: node recovery first moves the runs held
     * here into execution rows ({@link #slotRun}), then recovers them as any other.
     */
    @Column(name = "run_id", length = 36)
    String runId;

    @Column(name = "run_node", length = 200)
    String runNode;

    @Column(name = "run_scheduled")
    Long runScheduled;

    @Column(name = "run_start")
    Long runStart;

    @Column(name = "run_attempt")
    Integer runAttempt;

    @Column(name = "run_origin", length = 20)
    String runOrigin;

    @Column(name = "run_fence")
    Long runFence;

    /** Bumped by every claim that starts a run; the run's fence token. */
    @Column(name = "version", nullable = false)
    long version;

    protected JobEntity() {
    }

    JobEntity(String id) {
        this.id = id;
    }

    /** Keeps {@code run}, just claimed, in the row's run slot when that is free; returns false when it holds another run. */
    boolean holdRun(ExecutionEntity run) {
        if (runId != null) {
            return false;
        }
        runId = run.id;
        runNode = run.node;
        runScheduled = run.scheduledTime;
        runStart = run.startTime;
        runAttempt = run.attempt;
        runOrigin = run.origin;
        runFence = run.fence;
        return true;
    }

    /** The run held in the slot as the execution row it stands for (in flight, not written anywhere), or null. */
    ExecutionEntity slotRun() {
        if (runId == null) {
            return null;
        }
        ExecutionEntity run = new ExecutionEntity(runId, id, runScheduled, runNode, runAttempt);
        run.startTime = runStart;
        run.origin = runOrigin;
        run.fence = runFence;
        return run;
    }

    /** Empties the run slot: its run ended, or it moved to an execution row. */
    void clearSlot() {
        runId = null;
        runNode = null;
        runScheduled = null;
        runStart = null;
        runAttempt = null;
        runOrigin = null;
        runFence = null;
    }

    /** Recomputes {@link #claimDue} after any change of state. */
    void refreshClaimDue() {
        claimDue = enabled && !paused && !orphaned && !waiting ? nextDue : null;
    }
}
