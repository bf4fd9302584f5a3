package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.store.StoreUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Set;

/**
 * Inserts a new job's row (and its tags) with one prepared JDBC statement, instead of persisting a {@link JobEntity}: scheduling a dynamic job is the store's most frequent write, and the provider's
 * flush (binding every column through its metamodel, then dirty-checking the row just inserted at commit) cost more
 * than the database's work (measured on PostgreSQL: one INSERT of 0.05-0.2 ms per job, while the client spent most
 * of its time in the flush). Through a {@link DataSource} ({@link #insertAlone}) it also skips the provider's session
 * and, for a job without tags, the transaction's BEGIN and COMMIT: S1's inserts spent 0.29 ms of client CPU per job
 * through an entity manager, db-scheduler's plain JDBC 0.09 ms, for the same 0.25 ms in PostgreSQL. The columns are {@link JobEntity}'s, in the order of {@link #COLUMNS};
 * {@code JobRowsTest} keeps that list equal to the entity's mapping and checks that a row written here reads back
 * through the entity unchanged.
 *
 * <p>Claims and outcomes ({@link FireRows}) read job rows with {@link #selectJobs} and {@link #read}, and write only their
 * scheduling state ({@link #STATE_COLUMNS}) with {@link #updateState}; the other statements here are theirs too.
 */
final class JobRows {

    /** Every column of the job table, in the order {@link #insert} binds them. */
    static final List<String> COLUMNS = List.of("id", "schedule_kind", "schedule_expression", "schedule_zone", "start_at",
            "end_at", "misfire", "misfire_grace", "coalesce_fires", "max_catch_up", "max_instances", "retries",
            "retry_backoff", "run_timeout", "job_scope", "priority", "jitter", "enabled", "initial_delay", "handler_name",
            "payload", "paused", "orphaned", "waiting", "running", "held_retries", "tagged", "latest_run_start",
            "skip_row_id", "next_nominal", "next_due", "claim_due", "last_fire", "last_outcome", "consecutive_failures",
            "run_id", "run_node", "run_scheduled", "run_start", "run_attempt", "run_origin", "run_fence", "version");

    /**
     * The columns of a job's scheduling state: all that claims and outcomes change, and all that {@link #updateState}
     * writes, in the order it binds them.
     */
    static final List<String> STATE_COLUMNS = List.of("version", "last_fire", "running", "latest_run_start", "next_nominal",
            "next_due", "claim_due", "waiting", "held_retries", "skip_row_id", "last_outcome", "consecutive_failures", "run_id",
            "run_node", "run_scheduled", "run_start", "run_attempt", "run_origin", "run_fence");

    private final String insertJob;
    private final String insertTag;
    /** {@code select <COLUMNS> from <prefix>job}, for {@link #read}. */
    final String selectJobs;
    /** {@code update <prefix>job set <STATE_COLUMNS> where id = ?}, bound by {@link #bindState}. */
    final String updateState;
    /** The SQL types of {@link #STATE_COLUMNS}, then of the id, for {@link #updateStates}. */
    private static final List<String> STATE_TYPES = List.of("bigint", "bigint", "integer", "bigint", "bigint", "bigint",
            "bigint", "boolean", "boolean", "varchar", "varchar", "integer", "varchar", "varchar", "bigint", "bigint", "integer",
            "varchar", "bigint", "varchar");
    /** PostgreSQL: {@link #updateState} of many rows in one statement ({@link UnnestRows}), returning the ids it updated. */
    private final String updateStates;
    /** The job ids of the pending fires not held back that are due (parameters: false, now, limit), the earliest first. */
    final String duePendingJobIds;
    /**
     * The earliest claim due time of the jobs, and the earliest due time of the pending fires not held back (parameters:
     * false, and two floors that are the smallest value).
     */
    final String nextDue;
    /** The ids of the jobs declared in code (no handler) that are not orphaned (parameter: false), for {@code markOrphans}. */
    final String declaredNotOrphaned;
    /** How many dynamic jobs each handler has: its name and the count, a row per handler. */
    final String dynamicByHandler;
    private final String tablePrefix;

