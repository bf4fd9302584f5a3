package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The job and execution rows of one claim or outcomes transaction ({@link ClaimTransaction}, {@link CompleteTransaction},
 * or both in one turnover), read and written with plain JDBC on the transaction's connection instead of as managed
 * entities: in S1's drain the provider's flush and dirty-checking of the 36-column job rows and the execution rows took
 * about a third of the claiming and completing threads' time, and it wrote every column of a changed job row.
 *
 * <p>It keeps what the transactions relied on from the persistence context: a row read twice in the transaction is the
 * same object (the claim of a turnover sees the jobs its outcomes changed as they left them, as before), and
 * {@link #write} writes at the end only what changed since it was read, comparing the columns the hot path changes
 * ({@link JobRows#STATE_COLUMNS}, {@link ExecutionRows#CHANGING_COLUMNS}): one batch of new execution rows, one of
 * changed execution rows, one of job rows (only their scheduling state). Pending fires and tags stay entities.
 *
 * <p>The reads are written for the databases with a schema script, in versions with {@code ... limit ? for update skip
 * locked} ({@link DatabaseFacts#jdbcRows}). On any other database ({@code providerReads}) the same reads go through
 * the provider's queries, which write the limit and the locks in the database's dialect, and their entities are
 * detached at once: they are written here all the same, the provider never writes them.
 */
final class FireRows {

    /**
     * From how many ids a look-up of jobs by id asks for index scans ({@link JpaTransactions#preferIndexes}); shorter
     * lists are not worth the statement.
     */
    static final int PREFER_INDEXES_FROM = 8;

    private final EntityManager em;
    private final JobRows jobRows;
    private final ExecutionRows executionRows;
    private final boolean providerReads;
    private final DatabaseFacts database;
    private final ClaimFloor floor;
    private boolean plannedForValues;
    private boolean preferredIndexes;
    /** Every job row read in this transaction, and its scheduling state as read (or last written). */
    private final Map<String, JobEntity> jobs = new LinkedHashMap<>();
    private final Map<String, List<Object>> jobStates = new java.util.HashMap<>();
    /** Every execution row read in this transaction, and its changing columns as read (or last written). */
    private final Map<String, ExecutionEntity> executions = new LinkedHashMap<>();
    private final Map<String, List<Object>> executionStates = new java.util.HashMap<>();
    /** The earliest claim due time {@link #write} wrote a job row with ({@link Long#MAX_VALUE}: none). */
    private long earliestWritten = Long.MAX_VALUE;
    /** Execution rows new in this transaction, not written yet. */
    private final Map<String, ExecutionEntity> inserted = new LinkedHashMap<>();

    /** @param providerReads read through the provider's queries (a database without a schema script), not with JDBC */
    FireRows(EntityManager em, JobRows jobRows, ExecutionRows executionRows, boolean providerReads, DatabaseFacts database,
             ClaimFloor floor) {
        this.em = em;
        this.floor = floor;
        this.database = database;
        this.jobRows = jobRows;
        this.executionRows = executionRows;
        this.providerReads = providerReads;
    }

    /**
     * The rows a claim's scan of the claim index locked, in the index's order, and where it found the first and the last of
     * them (as it read those rows, whatever this transaction changed in them before; null when it locked none).
     */
    record Locked(List<JobEntity> rows, ClaimFloor.Position first, ClaimFloor.Position last) {
    }

    /**
     * Locks at most {@code limit} jobs due by {@code horizon} that no other transaction holds, in the claim index's
     * order ({@link io.punctual.scheduler.policy.ClaimOrder}): the earliest first, then the highest priority, then by id;
     * but the jobs {@code excluded} (those this node cannot read, see {@link UnreadableJobs}), which it neither locks nor
     * counts; from {@code from} on, unless that is null.
     *
     * <p>From a whole index key ({@code from} not {@link ClaimFloor.Position#wholeDue}), the scan is up to three reads, each
     * only when the one before came back short: the rest of the key's due time and priority, from its id; the rest of
     * its due time, the lower priorities; the later due times. Each starts in the index exactly where its rows are, so
     * none walks the entries that earlier claims of a backlog due at one instant left behind.
     */
    Locked lockDue(ClaimFloor.Position from, long horizon, int limit, List<String> excluded) {
        if (providerReads) {
            var query = StoreQueries.skipLocked(em.createQuery("select j from PunctualJob j where j.claimDue <= :horizon"
                    + (from != null ? " and j.claimDue >= :from" : "")
                    + (excluded.isEmpty() ? "" : " and j.id not in :excluded")
                    + " order by j.claimDue, j.policy.priority desc, j.id", JobEntity.class));
            if (!excluded.isEmpty()) {
                query.setParameter("excluded", excluded);
            }
            if (from != null) {
                query.setParameter("from", from.due());
            }
            List<JobEntity> read = query.setParameter("horizon", horizon).setMaxResults(limit).getResultList();
            return locked(read, knownJobs(read));
        }
        String order = " order by claim_due, priority desc, id limit ? for update skip locked";
        String notIn = IdParameters.notIn("id", excluded);
        List<JobEntity> read = new ArrayList<>(); // as read, whatever this transaction changed in them before
        if (from == null || from.wholeDue()) {
            read.addAll(lockDue(" where claim_due <= ?" + (from != null ? " and claim_due >= ?" : "") + notIn + order,
                    from == null ? new Object[]{horizon} : new Object[]{horizon, from.due()}, limit, excluded));
        } else if (from.due() <= horizon) {
            read.addAll(lockDue(" where claim_due = ? and priority = ? and id >= ?" + notIn + order,
                    new Object[]{from.due(), from.priority(), from.id()}, limit, excluded));
            if (read.size() < limit) {
                read.addAll(lockDue(" where claim_due = ? and priority < ?" + notIn + order,
                        new Object[]{from.due(), from.priority()}, limit - read.size(), excluded));
            }
            if (read.size() < limit) {
                read.addAll(lockDue(" where claim_due > ? and claim_due <= ?" + notIn + order,
                        new Object[]{from.due(), horizon}, limit - read.size(), excluded));
            }
        }
        List<JobEntity> rows = new ArrayList<>(read.size());
        read.forEach(r -> rows.add(known(r)));
        return locked(read, rows);
    }

    /** @param read the rows as the scan read them, in its order; {@code rows} the same rows as this transaction knows them */
    private static Locked locked(List<JobEntity> read, List<JobEntity> rows) {
        return read.isEmpty() ? new Locked(rows, null, null) : new Locked(rows, position(read.get(0)), position(read.get(read.size() - 1)));
    }

    private static ClaimFloor.Position position(JobEntity row) {
        return new ClaimFloor.Position(row.claimDue, row.policy.priority, row.id);
    }

    private List<JobEntity> lockDue(String where, Object[] bounds, int limit, List<String> excluded) {
        String sql = jobRows.selectJobs + where;
        return em.callWithConnection((Connection c) -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 0;
                for (Object bound : bounds) {
                    s.setObject(++i, bound);
                }
                s.setInt(IdParameters.bindAll(s, i + 1, excluded), limit);
                List<JobEntity> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(JobRows.read(r));
                    }
                }
                return rows;
            }
        });
    }

    /**
     * The job ids of at most {@code limit} pending fires due by {@code now} and not held back, the earliest first (then the
     * highest priority, then by job id: {@link io.punctual.scheduler.policy.ClaimOrder}), but those of the jobs {@code excluded}; not locked.
     */
    List<String> duePendingJobIds(long now, int limit, List<String> excluded) {
        if (providerReads) {
            var query = em.createQuery("select p.jobId from PunctualPendingFire p where p.held = false and p.due <= :now"
                    + (excluded.isEmpty() ? "" : " and p.jobId not in :excluded")
                    + " order by p.due, p.priority desc, p.jobId, p.id", String.class);
            if (!excluded.isEmpty()) {
                query.setParameter("excluded", excluded);
            }
            return query.setParameter("now", now).setMaxResults(limit).getResultList();
        }
        return em.callWithConnection((Connection c) -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(jobRows.duePendingJobIds(excluded))) {
                s.setBoolean(1, false);
                s.setLong(2, now);
                s.setInt(IdParameters.bindAll(s, 3, excluded), limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Locks the jobs among {@code ids} that no other transaction holds, skipping the others. */
    List<JobEntity> lockSkipLocked(Collection<String> ids) {
        if (providerReads) {
            return knownJobs(StoreQueries.lockJobsSkipLocked(em, ids));
        }
        return lockJobs(ids, " for update skip locked");
    }

    /** Locks jobs by id, waiting for other transactions, in id order so that two lockers never deadlock. */
    List<JobEntity> lock(Collection<String> ids) {
        if (providerReads) {
            return knownJobs(StoreQueries.lockJobs(em, ids));
        }
        return lockJobs(ids, " for update");
    }

    private List<JobEntity> lockJobs(Collection<String> ids, String lock) {
        SortedSet<String> ordered = ids instanceof SortedSet<String> sorted ? sorted : new TreeSet<>(ids);
        if (ordered.size() >= PREFER_INDEXES_FROM && !preferredIndexes) {
            JpaTransactions.preferIndexes(em, database); // a list this long was looked up by a scan of the whole table
            preferredIndexes = true;
        }
        List<JobEntity> rows = new ArrayList<>();
        for (List<String> chunk : IdParameters.chunks(ordered)) {
            String sql = jobRows.selectJobs + " where id in " + IdParameters.marks(chunk.size()) + " order by id" + lock;
            rows.addAll(em.callWithConnection((Connection c) -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    IdParameters.bind(s, 1, chunk);
                    return readJobs(s);
                }
            }));
        }
        return rows;
    }

    private List<JobEntity> readJobs(PreparedStatement s) throws SQLException {
        List<JobEntity> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(known(JobRows.read(r)));
            }
        }
        return rows;
    }

    /** The job read, or the same job read before in this transaction: as this transaction left it. */
    private JobEntity known(JobEntity read) {
        JobEntity known = jobs.get(read.id);
        if (known == null) {
            jobs.put(read.id, read);
            jobStates.put(read.id, JobRows.state(read));
            known = read;
        }
        return known;
    }

    /** {@link #known} of entities the provider read, detached first: only {@link #write} writes them. */
    private List<JobEntity> knownJobs(List<JobEntity> read) {
        List<JobEntity> rows = new ArrayList<>(read.size());
        for (JobEntity job : read) {
            em.detach(job);
            rows.add(known(job));
        }
        return rows;
    }

    private ExecutionEntity known(ExecutionEntity read) {
        ExecutionEntity known = executions.get(read.id);
        if (known == null) {
            known = inserted.get(read.id);
        }
        if (known == null) {
            executions.put(read.id, read);
            executionStates.put(read.id, ExecutionRows.changing(read));
            known = read;
        }
        return known;
    }

    /** The execution rows among {@code ids}, in no particular order (not locked: their jobs' locks guard them). */
    List<ExecutionEntity> executions(Collection<String> ids) {
        List<ExecutionEntity> rows = new ArrayList<>();
        if (ids.isEmpty()) {
            return rows;
        }
        planForValues();
        if (providerReads) {
            for (ExecutionEntity e : IdParameters.list(em, "select e from PunctualExecution e where e.id in :ids", ExecutionEntity.class, ids)) {
                em.detach(e);
                rows.add(known(e));
            }
            return rows;
        }
        for (List<String> chunk : IdParameters.chunks(ids)) {
            String sql = executionRows.select + " where id in " + IdParameters.marks(chunk.size());
            rows.addAll(em.callWithConnection((Connection c) -> {
                List<ExecutionEntity> found = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    IdParameters.bind(s, 1, chunk);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            found.add(known(ExecutionRows.read(r)));
                        }
                    }
                }
                return found;
            }));
        }
        return rows;
    }

    /**
     * From here on, the transaction's statements are planned for their values ({@link JpaTransactions#planForValues}):
     * called before a look-up by a list of ids in a table that may have been small when its statement was first prepared.
     */
    void planForValues() {
        if (!plannedForValues) {
            JpaTransactions.planForValues(em, database);
            plannedForValues = true;
        }
    }

    /** A new execution row, written by {@link #write} as it is then. */
    void insert(ExecutionEntity row) {
        inserted.put(row.id, row);
    }

    /**
     * Writes what changed: the new execution rows, then the execution rows and the job rows read here that changed since
     * (each a JDBC batch, none when there is nothing to write). The rows stay known: a later write writes what changes after.
     */
    void write() {
        List<ExecutionEntity> changedRuns = new ArrayList<>();
        executions.values().forEach(e -> {
            if (!ExecutionRows.changing(e).equals(executionStates.get(e.id))) {
                changedRuns.add(e);
            }
        });
        List<JobEntity> changedJobs = new ArrayList<>();
        jobs.values().forEach(j -> {
            if (!JobRows.state(j).equals(jobStates.get(j.id))) {
                changedJobs.add(j);
            }
        });
        if (inserted.isEmpty() && changedRuns.isEmpty() && changedJobs.isEmpty()) {
            return;
        }
        List<ExecutionEntity> newRuns = List.copyOf(inserted.values());
        int[][] updated = em.callWithConnection((Connection c) -> {
            int[][] counts = {new int[0], new int[0]};
            if (!newRuns.isEmpty()) {
                executionRows.insert(c, newRuns, database.arrays(newRuns.size()));
            }
            if (!changedRuns.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement(executionRows.update)) {
                    for (ExecutionEntity e : changedRuns) {
                        ExecutionRows.bindUpdate(s, e);
                        s.addBatch();
                    }
                    counts[0] = s.executeBatch();
                }
            }
            if (!changedJobs.isEmpty()) {
                counts[1] = jobRows.updateStates(c, changedJobs, database.arrays(changedJobs.size()));
            }
            return counts;
        });
        // checked here, not in the work: the provider wraps what the work throws
        requireUpdated(updated[0], changedRuns, e -> e.id, "execution");
        requireUpdated(updated[1], changedJobs, j -> j.id, "job");
        for (ExecutionEntity e : newRuns) {
            executions.put(e.id, e);
            executionStates.put(e.id, ExecutionRows.changing(e));
        }
        inserted.clear();
        changedRuns.forEach(e -> executionStates.put(e.id, ExecutionRows.changing(e)));
        changedJobs.forEach(j -> {
            jobStates.put(j.id, JobRows.state(j));
            floor.lower(j.claimDue);
            if (j.claimDue != null) {
                earliestWritten = Math.min(earliestWritten, j.claimDue);
            }
        });
    }

    /**
     * The earliest claim due time {@link #write} wrote a job row with in this transaction, or null: the claim floor is
     * lowered to it again once the transaction has ended ({@link ClaimFloor#lower} before the commit is not enough alone:
     * a claim that scans before the commit cannot see the row).
     */
    Long earliestWrittenClaimDue() {
        return earliestWritten == Long.MAX_VALUE ? null : earliestWritten;
    }

    /**
     * Fails the transaction (it is rolled back, and its claim or outcomes are tried again) when a row read here was not
     * updated: another transaction deleted it in between (the history retention, say, a skipped-fires row this
     * transaction was extending). Writing on would lose that change without a word. A driver that does not report
     * counts per statement ({@link java.sql.Statement#SUCCESS_NO_INFO}) is taken at its word.
     */
    static <T> void requireUpdated(int[] counts, List<T> rows, java.util.function.Function<T, String> id, String table) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new IllegalStateException("The " + table + " row " + id.apply(rows.get(i)) + " was deleted by another"
                        + " transaction after this one read it; the transaction is rolled back and tried again");
            }
        }
    }
}
