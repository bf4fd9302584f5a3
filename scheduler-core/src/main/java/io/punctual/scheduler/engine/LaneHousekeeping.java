package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * A store lane's housekeeping: this node's heartbeat and the store clock's offset, runs of lost nodes and of a previous
 * process of this node recorded lost, and the purge of old history, each at its own interval. It runs on a thread of
 * its own (the engine's when a test drives it), so a node whose claims are slow or busy still says it is alive.
 */
final class LaneHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(LaneHousekeeping.class);
    private static final Duration HISTORY_PURGE_INTERVAL = Duration.ofMinutes(1);

    private final JobStore store;
    private final StoreClock time;
    private final StoreHealth health;
    private final EngineSettings settings;
    private final Listeners listeners;
    private boolean previousProcessRecovered;
    private volatile Instant nextHeartbeat = Instant.MIN;
    private volatile Instant nextPurge = Instant.MIN;
    /**
     * What {@link #run} is asking the store, for the log when the store fails it. Housekeeping runs on one thread at a
     * time (its own, or the engine's when a test drives it), which reads it after the failure.
     */
    private volatile String step = "housekeeping";

    LaneHousekeeping(JobStore store, StoreClock time, StoreHealth health, EngineSettings settings, Listeners listeners) {
        this.store = store;
        this.time = time;
        this.health = health;
        this.settings = settings;
        this.listeners = listeners;
    }

    /** What the housekeeping under way, or the last one, asked the store: for the log when the store failed it. */
    String step() {
        return step;
    }

    /** Before this node claims anything: runs a previous process of the same node left in flight are lost. */
    void recoverPreviousProcess() {
        if (previousProcessRecovered) {
            return;
        }
        for (ExecutionRecord r : store.recoverRunsOfPreviousProcess(settings.nodeId(), time.now())) {
            log.warn("Job '{}': execution {} was still in flight when node {} restarted; recorded as lost",
                    r.jobId(), r.executionId(), r.node());
            listeners.tellLost(r);
        }
        previousProcessRecovered = true;
    }

    /** On its own thread: the housekeeping, when its heartbeat is due and the store may be tried. */
    void runIfDue() {
        Instant now = time.now();
        if (!health.mayTry(now) || now.isBefore(nextHeartbeat)) {
            return;
        }
        try {
            run(now);
        } catch (RuntimeException e) {
            health.failed(e, time.now(), step);
        }
    }

    /** When the next heartbeat is due (store time): now before the first. */
    Instant nextDue() {
        return nextHeartbeat.isBefore(Instant.MIN.plusSeconds(1)) ? time.now() : nextHeartbeat;
    }

    /** The scheduler starts again: a heartbeat is due at once. */
    void restart() {
        nextHeartbeat = Instant.MIN;
    }

    /** The housekeeping, if its heartbeat is due at {@code now}; what the store throws is the caller's to handle. */
    void run(Instant now) {
        if (now.isBefore(nextHeartbeat)) {
            return;
        }
        nextHeartbeat = now.plus(settings.heartbeatInterval());
        step = "reading the store's clock";
        time.measure();
        step = "writing this node's heartbeat";
        store.heartbeat(settings.nodeId(), time.now());
        step = "looking for runs of lost nodes";
        // only a node that has itself reached the store for a whole node-timeout can tell silence from its own outage
        if (health.answeredThroughout(settings.nodeTimeout(), time.now())) {
            for (ExecutionRecord r : store.recoverLostRuns(time.now(), settings.nodeTimeout())) {
                log.warn("Job '{}': execution {} on node {} was lost ({})", r.jobId(), r.executionId(), r.node(), r.detail());
                listeners.tellLost(r);
            }
        }
        if (!now.isBefore(nextPurge)) {
            step = "purging old history";
            store.deleteHistoryBefore(time.now().minus(settings.historyRetention()));
            nextPurge = now.plus(HISTORY_PURGE_INTERVAL); // retention is days: a purge a minute is plenty
        }
    }
}
