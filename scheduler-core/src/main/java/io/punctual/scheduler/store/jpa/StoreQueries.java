package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.NextFire;
import io.punctual.scheduler.store.PendingFire;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The queries and row conversions the store's operations share; every method runs inside the caller's transaction. */
final class StoreQueries {

    /** Standard JPA hint; Hibernate reads -2 as "skip locked" ({@code org.hibernate.Timeouts.SKIP_LOCKED_MILLI}). */
    static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";
    static final int SKIP_LOCKED = -2;

    private StoreQueries() {
    }

    /** Locks jobs by id, waiting for other transactions, in id order so that two lockers never deadlock. */
    static List<JobEntity> lockJobs(EntityManager em, Collection<String> ids) {
        return IdParameters.list(em, "select j from PunctualJob j where j.id in :ids order by j.id", JobEntity.class, inIdOrder(ids),
                q -> q.setLockMode(LockModeType.PESSIMISTIC_WRITE));
    }

    /** Locks the jobs among {@code ids} that no other transaction holds, skipping the others. */
    static List<JobEntity> lockJobsSkipLocked(EntityManager em, Collection<String> ids) {
        return IdParameters.list(em, "select j from PunctualJob j where j.id in :ids order by j.id", JobEntity.class, inIdOrder(ids),
                StoreQueries::skipLocked);
    }

    /** Ids sorted, so that chunks lock in id order too. */
    private static Collection<String> inIdOrder(Collection<String> ids) {
        return ids instanceof java.util.SortedSet<String> ? ids : new TreeSet<>(ids);
    }

    static <T> TypedQuery<T> skipLocked(TypedQuery<T> query) {
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint(LOCK_TIMEOUT, SKIP_LOCKED);
    }

    /** Tags by job, for the given jobs or, when {@code ids} is null, for all. */
    static Map<String, Set<String>> tags(EntityManager em, Collection<String> ids) {
        Map<String, Set<String>> result = new HashMap<>();
        if (ids != null && ids.isEmpty()) {
            return result;
        }
        List<JobTagEntity> rows = ids == null
                ? em.createQuery("select t from PunctualJobTag t", JobTagEntity.class).getResultList()
                : IdParameters.list(em, "select t from PunctualJobTag t where t.jobId in :ids", JobTagEntity.class, ids);
        rows.forEach(t -> result.computeIfAbsent(t.jobId, id -> new TreeSet<>()).add(t.tag));
        return result;
    }

    /** Pending fires by job, for the given jobs or, when {@code ids} is null, for all. */
    static Map<String, Integer> pendingCounts(EntityManager em, Collection<String> ids) {
        Map<String, Integer> result = new HashMap<>();
        if (ids != null && ids.isEmpty()) {
            return result;
        }
        List<Object[]> rows = ids == null
                ? em.createQuery("select p.jobId, count(p) from PunctualPendingFire p group by p.jobId", Object[].class).getResultList()
                : IdParameters.list(em, "select p.jobId, count(p) from PunctualPendingFire p where p.jobId in :ids group by p.jobId",
                        Object[].class, ids);
        for (Object[] row : rows) {
            result.put((String) row[0], ((Number) row[1]).intValue());
        }
        return result;
    }

    static void replaceTags(EntityManager em, String jobId, Set<String> tags) {
        em.createQuery("delete from PunctualJobTag t where t.jobId = :id").setParameter("id", jobId).executeUpdate();
        for (String tag : tags) {
            em.persist(new JobTagEntity(jobId, tag));
        }
    }

    /** Runs of the jobs ended or they were resumed: their retries held back may be claimed again. Returns how many. */
    static int releaseHeld(EntityManager em, Collection<String> jobIds) {
        return IdParameters.update(em, "update PunctualPendingFire p set p.held = false where p.jobId in :ids and p.held = true",
                jobIds);
    }

    static void addPending(EntityManager em, JobEntity job, PendingFire fire) {
        em.persist(new PendingFireEntity(UUID.randomUUID().toString(), job.id, Micros.of(fire.due()),
                Micros.of(fire.scheduledTime()), fire.attempt(), fire.origin().name(), job.policy.priority, fire.detail()));
    }

    static void setNext(JobEntity job, NextFire next) {
        job.nextNominal = next == null ? null : Micros.of(next.nominal());
        job.nextDue = next == null ? null : Micros.of(next.due());
    }

    static NextFire next(JobEntity job) {
        return job.nextDue == null ? null : new NextFire(Micros.toInstant(job.nextNominal), Micros.toInstant(job.nextDue));
    }

    static JobRecord record(JobEntity job, Set<String> tags, int pending) {
        return record(job, DefinitionMapper.read(job, tags == null ? Set.of() : tags), pending);
    }

    static JobRecord record(JobEntity job, JobDefinition definition, int pending) {
        return new JobRecord(definition, job.paused, job.orphaned, next(job), job.running,
                Micros.toInstant(job.latestRunStart), pending, Micros.toInstant(job.lastFire),
                job.lastOutcome == null ? null : Outcome.valueOf(job.lastOutcome), job.consecutiveFailures);
    }

    /** A run of the job ended: one slot fewer in flight. */
    static void releaseSlot(JobEntity job) {
        job.running = Math.max(0, job.running - 1);
        if (job.running == 0) {
            job.latestRunStart = null;
        }
        job.skipRowId = null; // the run's row is now the job's newest
    }

    /**
     * {@code text} as every database can hold it: a NUL character, which PostgreSQL refuses in text, replaced with
     * U+FFFD. The engine hands every store an error text made so already (and bounded), so that all stores record the
     * same text; this keeps the same rule for a caller of the store's SPI that is not the engine.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    static ExecutionRecord history(ExecutionEntity e) {
        return new ExecutionRecord(e.id, e.jobId, Micros.toInstant(e.scheduledTime), Micros.toInstant(e.startTime),
                Micros.toInstant(e.endTime), e.outcome == null ? null : Outcome.valueOf(e.outcome), e.node, e.attempt,
                e.count, e.error, e.detail);
    }

}
