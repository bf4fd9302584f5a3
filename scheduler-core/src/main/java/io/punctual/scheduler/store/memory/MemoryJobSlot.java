package io.punctual.scheduler.store.memory;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
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
    // sized for the common job, one run in flight and a few history rows; both grow as needed
    final Map<String, Instant> runStarts = new HashMap<>(2);
    final Deque<io.punctual.scheduler.ExecutionRecord> history = new ArrayDeque<>(2);

    MemoryJobSlot(JobDefinition definition, NextFire next) {
        this.definition = definition;
        this.next = next;
    }

    boolean claimable() {
        return next != null && !paused && !orphaned && definition.enabled();
    }

    DueKey dueKey() {
        return new DueKey(next.due(), definition.policy().priority(), definition.id());
    }

    JobRecord toRecord() {
        Instant latest = null;
        for (Instant start : runStarts.values()) {
            if (latest == null || start.isAfter(latest)) {
                latest = start;
            }
        }
        return new JobRecord(definition, paused, orphaned, next, runStarts.size(), latest, pendingFires,
                lastFireTime, lastOutcome, consecutiveFailures);
    }

    /** Orders due jobs by due time, then priority (higher first), then id. */
    record DueKey(Instant due, int priority, String jobId) implements Comparable<DueKey> {
        @Override
        public int compareTo(DueKey o) {
            int c = due.compareTo(o.due);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(o.priority, priority);
            return c != 0 ? c : jobId.compareTo(o.jobId);
        }
    }
}
