package io.punctual.scheduler.store.memory;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.policy.ClaimOrder;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.NextFire;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The mutable state of one job inside {@link InMemoryJobStore}; guarded by the store's lock. */
final class MemoryJobSlot {

    JobDefinition definition;
    boolean paused;
    boolean orphaned;
    NextFire next;
    int pendingFires;
    Instant lastFireTime;
    Outcome lastOutcome;
    int consecutiveFailures;
    long version;
    /** The run in flight when there is one (most jobs): its execution id and start, kept without a map. */
    private String soleRun;
    private Instant soleRunStart;
    /** The starts of the runs in flight by execution id, once two are in flight at a time; null before. */
    private Map<String, Instant> runStarts;
    /** Newest first; null until the first row: a job waiting for its first fire (most of a busy store) holds no collections. */
    private Deque<ExecutionRecord> history;

    /** Read only: never written through (an empty job's history). */
    private static final Deque<ExecutionRecord> NO_HISTORY = new ArrayDeque<>(0);

    MemoryJobSlot(JobDefinition definition, NextFire next) {
        this.definition = definition;
        this.next = next;
    }

    /** How many runs of this job are in flight. */
    int running() {
        return runStarts != null ? runStarts.size() : soleRun != null ? 1 : 0;
    }

    void startRun(String executionId, Instant start) {
        if (runStarts == null && soleRun == null) {
            soleRun = executionId;
            soleRunStart = start;
            return;
        }
        if (runStarts == null) {
            runStarts = new HashMap<>(4);
            runStarts.put(soleRun, soleRunStart);
            soleRun = null;
            soleRunStart = null;
        }
        runStarts.put(executionId, start);
    }

    /** Ends a run in flight; false when this job has no such run in flight (the completion is not this slot's to take). */
    boolean endRun(String executionId) {
        if (runStarts != null) {
            return runStarts.remove(executionId) != null;
        }
        if (executionId.equals(soleRun)) {
            soleRun = null;
            soleRunStart = null;
            return true;
        }
        return false;
    }

    /** When the newest run in flight was claimed, or null. */
    Instant latestRunStart() {
        if (runStarts == null) {
            return soleRunStart;
        }
        Instant latest = null;
        for (Instant start : runStarts.values()) {
            if (latest == null || start.isAfter(latest)) {
                latest = start;
            }
        }
        return latest;
    }

    /** The history rows, newest first, to read (and to remove from when not empty). */
    Deque<ExecutionRecord> history() {
        return history == null ? NO_HISTORY : history;
    }

    /** The history rows, to add to. */
    Deque<ExecutionRecord> historyForUpdate() {
        if (history == null) {
            history = new ArrayDeque<>(2);
        }
        return history;
    }

    boolean claimable() {
        return next != null && !paused && !orphaned && definition.enabled();
    }

    /** Where the job's next fire sits in the store's index of due jobs. */
    ClaimOrder dueKey() {
        return new ClaimOrder(next.due(), definition.policy().priority(), definition.id());
    }

    JobRecord toRecord() {
        return new JobRecord(definition, paused, orphaned, next, running(), latestRunStart(), pendingFires,
                lastFireTime, lastOutcome, consecutiveFailures);
    }
}