    /** @param tablePrefix the prefix the persistence unit gives the tables, after the namespace the unit puts them in and a dot when it sets one ({@link JpaSchema#unitNamespace}) */
    JobRows(String tablePrefix) {
        this.insertJob = "insert into " + tablePrefix + "job (" + String.join(", ", COLUMNS) + ") values ("
                + String.join(", ", java.util.Collections.nCopies(COLUMNS.size(), "?")) + ")";
        this.insertTag = "insert into " + tablePrefix + "job_tag (job_id, tag) values (?, ?)";
        this.selectJobs = "select " + String.join(", ", COLUMNS) + " from " + tablePrefix + "job";
        this.updateState = "update " + tablePrefix + "job set " + String.join(" = ?, ", STATE_COLUMNS) + " = ? where id = ?";
        List<String> stateAndId = new java.util.ArrayList<>(STATE_COLUMNS);
        stateAndId.add("id");
        this.updateStates = "update " + tablePrefix + "job as j set " + String.join(", ", STATE_COLUMNS.stream()
                .map(c -> c + " = v." + c).toList()) + " from " + UnnestRows.from(stateAndId) + " where j.id = v.id returning j.id";
        this.duePendingJobIds = "select job_id from " + tablePrefix + "pending_fire where held = ? and due <= ?"
                + " order by due, priority desc, job_id, id limit ?";
        this.nextDue = "select min(j.claim_due), (select min(p.due) from " + tablePrefix + "pending_fire p where p.held = ?"
                + " and p.due >= ?) from " + tablePrefix + "job j where j.claim_due >= ?";
        this.declaredNotOrphaned = "select id from " + tablePrefix + "job where handler_name is null and orphaned = ?";
        this.dynamicByHandler = "select handler_name, count(*) from " + tablePrefix + "job where handler_name is not null"
                + " group by handler_name";
        this.tablePrefix = tablePrefix;
    }

    /**
     * {@link #duePendingJobIds} leaving out the pending fires of the jobs {@code excluded} (parameters: false, now, the
     * excluded ids as {@link IdParameters#bindAll} binds them, limit).
     */
    String duePendingJobIds(List<String> excluded) {
        return excluded.isEmpty() ? duePendingJobIds : "select job_id from " + tablePrefix + "pending_fire where held = ?"
                + " and due <= ?" + IdParameters.notIn("job_id", excluded) + " order by due, priority desc, job_id, id limit ?";
    }

    /**
     * {@link #nextDue} leaving out the jobs {@code excluded} and their pending fires (parameters: false, a floor, the
     * excluded ids, a floor, the excluded ids again).
     */
    String nextDue(List<String> excluded) {
        return excluded.isEmpty() ? nextDue : "select min(j.claim_due), (select min(p.due) from " + tablePrefix
                + "pending_fire p where p.held = ? and p.due >= ?" + IdParameters.notIn("p.job_id", excluded) + ") from "
                + tablePrefix + "job j where j.claim_due >= ?" + IdParameters.notIn("j.id", excluded);
    }

