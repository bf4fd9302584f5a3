package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.policy.FirePlan;
import io.punctual.scheduler.policy.FirePlanner;
import io.punctual.scheduler.policy.MissedFires;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.jpa.StoreQueries.InFlight;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One {@code claimDue} call, inside one transaction. Every row it changes belongs to a job whose row it holds
 * locked ({@code FOR UPDATE SKIP LOCKED}: rows another node holds are passed over, never waited for), and
 * every other writer of a job's executions and pending fires takes that job's lock first. So two nodes never
 * claim one fire, and max instances, counted over the runs in flight of all nodes, cannot be overrun.
 */
final class ClaimTransaction {

    private final EntityManager em;
    private final Instant now;
    private final long nowMicros;
    private final String node;
    private final List<Fire> fires = new ArrayList<>();
    private final List<ExecutionRecord> notRun = new ArrayList<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final Map<String, JobDefinition> definitions = new HashMap<>();

    ClaimTransaction(EntityManager em, Instant now, String node) {
        this.em = em;
        this.now = now;
        this.nowMicros = Micros.of(now);
        this.node = node;
    }

    ClaimBatch run(int limit) {
        claimPending(limit);
        claimSchedules(limit);
        return fires.isEmpty() && notRun.isEmpty() ? ClaimBatch.EMPTY : new ClaimBatch(List.copyOf(fires), List.copyOf(notRun));
    }

    /** Retries and triggers due now, with the memory store's rules: a retry waits, a trigger at the limit is skipped. */
    private void claimPending(int limit) {
        List<String> candidates = em.createQuery("select p.jobId from PunctualPendingFire p where p.held = false and p.due <= :now"
                        + " order by p.due, p.priority desc, p.id", String.class)
                .setParameter("now", nowMicros).setMaxResults(limit).getResultList();
        if (candidates.isEmpty()) {
            return;
        }
        Map<String, JobEntity> jobs = new HashMap<>();
        for (JobEntity job : StoreQueries.lockJobsSkipLocked(em, new LinkedHashSet<>(candidates))) {
            jobs.put(job.id, job);
        }
        if (jobs.isEmpty()) {
            return;
        }
        load(jobs.keySet());
        // read again under the job locks (a locking read: the latest rows, whatever the isolation level):
        // another node may have claimed some of them in between
        List<PendingFireEntity> due = em.createQuery("select p from PunctualPendingFire p where p.jobId in :ids and p.held = false"
                        + " and p.due <= :now order by p.due, p.priority desc, p.id", PendingFireEntity.class)
                .setParameter("ids", jobs.keySet()).setParameter("now", nowMicros)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (PendingFireEntity p : due) {
            JobEntity job = jobs.get(p.jobId);
            FireOrigin origin = FireOrigin.valueOf(p.origin);
            boolean atLimit = inFlight.getOrDefault(job.id, InFlight.NONE).running() >= job.policy.maxInstances;
            if (origin == FireOrigin.RETRY && (atLimit || job.paused || job.orphaned)) {
                p.held = true;
                continue;
            }
            em.remove(p);
            Instant scheduled = Micros.toInstant(p.scheduledTime);
            if (atLimit) {
                recordNotRun(job, new MissedFires(Outcome.SKIPPED, "max-instances", 1, scheduled, scheduled));
            } else {
                fires.add(startRun(job, scheduled, Micros.toInstant(p.due), p.attempt, origin, p.detail));
            }
        }
    }

    /** Due schedules in order of due time, then priority (higher first), at most {@code limit} jobs. */
    private void claimSchedules(int limit) {
        List<JobEntity> due = StoreQueries.skipLocked(em.createQuery("select j from PunctualJob j where j.claimDue <= :now"
                        + " order by j.claimDue, j.policy.priority desc, j.id", JobEntity.class))
                .setParameter("now", nowMicros).setMaxResults(limit).getResultList();
        if (due.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        due.forEach(j -> ids.add(j.id));
        ids.removeAll(definitions.keySet());
        load(ids);
        for (JobEntity job : due) {
            FirePlan plan = FirePlanner.plan(StoreQueries.record(job, definitions.get(job.id), inFlight.get(job.id), 0), now);
            if (plan.waiting()) {
                // nothing changes until a run of this job ends: out of the claim index until then
                job.waiting = true;
                job.refreshClaimDue();
                continue;
            }
            for (MissedFires missed : plan.missed()) {
                recordNotRun(job, missed);
            }
            if (plan.run() != null) {
                fires.add(startRun(job, plan.run(), plan.run(), 1, FireOrigin.SCHEDULE, null));
            }
            StoreQueries.setNext(job, plan.next());
            job.refreshClaimDue();
        }
    }

    private void load(Set<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        inFlight.putAll(StoreQueries.inFlightLocked(em, ids));
        Map<String, Set<String>> tags = StoreQueries.tags(em, ids);
        for (String id : ids) {
            JobEntity job = em.find(JobEntity.class, id);
            definitions.put(id, DefinitionMapper.read(job, tags.getOrDefault(id, Set.of())));
        }
    }

    private Fire startRun(JobEntity job, Instant scheduledTime, Instant dueTime, int attempt, FireOrigin origin, String detail) {
        job.version++;
        job.lastFire = nowMicros;
        ExecutionEntity run = new ExecutionEntity(UUID.randomUUID().toString(), job.id, Micros.of(scheduledTime), node, attempt);
        run.startTime = nowMicros;
        run.fence = job.version;
        em.persist(run);
        inFlight.merge(job.id, InFlight.NONE.plusOne(now), (a, b) -> a.plusOne(now));
        return new Fire(run.id, job.id, scheduledTime, dueTime, attempt, origin, job.version, definitions.get(job.id), detail);
    }

    /** Writes the row of fires that did not run; consecutive skips extend one summary row (the job row is locked). */
    private void recordNotRun(JobEntity job, MissedFires missed) {
        ExecutionEntity row = new ExecutionEntity(UUID.randomUUID().toString(), job.id, Micros.of(missed.firstDue()), node, 1);
        row.endTime = nowMicros;
        row.outcome = missed.outcome().name();
        row.count = missed.count();
        row.detail = missed.detail();
        notRun.add(StoreQueries.history(row));
        if (missed.outcome() == Outcome.SKIPPED) {
            ExecutionEntity last = em.createQuery("select e from PunctualExecution e where e.jobId = :job and e.endTime is not null"
                    + " order by e.endTime desc, e.id desc", ExecutionEntity.class).setParameter("job", job.id)
                    .setMaxResults(1).getResultStream().findFirst().orElse(null);
            if (last != null && missed.extendsSkipRow(Outcome.valueOf(last.outcome), last.detail)) {
                MissedFires merged = missed.after(last.count, Micros.toInstant(last.scheduledTime));
                last.count = merged.count();
                last.detail = merged.detail();
                last.endTime = nowMicros;
                last.node = node;
                return;
            }
        }
        em.persist(row);
    }
}
