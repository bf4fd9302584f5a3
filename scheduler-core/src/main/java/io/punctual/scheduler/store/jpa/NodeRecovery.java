package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.policy.CompletionPlanner;
import io.punctual.scheduler.policy.CompletionPlanner.CompletionPlan;
import io.punctual.scheduler.store.FireOrigin;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Heartbeats of nodes, and recovery of the runs of nodes that fell silent. Called inside the store's transactions. */
final class NodeRecovery {

    private NodeRecovery() {
    }

    /** Records that {@code node} is alive; returns whether another node has a row (alive, or not yet found lost). */
    static boolean heartbeat(EntityManager em, String node, Instant now) {
        NodeEntity row = em.find(NodeEntity.class, node, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            em.persist(new NodeEntity(node, Micros.of(now)));
        } else {
            row.lastHeartbeat = Math.max(row.lastHeartbeat, Micros.of(now));
        }
        return em.createQuery("select count(n) from PunctualNode n where n.id <> :node", Long.class)
                .setParameter("node", node).getSingleResult() > 0;
    }

    /** Records the runs in flight of nodes silent for longer than {@code nodeTimeout} as lost; see {@link JpaJobStore#recoverLostRuns}. */
    static List<ExecutionRecord> recover(EntityManager em, Instant now, Duration nodeTimeout, UnreadableJobs unreadable) {
        List<NodeEntity> lost = StoreQueries.skipLocked(em.createQuery(
                        "select n from PunctualNode n where n.lastHeartbeat < :cutoff order by n.id", NodeEntity.class))
                .setParameter("cutoff", Micros.of(now.minus(nodeTimeout))).getResultList();
        if (lost.isEmpty()) {
            return List.<ExecutionRecord>of();
        }
        Map<String, String> reasons = new java.util.HashMap<>();
        lost.forEach(n -> reasons.put(n.id, "node " + n.id + " silent since " + Micros.toInstant(n.lastHeartbeat)));
        List<ExecutionRecord> written = loseRunsOf(em, reasons, now, unreadable);
        // a node's row goes only when none of its runs is left in flight: a run claimed under it after this recovery
        // looked (a silent node need not be dead) is left to the next recovery, which finds it through this row
        em.flush(); // the runs just recorded lost (the store's transactions flush only at commit otherwise)
        Set<String> busy = new java.util.HashSet<>(em.createQuery("select distinct e.node from PunctualExecution e"
                + " where e.node in :nodes and e.endTime is null", String.class).setParameter("nodes", reasons.keySet()).getResultList());
        busy.addAll(em.createQuery("select distinct j.runNode from PunctualJob j where j.runNode in :nodes", String.class)
                .setParameter("nodes", reasons.keySet()).getResultList());
        lost.stream().filter(n -> !busy.contains(n.id)).forEach(em::remove);
        return written;
    }

    /**
     * Runs still in flight under {@code node} when a process with that node id starts: they belong to a
     * previous process of the node (stopped without recording them, e.g. killed), since the new one has run nothing yet.
     */
    static List<ExecutionRecord> recoverRestarted(EntityManager em, String node, Instant now, UnreadableJobs unreadable) {
        return loseRunsOf(em, Map.of(node, "node " + node + " restarted while this run was in flight"), now, unreadable);
    }