    /** A job's row as {@link #selectJobs} reads it, as an entity that no persistence context manages. */
    static JobEntity read(ResultSet r) throws SQLException {
        int i = 0;
        JobEntity job = new JobEntity(r.getString(++i));
        job.schedule = new ScheduleColumns(r.getString(++i), r.getString(++i), r.getString(++i), getLong(r, ++i), getLong(r, ++i));
        PolicyColumns p = new PolicyColumns();
        p.misfire = r.getString(++i);
        p.misfireGrace = r.getString(++i);
        p.coalesce = r.getBoolean(++i);
        p.maxCatchUp = r.getInt(++i);
        p.maxInstances = r.getInt(++i);
        p.retries = r.getInt(++i);
        p.retryBackoff = r.getString(++i);
        p.timeout = r.getString(++i);
        p.scope = r.getString(++i);
        p.priority = r.getInt(++i);
        p.jitter = r.getString(++i);
        job.policy = p;
        job.enabled = r.getBoolean(++i);
        job.initialDelay = r.getString(++i);
        job.handler = r.getString(++i);
        job.payload = r.getString(++i);
        job.paused = r.getBoolean(++i);
        job.orphaned = r.getBoolean(++i);
        job.waiting = r.getBoolean(++i);
        job.running = r.getInt(++i);
        job.heldRetries = r.getBoolean(++i);
        job.tagged = r.getBoolean(++i);
        job.latestRunStart = getLong(r, ++i);
        job.skipRowId = r.getString(++i);
        job.nextNominal = getLong(r, ++i);
        job.nextDue = getLong(r, ++i);
        job.claimDue = getLong(r, ++i);
        job.lastFire = getLong(r, ++i);
        job.lastOutcome = r.getString(++i);
        job.consecutiveFailures = r.getInt(++i);
        job.runId = r.getString(++i);
        job.runNode = r.getString(++i);
        job.runScheduled = getLong(r, ++i);
        job.runStart = getLong(r, ++i);
        int attempt = r.getInt(++i);
        job.runAttempt = r.wasNull() ? null : attempt;
        job.runOrigin = r.getString(++i);
        job.runFence = getLong(r, ++i);
        job.version = r.getLong(++i);
        return job;
    }

