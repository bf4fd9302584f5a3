package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.policy.ClaimOrder;
import io.punctual.scheduler.policy.FirePlan;
import io.punctual.scheduler.policy.FirePlanner;
import io.punctual.scheduler.policy.FirePlanner.PendingDecision;
import io.punctual.scheduler.policy.MissedFires;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One {@code claimDue} call, inside one transaction. Every row it changes belongs to a job whose row it holds
 * locked ({@code FOR UPDATE SKIP LOCKED}: rows another node holds are passed over, never waited for), and
 * every other writer of a job's executions and pending fires takes that job's lock first. So two nodes never
 * claim one fire, and max instances, counted on the locked job row, cannot be overrun.
 *
 * <p>Its cost does not grow with the batch: what the planner needs (runs in flight, when the newest started, the
 * open skip summary row) is on the job row, so the claim reads the due jobs, the tags of those that have some and,
 * only when pending fires are due, those. Job and execution rows are read and written through {@link FireRows} (plain
 * JDBC, written in batches when the caller calls {@link FireRows#write}); pending fires are entities, written at commit.
 */
final class ClaimTransaction {

    private final EntityManager em;
    private final FireRows rows;
    private final Instant now;
    private final long nowMicros;
    private final long horizonMicros;
    private final String node;
    private final List<Fire> fires = new ArrayList<>();
    private final List<ExecutionRecord> notRun = new ArrayList<>();
    private final Map<String, JobEntity> jobs = new LinkedHashMap<>();
    private final Map<String, JobDefinition> definitions = new HashMap<>();
    private final Map<String, ExecutionEntity> skipRows = new HashMap<>();
    /** The locked jobs whose rows were read (their definitions are in {@link #definitions}, unless they cannot be read). */
    private final Set<String> loaded = new java.util.HashSet<>();
    private final UnreadableJobs unreadable;
    private final ClaimFloor floor;
    /** The last due job locked when {@link #lockDue} locked as many as it could (there may be more), else null. */
    private ClaimOrder dueEnd;

    /** @param ahead also claim fires due this long after {@code now} whose jobs have no run in flight */
    ClaimTransaction(EntityManager em, FireRows rows, UnreadableJobs unreadable, ClaimFloor floor, Instant now,
                     java.time.Duration ahead, String node) {
        this.em = em;
        this.floor = floor;
        this.rows = rows;
        this.unreadable = unreadable;
        this.now = now;
        this.nowMicros = Micros.of(now);
        this.horizonMicros = Micros.of(now.plus(ahead));
        this.node = node;
    }

    /**
     * Claims at most {@code limit} fires, and never more than {@link IdParameters#MAX} in one transaction, in
     * {@link ClaimOrder} across the due jobs and the pending fires: each is read in that order, at most {@code limit} of it,
     * and the two are merged. A read that came back full may have left rows behind its last one, so nothing ordered after
     * that row is taken in this claim: the rows left behind go first, in the next claim.
     */
    ClaimBatch run(int requested) {
        int limit = Math.min(requested, IdParameters.MAX);
        List<PendingFireEntity> pending = duePending(limit);
        ClaimOrder pendingEnd = pending.size() == limit ? order(pending.get(limit - 1)) : null;
        List<JobEntity> due = lockDue(limit);
        // a job this node cannot read keeps its pending fires
        pending = pending.stream().filter(p -> definitions.containsKey(p.jobId)).toList();
        List<ClaimOrder> dueOrder = due.stream().map(ClaimTransaction::order).toList(); // as read: claims change the jobs
        int p = 0;
        int d = 0;
        while (fires.size() < limit) {
            ClaimOrder scheduleHead = d < due.size() ? dueOrder.get(d) : dueEnd;
            ClaimOrder pendingHead = p < pending.size() ? order(pending.get(p)) : pendingEnd;
            if (ClaimOrder.pendingNext(scheduleHead, pendingHead)) {
                if (p == pending.size()) {
                    break;
                }
                PendingFireEntity fire = pending.get(p++);
                claimPending(jobs.get(fire.jobId), fire);
            } else {
                if (d == due.size()) {
                    break;
                }
                claimSchedule(due.get(d++));
            }
        }
        return fires.isEmpty() && notRun.isEmpty() ? ClaimBatch.EMPTY : new ClaimBatch(List.copyOf(fires), List.copyOf(notRun));
    }

    /** Where a locked due job's schedule fire goes in {@link ClaimOrder}: where the claim index put it. */
    private static ClaimOrder order(JobEntity job) {
        return new ClaimOrder(job.claimDue == null ? Instant.MAX : Micros.toInstant(job.claimDue), job.policy.priority, job.id);
    }

    private static ClaimOrder order(PendingFireEntity fire) {
        return new ClaimOrder(Micros.toInstant(fire.due), fire.priority, fire.jobId);
    }

    /**
     * Locks at most {@code limit} due jobs this node can read, and reads them. A row it cannot read is set aside
     * ({@link UnreadableJobs}) and the due jobs are locked again without it: it takes no slot of this claim, though it may
     * sort first (with one free worker, a claim would otherwise lock it alone, and claim nothing, for ever).
     */
    private List<JobEntity> lockDue(int limit) {
        ClaimFloor.Position from = floor.start();
        while (true) {
            List<String> excluded = unreadable.excluded();
            FireRows.Locked locked = rows.lockDue(from, horizonMicros, limit, excluded);
            List<JobEntity> due = locked.rows();
            floor.scanned(locked.first(), locked.last(), due.size(), limit); // a short scan ends the backlog
            due.forEach(j -> jobs.putIfAbsent(j.id, j));
            dueEnd = due.size() == limit ? order(due.get(limit - 1)) : null;
            if (load() || unreadable.excluded().size() <= excluded.size()) {
                return due.stream().filter(j -> definitions.containsKey(j.id)).toList();
            }
        }
    }

    /** Retries and triggers due now whose jobs this transaction could lock; their jobs join {@link #jobs}. */
    private List<PendingFireEntity> duePending(int limit) {
        List<String> candidates = rows.duePendingJobIds(nowMicros, limit, unreadable.excluded());
        if (candidates.isEmpty()) {
            return List.of();
        }
        rows.lockSkipLocked(Set.copyOf(candidates)).forEach(j -> jobs.put(j.id, j));
        if (jobs.isEmpty()) {
            return List.of();
        }
        // read again under the job locks (a locking read: the latest rows, whatever the isolation level):
        // another node may have claimed some of them in between
        // one query: at most limit ids, at most IdParameters.MAX (see run), so the order and the limit hold
        return IdParameters.list(em, "select p from PunctualPendingFire p where p.jobId in :ids and p.held = false"
                        + " and p.due <= :now order by p.due, p.priority desc, p.jobId, p.id", PendingFireEntity.class, jobs.keySet(),
                q -> q.setParameter("now", nowMicros).setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(limit));
    }

    /**
     * The definitions and tags of the jobs locked since the last call, and the skip summary rows that claims may extend:
     * one query each. Returns false when one of those jobs cannot be read by this node (it is then set aside).
     */
    private boolean load() {
        List<JobEntity> fresh = jobs.values().stream().filter(j -> !loaded.contains(j.id)).toList();
        if (fresh.isEmpty()) {
            return true;
        }
        List<String> tagged = fresh.stream().filter(j -> j.tagged).map(j -> j.id).toList();
        Map<String, Set<String>> tags = StoreQueries.tags(em, tagged);
        List<String> skipRowIds = new ArrayList<>();
        boolean allRead = true;
        for (JobEntity job : fresh) {
            loaded.add(job.id);
            JobDefinition definition = unreadable.read(job, tags.getOrDefault(job.id, Set.of()));
            if (definition == null) {
                allRead = false;
                continue;
            }
            definitions.put(job.id, definition);
            if (job.skipRowId != null) {
                skipRowIds.add(job.skipRowId);
            }
        }
        rows.executions(skipRowIds).forEach(e -> skipRows.put(e.id, e));
        return allRead;
    }

    /** A retry waits while its job is at its limit or paused; a trigger at the limit is skipped. */
    private void claimPending(JobEntity job, PendingFireEntity p) {
        FireOrigin origin = FireOrigin.valueOf(p.origin);
        PendingDecision decision = FirePlanner.planPending(origin, job.running, job.policy.maxInstances, job.paused, job.orphaned,
                job.enabled);
        if (decision == PendingDecision.HOLD) {
            p.held = true;
            job.heldRetries = true; // the end of one of its runs (or a resume) releases it
            return;
        }
        em.remove(p);
        Instant scheduled = Micros.toInstant(p.scheduledTime);
        if (decision == PendingDecision.SKIP) {
            recordNotRun(job, FirePlanner.skippedPending(scheduled, p.detail));
        } else {
            fires.add(startRun(job, scheduled, Micros.toInstant(p.due), p.attempt, origin, p.detail, nowMicros));
        }
    }

    private void claimSchedule(JobEntity job) {
        if (job.claimDue == null || job.claimDue > horizonMicros) {
            return; // locked for a pending fire only
        }
        Instant at = FirePlanner.decideAt(Micros.toInstant(job.claimDue), now, job.running);
        if (at == null) {
            return; // due after now with a run in flight, which may end before then: decided at its due time
        }
        FirePlan plan = FirePlanner.plan(StoreQueries.record(job, definitions.get(job.id), 0), at);
        if (plan.waiting()) {
            // nothing changes until a run of this job ends: out of the claim index until then
            job.waiting = true;
            job.refreshClaimDue();
            return;
        }
        for (MissedFires missed : plan.missed()) {
            recordNotRun(job, missed);
        }
        if (plan.run() != null) {
            fires.add(startRun(job, plan.run(), plan.run(), 1, FireOrigin.SCHEDULE, null, Micros.of(at)));
        }
        StoreQueries.setNext(job, plan.next());
        job.refreshClaimDue();
    }

    /** @param startMicros when the run starts: now, or the due time of a fire claimed ahead */
    private Fire startRun(JobEntity job, Instant scheduledTime, Instant dueTime, int attempt, FireOrigin origin, String detail,
                          long startMicros) {
        job.version++;
        job.lastFire = startMicros;
        job.running++;
        job.latestRunStart = job.latestRunStart == null ? startMicros : Math.max(job.latestRunStart, startMicros);
        ExecutionEntity run = new ExecutionEntity(UUID.randomUUID().toString(), job.id, Micros.of(scheduledTime), node, attempt);
        run.startTime = startMicros;
        run.fence = job.version;
        run.origin = origin.name();
        if (!job.holdRun(run)) { // the job's row holds another run in flight: this one gets its execution row now
            rows.insert(run);
        }
        return new Fire(run.id, job.id, scheduledTime, dueTime, attempt, origin, job.version, definitions.get(job.id), detail);
    }

    /** Writes the row of fires that did not run; consecutive skips extend one summary row (the job row is locked). */
    private void recordNotRun(JobEntity job, MissedFires missed) {
        ExecutionEntity last = job.skipRowId == null ? null : skipRows.get(job.skipRowId);
        boolean extending = last != null && missed.extendsSkipRow(Outcome.valueOf(last.outcome), last.detail);
        // the row for these fires alone, what listeners are told; under the summary's id when it extends that one
        ExecutionEntity row = new ExecutionEntity(extending ? last.id : UUID.randomUUID().toString(), job.id,
                Micros.of(missed.firstDue()), node, 1);
        row.endTime = nowMicros;
        row.outcome = missed.outcome().name();
        row.count = missed.count();
        row.detail = missed.detail();
        notRun.add(StoreQueries.history(row));
        if (extending) {
            MissedFires merged = missed.after(last.count, Micros.toInstant(last.scheduledTime));
            last.count = merged.count();
            last.detail = merged.detail();
            last.endTime = nowMicros;
            last.node = node;
            return;
        }
        rows.insert(row);
        job.skipRowId = missed.outcome() == Outcome.SKIPPED ? row.id : null;
        if (job.skipRowId != null) {
            skipRows.put(row.id, row);
        }
    }
}
