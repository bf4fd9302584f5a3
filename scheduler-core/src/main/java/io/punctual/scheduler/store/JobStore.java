package io.punctual.scheduler.store;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs, their next fires, runs in flight and history live. Shaped for a database shared by several
 * nodes: the engine never reads a due job and then runs it; it asks the store to <em>claim</em> due fires,
 * and what a claim returns is the only permission to run.
 *
 * <p>Stores apply the decisions of {@link io.punctual.scheduler.policy.FirePlanner} (misfire, coalesce,
 * max instances) inside the same atomic step as the claim, so that two nodes can never both decide to run
 * one fire. Implementations must be thread-safe. Methods throw {@link StoreUnavailableException} when the
 * backing storage cannot be reached; the engine then retries with backoff.
 */
public interface JobStore {

    /** A short name for logs and the endpoint, e.g. {@code memory} or {@code jpa}. */
    String name();

    /**
     * Adds a job, or updates the definition of a stored one. A new job, or one whose schedule changed, gets
     * its first fire from {@link io.punctual.scheduler.policy.FirePlanner#initial}; otherwise the stored next
     * fire, pause state and history are kept. An orphaned job declared again is no longer orphaned.
     */
    JobRecord save(JobDefinition definition, Instant now);

    /**
     * Saves the job with {@code schedule} instead of its stored schedule, and the rest of its stored definition, as
     * {@link #save} does. A store that cannot read the stored schedule replaces it without reading it.
     *
     * @throws io.punctual.scheduler.NoSuchJobException when there is no such job
     * @throws io.punctual.scheduler.UnreadableJobException when the part of the stored definition that is kept cannot be read
     */
    default JobRecord reschedule(String jobId, io.punctual.scheduler.Schedule schedule, Instant now) {
        JobRecord stored = find(jobId).orElseThrow(() -> new io.punctual.scheduler.NoSuchJobException(jobId));
        if (stored.definition() == null) {
            throw stored.unreadable().problem();
        }
        return save(stored.definition().withSchedule(schedule), now);
    }

    /** Removes a job, its pending fires and its history. Returns whether it existed. */
    boolean remove(String jobId);

    Optional<JobRecord> find(String jobId);

    /** All jobs, in id order. */
    List<JobRecord> findAll();

