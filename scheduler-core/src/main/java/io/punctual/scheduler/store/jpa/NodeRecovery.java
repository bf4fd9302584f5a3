package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.policy.FirePlanner;
import io.punctual.scheduler.policy.RetryBackoff;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.PendingFire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Heartbeats of nodes, and recovery of the runs of nodes that fell silent. Called inside the store's transactions. */
final class NodeRecovery {

    private NodeRecovery() {
    }

    static Void heartbeat(EntityManager em, String node, Instant now) {
        NodeEntity row = em.find(NodeEntity.class, node, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            em.persist(new NodeEntity(node, Micros.of(now)));
        } else {
            row.lastHeartbeat = Math.max(row.lastHeartbeat, Micros.of(now));
        }
        return null;
    }

    /** Records the runs in flight of nodes silent for longer than {@code nodeTimeout} as lost; see {@link JpaJobStore#recoverLostRuns}. */
    static List<ExecutionRecord> recover(EntityManager em, Instant now, Duration nodeTimeout) {
        List<NodeEntity> lost = StoreQueries.skipLocked(em.createQuery(
                        "select n from PunctualNode n where n.lastHeartbeat < :cutoff order by n.id", NodeEntity.class))
                .setParameter("cutoff", Micros.of(now.minus(nodeTimeout))).getResultList();
        if (lost.isEmpty()) {
            return List.<ExecutionRecord>of();
        }
        Map<String, Long> silentSince = new java.util.HashMap<>();
        lost.forEach(n -> silentSince.put(n.id, n.lastHeartbeat));
        List<String> jobIds = em.createQuery("select distinct e.jobId from PunctualExecution e where e.node in :nodes"
                + " and e.endTime is null", String.class).setParameter("nodes", silentSince.keySet()).getResultList();
        Map<String, JobEntity> jobs = new java.util.HashMap<>();
        StoreQueries.lockJobs(em, new TreeSet<>(jobIds)).forEach(j -> jobs.put(j.id, j));
        // a locking read, after the job locks: runs completed meanwhile are not taken for lost
        List<ExecutionEntity> runs = em.createQuery("select e from PunctualExecution e where e.node in :nodes"
                        + " and e.endTime is null order by e.startTime, e.id", ExecutionEntity.class)
                .setParameter("nodes", silentSince.keySet()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        List<ExecutionRecord> written = new ArrayList<>();
        for (ExecutionEntity run : runs) {
            JobEntity job = jobs.get(run.jobId);
            if (job == null) {
                continue; // claimed after this recovery looked: the next one takes it, under its job's lock
            }
            run.endTime = Micros.of(now);
            run.outcome = Outcome.LOST.name();
            run.detail = "node " + run.node + " silent since " + Micros.toInstant(silentSince.get(run.node));
            written.add(StoreQueries.history(run));
            lose(em, job, run, now);
        }
        lost.forEach(em::remove);
        written.sort(Comparator.comparing(ExecutionRecord::jobId));
        return written;
    }

    private static void lose(EntityManager em, JobEntity job, ExecutionEntity run, Instant now) {
        job.lastOutcome = Outcome.LOST.name();
        job.consecutiveFailures++;
        if (RetryBackoff.hasAttemptsLeft(run.attempt, job.policy.retries)) {
            StoreQueries.addPending(em, job, new PendingFire(job.id, now, Micros.toInstant(run.scheduledTime),
                    run.attempt + 1, FireOrigin.RETRY));
        } else if (job.nextDue == null && "fixedDelay".equals(job.schedule.kind)) {
            // a fixed delay learns its next fire from the run's end: this run's end is now
            StoreQueries.setNext(job, FirePlanner.after(DefinitionMapper.read(job, Set.of()), now));
        }
        job.waiting = false;
        job.refreshClaimDue();
        StoreQueries.releaseHeld(em, job.id);
    }

}
