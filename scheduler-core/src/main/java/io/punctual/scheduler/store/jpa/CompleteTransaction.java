package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.CompletionResult;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One {@code completeAll} call, inside one transaction: locks the batch's jobs (waiting, in id order, so two
 * completers never deadlock), reads in one query the execution rows of the runs their job rows do not hold
 * ({@link JobEntity#runId}; none in the common case), and leaves the writing to
 * {@link FireRows#write} (JDBC batches) and the commit (pending fires). Its number of statements does not grow with the batch.
 */
final class CompleteTransaction {

    private final EntityManager em;
    private final FireRows rows;

    CompleteTransaction(EntityManager em, FireRows rows) {
        this.em = em;
        this.rows = rows;
    }

    CompletionResult run(List<Completion> completions) {
        if (completions.isEmpty()) {
            return CompletionResult.NOTHING;
        }
        TreeSet<String> jobIds = new TreeSet<>();
        for (Completion c : completions) {
            jobIds.add(c.fire().jobId());
        }
        Map<String, JobEntity> jobs = new HashMap<>();
        rows.lock(jobIds).forEach(j -> jobs.put(j.id, j));
        // a run its job's row holds needs no read; the others' execution rows are read in one query, when there are any
        List<String> executionIds = new ArrayList<>();
        for (Completion c : completions) {
            JobEntity job = jobs.get(c.fire().jobId());
            if (job != null && !c.fire().executionId().equals(job.runId)) {
                executionIds.add(c.fire().executionId());
            }
        }
        Map<String, ExecutionEntity> runs = new HashMap<>();
        if (!executionIds.isEmpty()) {
            rows.executions(executionIds).forEach(e -> runs.put(e.id, e));
        }
        List<Completion> refused = new ArrayList<>();
        boolean released = false;
        List<String> holding = new ArrayList<>();
        for (Completion c : completions) {
            JobEntity job = jobs.get(c.fire().jobId());
            boolean held = job != null && c.fire().executionId().equals(job.runId);
            ExecutionEntity run = held ? job.slotRun() : runs.get(c.fire().executionId());
            if (job == null || run == null || !run.jobId.equals(job.id) || run.fence != c.fire().fence()) {
                refused.add(c);
            } else if (run.outcome != null) {
                if (!run.outcome.equals(c.outcome().name())) {
                    refused.add(c); // recorded otherwise meanwhile, e.g. as lost
                } // else: recorded already, by an earlier try whose commit answer was lost
            } else {
                if (held) { // its history row is written now, once, as the run ended
                    job.clearSlot();
                    rows.insert(run);
                }
                released |= apply(job, run, c);
                if (job.heldRetries) {
                    holding.add(job.id);
                    job.heldRetries = false;
                }
            }
        }
        if (!holding.isEmpty()) {
            rows.planForValues();
            released |= StoreQueries.releaseHeld(em, holding) > 0;
        }
        return new CompletionResult(refused, released);
    }

    private boolean apply(JobEntity job, ExecutionEntity run, Completion c) {
        Instant end = c.endTime() != null ? c.endTime() : c.startTime() != null ? c.startTime() : c.fire().dueTime();
        run.startTime = Micros.of(c.startTime());
        run.endTime = Micros.of(end);
        run.outcome = c.outcome().name();
        run.node = c.node() != null ? c.node() : run.node;
        run.error = StoreQueries.storable(c.error());
        run.detail = StoreQueries.storable(c.detail());
        job.lastOutcome = c.outcome().name();
        job.consecutiveFailures = c.outcome().isFailure() ? job.consecutiveFailures + 1 : 0;
        StoreQueries.releaseSlot(job);
        boolean released = job.waiting;
        if (c.retry() != null) {
            StoreQueries.addPending(em, job, c.retry());
            released = true;
        }
        if (c.next() != null && job.nextDue == null) {
            StoreQueries.setNext(job, c.next());
            released = true;
        }
        job.waiting = false;
        job.refreshClaimDue();
        return released;
    }
}