    /** Records the runs in flight of {@code reasons}' nodes as lost, each with its node's reason as detail. */
    private static List<ExecutionRecord> loseRunsOf(EntityManager em, Map<String, String> reasons, Instant now,
                                                    UnreadableJobs unreadable) {
        TreeSet<String> jobIds = new TreeSet<>(em.createQuery("select distinct e.jobId from PunctualExecution e"
                + " where e.node in :nodes and e.endTime is null", String.class).setParameter("nodes", reasons.keySet()).getResultList());
        // and the jobs whose row holds a run of these nodes (JobEntity#runId): no index serves this look-up, recovery is
        // rare (a node lost, a node restarted) and an index on the slot would cost every claim and completion an entry
        jobIds.addAll(em.createQuery("select j.id from PunctualJob j where j.runNode in :nodes", String.class)
                .setParameter("nodes", reasons.keySet()).getResultList());
        if (jobIds.isEmpty()) {
            return List.of();
        }
        Map<String, JobEntity> jobs = new java.util.HashMap<>();
        StoreQueries.lockJobs(em, jobIds).forEach(j -> jobs.put(j.id, j)); // all at once, in id order: no deadlock with completers
        moveHeldRuns(em, jobs.values(), reasons.keySet());
        // a locking read, after the job locks: runs completed meanwhile are not taken for lost
        List<ExecutionEntity> runs = em.createQuery("select e from PunctualExecution e where e.node in :nodes"
                        + " and e.endTime is null order by e.startTime, e.id", ExecutionEntity.class)
                .setParameter("nodes", reasons.keySet()).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        List<ExecutionRecord> written = new ArrayList<>();
        for (ExecutionEntity run : runs) {
            JobEntity job = jobs.get(run.jobId);
            if (job == null) {
                continue; // claimed after this recovery looked: the next one takes it, under its job's lock
            }
            run.endTime = Micros.of(now);
            run.outcome = Outcome.LOST.name();
            run.detail = reasons.get(run.node);
            lose(em, job, run, now, unreadable);
            written.add(StoreQueries.history(run));
        }
        if (!written.isEmpty()) {
            StoreQueries.releaseHeld(em, jobs.keySet());
            jobs.values().forEach(j -> j.heldRetries = false);
        }
        written.sort(Comparator.comparing(ExecutionRecord::jobId));
        return written;
    }

    /**
     * Moves the runs of {@code nodes} that the locked {@code jobs}' rows hold ({@link JobEntity#runId}) into execution rows
     * in flight, so that recovery finds them where it finds every other run in flight.
     */
    private static void moveHeldRuns(EntityManager em, java.util.Collection<JobEntity> jobs, Set<String> nodes) {
        boolean moved = false;
        for (JobEntity job : jobs) {
            if (job.runNode != null && nodes.contains(job.runNode)) {
                em.persist(job.slotRun());
                job.clearSlot();
                moved = true;
            }
        }
        if (moved) {
            em.flush(); // the query below reads the execution rows (the store's transactions flush only at commit otherwise)
        }
    }

    /**
     * Records {@code run} lost: its job's slot is released, and its retry and next fire are planned as for any failed
     * attempt. For a job whose definition this node cannot read ({@link UnreadableJobs}) nothing can be planned: the run is
     * recorded lost without a retry (its detail says so) and the job keeps its next fire; the job's other runs, and the
     * other jobs' runs, are recovered all the same.
     */
    private static void lose(EntityManager em, JobEntity job, ExecutionEntity run, Instant now, UnreadableJobs unreadable) {
        job.lastOutcome = Outcome.LOST.name();
        job.consecutiveFailures++;
        StoreQueries.releaseSlot(job);
        JobDefinition definition = unreadable.read(job, Set.of());
        if (definition == null) {
            run.detail = run.detail + "; not retried: this node cannot read the job's definition";
        } else {
            // the plan of any attempt that ends as a failure, for the fire the run came from (a fixed delay's next fire
            // follows the schedule's run only, not a trigger's or a retry's), its backoff's jitter drawn from the run's id
            CompletionPlan plan = CompletionPlanner.plan(definition, origin(run), Micros.toInstant(run.scheduledTime),
                    run.attempt, Outcome.LOST, now, new SplittableRandom(run.id.hashCode()), null);
            if (plan.retry() != null) {
                StoreQueries.addPending(em, job, plan.retry());
            }
            if (plan.next() != null && job.nextDue == null) {
                StoreQueries.setNext(job, plan.next());
            }
        }
        job.waiting = false;
        job.refreshClaimDue();
    }

    /** Why the run was claimed (null only on rows of fires that did not run, which are never in flight). */
    private static FireOrigin origin(ExecutionEntity run) {
        return run.origin == null ? null : FireOrigin.valueOf(run.origin);
    }
}
