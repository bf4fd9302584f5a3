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

    /** Runs in flight of one job: how many, and when the newest was claimed. */
    record InFlight(int running, Instant latestStart) {
        static final InFlight NONE = new InFlight(0, null);

        InFlight plusOne(Instant start) {
            boolean newer = start != null && (latestStart == null || start.isAfter(latestStart));
            return new InFlight(running + 1, newer ? start : latestStart);
        }
    }

    /** Locks jobs by id, waiting for other transactions, in id order so that two lockers never deadlock. */
    static List<JobEntity> lockJobs(EntityManager em, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select j from PunctualJob j where j.id in :ids order by j.id", JobEntity.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** Locks the jobs among {@code ids} that no other transaction holds, skipping the others. */
    static List<JobEntity> lockJobsSkipLocked(EntityManager em, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return skipLocked(em.createQuery("select j from PunctualJob j where j.id in :ids order by j.id", JobEntity.class)
                .setParameter("ids", ids)).getResultList();
    }

    static <T> TypedQuery<T> skipLocked(TypedQuery<T> query) {
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint(LOCK_TIMEOUT, SKIP_LOCKED);
    }

    /** Runs in flight by job, for the given jobs or, when {@code ids} is null, for all. */
    static Map<String, InFlight> inFlight(EntityManager em, Collection<String> ids) {
        Map<String, InFlight> result = new HashMap<>();
        if (ids != null && ids.isEmpty()) {
            return result;
        }
        String where = ids == null ? "" : "e.jobId in :ids and ";
        TypedQuery<Object[]> q = em.createQuery("select e.jobId, count(e), max(e.startTime) from PunctualExecution e where "
                + where + "e.endTime is null group by e.jobId", Object[].class);
        if (ids != null) {
            q.setParameter("ids", ids);
        }
        for (Object[] row : q.getResultList()) {
            result.put((String) row[0], new InFlight(((Number) row[1]).intValue(), Micros.toInstant(toLong(row[2]))));
        }
        return result;
    }

    /**
     * Runs in flight of jobs this transaction holds locked, read with a locking read so that it sees the
     * latest committed rows even under REPEATABLE READ (InnoDB), where a plain read may return an older
     * snapshot. It never waits: every writer of a job's executions holds the job's lock first. One query a
     * job, on purpose: with {@code job_id = ?} the database reads through the {@code (job_id, end_time)} index
     * and locks this job's rows only; with {@code job_id in (...)} MariaDB may choose the {@code end_time}
     * index instead and lock, through it, the runs in flight of every job, deadlocking with other nodes
     * completing theirs.
     */
    static Map<String, InFlight> inFlightLocked(EntityManager em, Collection<String> ids) {
        Map<String, InFlight> result = new HashMap<>();
        for (String id : ids) {
            List<ExecutionEntity> runs = em.createQuery("select e from PunctualExecution e where e.jobId = :id and e.endTime is null",
                    ExecutionEntity.class).setParameter("id", id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
            for (ExecutionEntity run : runs) {
                Instant start = Micros.toInstant(run.startTime);
                result.merge(run.jobId, InFlight.NONE.plusOne(start), (a, b) -> a.plusOne(start));
            }
        }
        return result;
    }

    /** Tags by job, for the given jobs or, when {@code ids} is null, for all. */
    static Map<String, Set<String>> tags(EntityManager em, Collection<String> ids) {
        Map<String, Set<String>> result = new HashMap<>();
        if (ids != null && ids.isEmpty()) {
            return result;
        }
        TypedQuery<JobTagEntity> q = em.createQuery("select t from PunctualJobTag t"
                + (ids == null ? "" : " where t.jobId in :ids"), JobTagEntity.class);
        if (ids != null) {
            q.setParameter("ids", ids);
        }
        for (JobTagEntity t : q.getResultList()) {
            result.computeIfAbsent(t.jobId, id -> new TreeSet<>()).add(t.tag);
        }
        return result;
    }

    /** Pending fires by job, for the given jobs or, when {@code ids} is null, for all. */
    static Map<String, Integer> pendingCounts(EntityManager em, Collection<String> ids) {
        Map<String, Integer> result = new HashMap<>();
        if (ids != null && ids.isEmpty()) {
            return result;
        }
        TypedQuery<Object[]> q = em.createQuery("select p.jobId, count(p) from PunctualPendingFire p"
                + (ids == null ? "" : " where p.jobId in :ids") + " group by p.jobId", Object[].class);
        if (ids != null) {
            q.setParameter("ids", ids);
        }
        for (Object[] row : q.getResultList()) {
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

    /** A run of the job ended or the job was resumed: its retries held back may be claimed again. */
    static void releaseHeld(EntityManager em, String jobId) {
        em.createQuery("update PunctualPendingFire p set p.held = false where p.jobId = :id and p.held = true")
                .setParameter("id", jobId).executeUpdate();
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

    static JobRecord record(JobEntity job, Set<String> tags, InFlight inFlight, int pending) {
        return record(job, DefinitionMapper.read(job, tags == null ? Set.of() : tags), inFlight, pending);
    }

    static JobRecord record(JobEntity job, JobDefinition definition, InFlight inFlight, int pending) {
        InFlight f = inFlight == null ? InFlight.NONE : inFlight;
        return new JobRecord(definition, job.paused, job.orphaned, next(job), f.running(), f.latestStart(), pending,
                Micros.toInstant(job.lastFire), job.lastOutcome == null ? null : Outcome.valueOf(job.lastOutcome),
                job.consecutiveFailures);
    }

    static ExecutionRecord history(ExecutionEntity e) {
        return new ExecutionRecord(e.id, e.jobId, Micros.toInstant(e.scheduledTime), Micros.toInstant(e.startTime),
                Micros.toInstant(e.endTime), e.outcome == null ? null : Outcome.valueOf(e.outcome), e.node, e.attempt,
                e.count, e.error, e.detail);
    }

    private static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