    /**
     * Writes the scheduling state of {@code jobs} ({@link #STATE_COLUMNS}): one statement of them all when {@code arrays}
     * ({@link DatabaseFacts#arrays}, {@link UnnestRows}), else a JDBC batch of one statement each. Returns how many rows
     * each updated, in the order of {@code jobs}: 0 for a row another transaction deleted (see {@link FireRows#requireUpdated}).
     */
    int[] updateStates(Connection c, List<JobEntity> jobs, boolean arrays) throws SQLException {
        if (arrays) {
            java.util.Set<String> updated = new java.util.HashSet<>();
            try (PreparedStatement s = c.prepareStatement(updateStates)) {
                List<List<Object>> rows = new java.util.ArrayList<>(jobs.size());
                for (JobEntity job : jobs) {
                    List<Object> row = new java.util.ArrayList<>(state(job));
                    row.add(job.id);
                    rows.add(row);
                }
                UnnestRows.bind(c, s, STATE_TYPES, rows);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        updated.add(r.getString(1));
                    }
                }
            }
            return jobs.stream().mapToInt(j -> updated.contains(j.id) ? 1 : 0).toArray();
        }
        try (PreparedStatement s = c.prepareStatement(updateState)) {
            for (JobEntity job : jobs) {
                bindState(s, job);
                s.addBatch();
            }
            return s.executeBatch();
        }
    }

    /** Binds {@code job}'s scheduling state and id to {@link #updateState}. */
    static void bindState(PreparedStatement s, JobEntity job) throws SQLException {
        int i = 0;
        s.setLong(++i, job.version);
        setLong(s, ++i, job.lastFire);
        s.setInt(++i, job.running);
        setLong(s, ++i, job.latestRunStart);
        setLong(s, ++i, job.nextNominal);
        setLong(s, ++i, job.nextDue);
        setLong(s, ++i, job.claimDue);
        s.setBoolean(++i, job.waiting);
        s.setBoolean(++i, job.heldRetries);
        setString(s, ++i, job.skipRowId);
        setString(s, ++i, job.lastOutcome);
        s.setInt(++i, job.consecutiveFailures);
        i = bindSlot(s, i, job);
        s.setString(++i, job.id);
    }

    /** Binds {@code job}'s run slot ({@code run_id} to {@code run_fence}) to the parameters after {@code before}; returns the last one bound. */
    private static int bindSlot(PreparedStatement s, int before, JobEntity job) throws SQLException {
        int i = before;
        setString(s, ++i, job.runId);
        setString(s, ++i, job.runNode);
        setLong(s, ++i, job.runScheduled);
        setLong(s, ++i, job.runStart);
        if (job.runAttempt == null) {
            s.setNull(++i, Types.INTEGER);
        } else {
            s.setInt(++i, job.runAttempt);
        }
        setString(s, ++i, job.runOrigin);
        setLong(s, ++i, job.runFence);
        return i;
    }

    /** The scheduling state of {@code job}, in the order of {@link #STATE_COLUMNS}: two are equal when no column would change. */
    static List<Object> state(JobEntity job) {
        return java.util.Arrays.asList(job.version, job.lastFire, job.running, job.latestRunStart, job.nextNominal,
                job.nextDue, job.claimDue, job.waiting, job.heldRetries, job.skipRowId, job.lastOutcome, job.consecutiveFailures,
                job.runId, job.runNode, job.runScheduled, job.runStart, job.runAttempt, job.runOrigin, job.runFence);
    }

    /** Inserts {@code job} and its {@code tags} on {@code connection}, in the caller's transaction. */
    void insert(Connection connection, JobEntity job, Set<String> tags) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(insertJob)) {
            int i = 0;
            s.setString(++i, job.id);
            s.setString(++i, job.schedule.kind);
            s.setString(++i, job.schedule.expression);
            setString(s, ++i, job.schedule.zone);
            setLong(s, ++i, job.schedule.startAt);
            setLong(s, ++i, job.schedule.endAt);
            PolicyColumns p = job.policy;
            s.setString(++i, p.misfire);
            s.setString(++i, p.misfireGrace);
            s.setBoolean(++i, p.coalesce);
            s.setInt(++i, p.maxCatchUp);
            s.setInt(++i, p.maxInstances);
            s.setInt(++i, p.retries);
            s.setString(++i, p.retryBackoff);
            setString(s, ++i, p.timeout);
            s.setString(++i, p.scope);
            s.setInt(++i, p.priority);
            s.setString(++i, p.jitter);
            s.setBoolean(++i, job.enabled);
            s.setString(++i, job.initialDelay);
            setString(s, ++i, job.handler);
            setString(s, ++i, job.payload);
            s.setBoolean(++i, job.paused);
            s.setBoolean(++i, job.orphaned);
            s.setBoolean(++i, job.waiting);
            s.setInt(++i, job.running);
            s.setBoolean(++i, job.heldRetries);
            s.setBoolean(++i, job.tagged);
            setLong(s, ++i, job.latestRunStart);
            setString(s, ++i, job.skipRowId);
            setLong(s, ++i, job.nextNominal);
            setLong(s, ++i, job.nextDue);
            setLong(s, ++i, job.claimDue);
            setLong(s, ++i, job.lastFire);
            setString(s, ++i, job.lastOutcome);
            s.setInt(++i, job.consecutiveFailures);
            i = bindSlot(s, i, job);
            s.setLong(++i, job.version);
            s.executeUpdate();
        }
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement(insertTag)) {
            for (String tag : tags) {
                s.setString(1, job.id);
                s.setString(2, tag);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Inserts {@code job} and its {@code tags} in a transaction of their own on a connection of {@code dataSource}: one
     * statement in auto-commit mode when the job has no tags (no BEGIN and COMMIT round trips), else a transaction.
     *
     * @throws StoreUnavailableException when the database cannot be reached (the insert may have committed)
     * @throws IllegalStateException when the database refused the row, e.g. because the id is taken
     */
    void insertAlone(DataSource dataSource, JobEntity job, Set<String> tags) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            boolean ownTransaction = !autoCommit || !tags.isEmpty();
            if (autoCommit && ownTransaction) {
                connection.setAutoCommit(false);
            }
            try {
                insert(connection, job, tags);
                if (ownTransaction) {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (ownTransaction) {
                    try {
                        connection.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            } finally {
                if (autoCommit && ownTransaction) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            if (JpaErrors.isUnavailable(e)) {
                throw new StoreUnavailableException("the JPA store cannot reach its database: " + e.getMessage(), e);
            }
            throw new IllegalStateException("the database refused the new job '" + job.id + "': " + e.getMessage(), e);
        }
    }

    static Long getLong(ResultSet r, int index) throws SQLException {
        long value = r.getLong(index);
        return r.wasNull() ? null : value;
    }

    static void setString(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
