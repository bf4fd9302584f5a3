package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.JobRecord;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The store's reads of jobs, each inside the caller's transaction. */
final class StoreReads {

    private StoreReads() {
    }

    /** The job, also when this node cannot read its definition (a record of what it could read, see {@link UnreadableJobs}). */
    static Optional<JobRecord> find(EntityManager em, String jobId, UnreadableJobs unreadable) {
        JobEntity job = em.find(JobEntity.class, jobId);
        if (job == null) {
            return Optional.<JobRecord>empty();
        }
        List<String> ids = List.of(jobId);
        return Optional.of(unreadable.record(job, StoreQueries.tags(em, ids).get(jobId),
                StoreQueries.pendingCounts(em, ids).getOrDefault(jobId, 0)));
    }

    /** Every job, those this node cannot read included. */
    static List<JobRecord> findAll(EntityManager em, UnreadableJobs unreadable) {
        List<JobEntity> jobs = em.createQuery("select j from PunctualJob j order by j.id", JobEntity.class).getResultList();
        Map<String, Set<String>> tags = StoreQueries.tags(em, null);
        Map<String, Integer> pending = StoreQueries.pendingCounts(em, null);
        return jobs.stream().map(j -> unreadable.record(j, tags.get(j.id), pending.getOrDefault(j.id, 0))).toList();
    }

    /**
     * How many dynamic jobs each handler has. One JDBC statement ({@link JobRows#dynamicByHandler}), as
     * {@link #declaredNotOrphaned}: both run on the application's main thread as it starts, where the provider's first
     * JPQL query cost more than everything else Punctual did there (its query parser and translator are built on first use).
     */
    static Map<String, Long> countDynamicByHandler(EntityManager em, JobRows rows) {
        return em.callWithConnection((java.sql.Connection c) -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            try (java.sql.PreparedStatement s = c.prepareStatement(rows.dynamicByHandler);
                 java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
            return counts;
        });
    }

    /** The ids of the jobs declared in code (no handler) not orphaned yet. One JDBC statement, see {@link #countDynamicByHandler}. */
    static List<String> declaredNotOrphaned(EntityManager em, JobRows rows) {
        return em.callWithConnection((java.sql.Connection c) -> {
            List<String> ids = new java.util.ArrayList<>();
            try (java.sql.PreparedStatement s = c.prepareStatement(rows.declaredNotOrphaned)) {
                s.setBoolean(1, false);
                try (java.sql.ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    static List<io.punctual.scheduler.NodeInfo> nodes(EntityManager em, String self) {
        Map<String, Integer> inFlight = new java.util.HashMap<>();
        em.createQuery("select e.node, count(e) from PunctualExecution e where e.endTime is null group by e.node", Object[].class)
                .getResultList().forEach(row -> inFlight.put((String) row[0], ((Number) row[1]).intValue()));
        // and the runs job rows hold (JobEntity#runId): a scan of the job table, for the dashboard's node list
        em.createQuery("select j.runNode, count(j) from PunctualJob j where j.runNode is not null group by j.runNode",
                Object[].class).getResultList().forEach(row -> inFlight.merge((String) row[0], ((Number) row[1]).intValue(), Integer::sum));
        return em.createQuery("select n from PunctualNode n order by n.id", NodeEntity.class).getResultList().stream()
                .map(n -> new io.punctual.scheduler.NodeInfo(n.id, Micros.toInstant(n.lastHeartbeat),
                        inFlight.getOrDefault(n.id, 0), n.id.equals(self)))
                .toList();
    }

    /**
     * The earliest due time of anything claimable: a job's next fire or a pending fire not held back, but those of the jobs
     * this node cannot read ({@code unreadable}, see {@link UnreadableJobs}). One JDBC statement
     * ({@link JobRows#nextDue}): the engine asks after every claim that left fires for later, and through the provider
     * the query cost more client time than the database's work.
     */
    static Optional<Instant> nextDue(EntityManager em, JobRows rows, List<String> unreadable) {
        Long[] earliest = em.callWithConnection((java.sql.Connection c) -> {
            try (java.sql.PreparedStatement s = c.prepareStatement(rows.nextDue(unreadable))) {
                // the floors change nothing but make PostgreSQL plan the statement for the tables as they are (see JpaTransactions)
                s.setBoolean(1, false);
                s.setLong(2, Long.MIN_VALUE);
                int next = IdParameters.bindAll(s, 3, unreadable);
                s.setLong(next, Long.MIN_VALUE);
                IdParameters.bindAll(s, next + 1, unreadable);
                try (java.sql.ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Long[]{JobRows.getLong(r, 1), JobRows.getLong(r, 2)};
                }
            }
        });
        return Stream.of(earliest).filter(java.util.Objects::nonNull).min(Long::compare).map(Micros::toInstant);
    }
}
