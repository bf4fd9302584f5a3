package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.policy.CompletionPlanner;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One store's claims whose commit failed with an unknown outcome ({@link io.punctual.scheduler.store.ClaimCommitUnknownException}:
 * the connection broke after the server may have committed), kept until the store answers again and tells what it holds
 * of them. Those the store holds were committed: their fires run now (or, past their misfire grace under
 * {@code misfire=skip}, are recorded misfired), and the listeners are told of their fires that did not run, as for a claim
 * that answered. The others were rolled back and stay due in the store, for a later claim to decide and tell. Either way
 * none stays in flight on this live node, and nothing is told twice. Its lane's {@link StoreLane#pass} settles them
 * before it claims anything; the lane's engine thread alone calls {@link #settle}.
 */
final class UncertainClaims {

    private static final Logger log = LoggerFactory.getLogger(UncertainClaims.class);

    private final JobStore store;
    private final Listeners listeners;
    private final OutcomeQueue outcomes;
    private final String nodeId;
    /** Guarded by itself. */
    private final List<ClaimBatch> batches = new ArrayList<>();

    UncertainClaims(JobStore store, Listeners listeners, OutcomeQueue outcomes, String nodeId) {
        this.store = store;
        this.listeners = listeners;
        this.outcomes = outcomes;
        this.nodeId = nodeId;
    }

    /** A claim whose commit answer was lost; nothing to keep when it claimed nothing. */
    void add(ClaimBatch batch) {
        if (batch != null && !batch.isEmpty()) {
            synchronized (batches) {
                batches.add(batch);
            }
        }
    }

    /**
     * Asks the store which of the kept claims it holds, and settles them (see the class comment); the fires that run go
     * to {@code runs} for {@code lane}, a misfired one's outcome to the lane's queue, written by this pass.
     */
    void settle(RunExecutor runs, StoreLane lane) {
        List<ClaimBatch> pending;
        synchronized (batches) {
            if (batches.isEmpty()) {
                return;
            }
            pending = List.copyOf(batches);
        }
        List<String> fireIds = new ArrayList<>();
        pending.forEach(b -> b.fires().forEach(f -> fireIds.add(f.executionId())));
        Set<String> inFlight = fireIds.isEmpty() ? Set.of() : store.runsInFlight(fireIds);
        // a claim is one transaction: one of its runs in flight shows it committed; else its rows of fires not run tell
        List<ExecutionRecord> toFind = new ArrayList<>();
        for (ClaimBatch batch : pending) {
            if (!anyIn(batch.fires(), inFlight)) {
                toFind.addAll(batch.notRun());
            }
        }
        Set<String> recorded = toFind.isEmpty() ? Set.of() : store.notRunRecorded(toFind);
        Instant now = lane.now();
        for (ClaimBatch batch : pending) {
            if (anyIn(batch.fires(), inFlight) || batch.notRun().stream().anyMatch(r -> recorded.contains(r.executionId()))) {
                batch.notRun().forEach(listeners::tellMissed);
            }
            for (Fire fire : batch.fires()) {
                if (inFlight.contains(fire.executionId())) {
                    settleCommitted(fire, runs, lane, now);
                }
            }
        }
        synchronized (batches) {
            batches.removeAll(pending);
        }
    }

    private static boolean anyIn(List<Fire> fires, Set<String> executionIds) {
        for (Fire fire : fires) {
            if (executionIds.contains(fire.executionId())) {
                return true;
            }
        }
        return false;
    }

    /** A fire of an uncertain claim that the store holds in flight: it runs now, or is recorded misfired past its grace. */
    private void settleCommitted(Fire fire, RunExecutor runs, StoreLane lane, Instant now) {
        var policy = fire.definition().policy();
        boolean late = Duration.between(fire.dueTime(), now).compareTo(policy.misfireGrace()) > 0;
        if (late && policy.misfire() == MisfirePolicy.SKIP) {
            log.warn("Job '{}': execution {} was claimed by a commit whose answer was lost; past its grace, recorded misfired",
                    fire.jobId(), fire.executionId());
            // what follows as for any ended fire: a fixed delay's next fire counts from now (a misfire is no
            // failure: no retry, nothing drawn)
            var next = CompletionPlanner.plan(fire.definition(), fire.origin(), fire.scheduledTime(), fire.attempt(),
                    Outcome.MISFIRED, now, null, null).next();
            outcomes.add(new Completion(fire, Outcome.MISFIRED, null, now, nodeId, null,
                    "misfire-grace; claimed during a store outage", null, next)); // written by this pass
        } else {
            log.info("Job '{}': execution {} was claimed by a commit whose answer was lost; running it now",
                    fire.jobId(), fire.executionId());
            runs.dispatch(fire, lane);
        }
    }
}