    /** How many dynamic jobs each handler has. */
    default java.util.Map<String, Long> countDynamicByHandler() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        findAll().stream().filter(r -> r.definition().isDynamic())
                .forEach(r -> counts.merge(r.definition().handler(), 1L, Long::sum));
        return counts;
    }

    /** Marks stored jobs that are not in {@code declaredIds} and not dynamic as orphaned. Returns their ids. */
    List<String> markOrphans(java.util.Set<String> declaredIds);

    /** Pauses or resumes one job. Returns false when there is no such job. */
    boolean setPaused(String jobId, boolean paused);

    /**
     * Atomically claims fires due at {@code now}: pending fires (retries, triggers) and the schedules of
     * unpaused, enabled jobs, in order of due time then priority (higher first); at most {@code limit} fires are
     * returned (the engine passes its free workers), and at most {@code limit} jobs looked at. For each, applies the planner's decision: writes history rows for fires that do not run,
     * records a run in flight for each fire returned, and advances the job's next fire.
     */
    ClaimBatch claimDue(Instant now, int limit, String node);

    /**
     * Records {@code completions} as {@link #completeAll} does, then claims as {@link #claimDue} does. A store that
     * can do both in one atomic step (one database transaction) does, which halves the commits of a busy node: the
     * workers that ended runs are the ones the claim fills again. Failure semantics are those of the claim: on
     * {@link ClaimCommitUnknownException} the completions are handed again (they are idempotent). The turnover also
     * carries {@link #nextDueTime()} as it stands after the claim, read in the same step where the store can.
     */
    default Turnover completeAndClaim(List<Completion> completions, Instant now, int limit, String node) {
        return completeAndClaim(completions, now, java.time.Duration.ZERO, limit, node);
    }

    /**
     * As {@link #completeAndClaim(List, Instant, int, String)}, also claiming fires due within {@code ahead} after
     * {@code now} whose jobs have no run in flight: such a fire is decided as at its due time, and its
     * {@link Fire#dueTime()} is in the future; the engine starts it at that time, not before. A store whose
     * claims are quick (the default) claims only what is due at {@code now}.
     */
    default Turnover completeAndClaim(List<Completion> completions, Instant now, java.time.Duration ahead, int limit, String node) {
        CompletionResult completed = completions.isEmpty() ? CompletionResult.NOTHING : completeAll(completions);
        ClaimBatch claimed = limit < 1 ? ClaimBatch.EMPTY : claimDue(now, limit, node);
        return new Turnover(completed, claimed, nextDueTime());
    }

    /**
     * Whether each call is a round trip to a server (a database) rather than work in this process. The engine then
     * writes outcomes itself, together with its next claim (one transaction for both), instead of letting each
     * worker write its run's outcome at once; an outcome still reaches the store within milliseconds.
     */
    default boolean remote() {
        return false;
    }

    /**
     * The most fires one claim returns, whatever its {@code limit}: a claim of more is answered with at most this many.
     * The engine asks for no more, so that a claim that returns as many as it asked for means more may be due, and it
     * claims again at once. Unbounded by default.
     */
    default int maxClaim() {
        return Integer.MAX_VALUE;
    }

    /** The earliest due time of anything claimable, to know how long the engine may sleep. */
    Optional<Instant> nextDueTime();

    /** Queues a retry or a trigger. */
    void addPendingFire(PendingFire fire);

    /**
     * Records the outcomes of claimed fires in one atomic step: for each, the history row, the release of its
     * instance slot, its retry and the next fire of a schedule computed from the run's end. Idempotent by
     * execution id: a completion already recorded with the same outcome is not written again (a commit whose
     * answer was lost is simply handed again). A completion whose claim is no longer held (taken over after this
     * node was declared lost) is refused and writes nothing.
     */
    CompletionResult completeAll(List<Completion> completions);

    /** Records one outcome; see {@link #completeAll}. Returns false when it was refused. */
    default boolean complete(Completion completion) {
        return completeAll(List.of(completion)).refused().isEmpty();
    }

    /**
     * Of the given execution ids, those the store holds as runs in flight. After a claim's commit failed with an
     * unknown outcome ({@link ClaimCommitUnknownException}), this tells which of its runs were committed.
     */
    default java.util.Set<String> runsInFlight(java.util.Collection<String> executionIds) {
        return java.util.Set.of();
    }

    /**
     * Of the rows a claim returned for fires that did not run ({@link ClaimBatch#notRun}), the execution ids of those the
     * store holds as that claim wrote them: after the claim's commit failed with an unknown outcome
     * ({@link ClaimCommitUnknownException}), this tells whether it was committed, so that listeners are told of those
     * fires once, and not at all when it was rolled back. A row that extended a summary of skips carries the summary's
     * id, and is held when the summary ends at or after that row's end time.
     */
    default java.util.Set<String> notRunRecorded(java.util.Collection<ExecutionRecord> rows) {
        return java.util.Set.of();
    }

    /**
     * Asks the store to call {@code onChange} when another node changed something that may be claimable sooner (a
     * job saved, triggered or resumed), so the engine need not wait for its next poll. Returns what stops it.
     * Stores that cannot tell return a no-op; the engine then polls.
     */
    default AutoCloseable watch(Runnable onChange) {
        return () -> { };
    }

    /**
     * The store's own clock, when it has one that every node sharing it reads (a database's): cluster decisions
     * (due checks, heartbeats, lost-node detection) then use it instead of each node's clock. Empty for a store
     * that serves one node, whose decisions keep the engine's clock. The time is the store's clock as this call
     * returns, as near as it can tell but never ahead of it: the engine takes it against its own clock read right after,
     * and a fire must not start early by it.
     */
    default Optional<Instant> currentTime() {
        return Optional.empty();
    }

    /** History of a job, newest first. */
    List<ExecutionRecord> history(String jobId, int limit);

    /** Deletes history rows that ended before {@code cutoff}. Returns how many. */
    int deleteHistoryBefore(Instant cutoff);

    /**
     * The nodes that heartbeat into this store, with their last heartbeat and runs in flight, in id order; empty for a
     * store that serves one node.
     */
    default List<io.punctual.scheduler.NodeInfo> nodes(String self) {
        return List.of();
    }

    /** Records that {@code node} is alive. Stores that serve a single node may do nothing. */
    default void heartbeat(String node, Instant now) {
    }

    /**
     * Called once when a scheduler with node id {@code node} starts, before it claims anything: runs still in
     * flight under that id belong to a previous process of the node that stopped without recording them (it was
     * killed, or lost power). They are recorded as {@code lost} and retried while attempts remain, so a node that
     * restarts faster than {@code node-timeout} does not leave them holding their jobs' instance slots forever.
     * Node ids must therefore be unique among live nodes. Returns the rows written; single-node stores return none.
     */
    default List<ExecutionRecord> recoverRunsOfPreviousProcess(String node, Instant now) {
        return List.of();
    }

    /**
     * Declares nodes silent for longer than {@code nodeTimeout} lost: their runs in flight are recorded as
     * {@code lost} and retried while attempts remain. Returns the rows written. Single-node stores return none.
     */
    default List<ExecutionRecord> recoverLostRuns(Instant now, Duration nodeTimeout) {
        return List.of();
    }
}
