package io.punctual.scheduler.store.jpa;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Execution rows by JDBC, for claims and outcomes ({@link FireRows}): read, inserted and updated without the provider's
 * managed entities. The columns are {@link ExecutionEntity}'s, in the order of {@link #COLUMNS}; {@code JobRowsTest} keeps
 * that list equal to the entity's mapping, and the stores' tests read rows written here back through the entity.
 */
final class ExecutionRows {

    /** Every column of the execution table, in the order {@link #read} reads them and {@link #bindInsert} binds them. */
    static final List<String> COLUMNS = List.of("id", "job_id", "scheduled_time", "start_time", "end_time", "outcome", "node",
            "attempt", "fire_count", "error", "detail", "fence", "origin");

    /** The columns an outcome or a skip summary changes, in the order {@link #bindUpdate} binds them (then the id). */
    static final List<String> CHANGING_COLUMNS = List.of("start_time", "end_time", "outcome", "node", "fire_count", "error",
            "detail");

    /** The SQL types of {@link #COLUMNS}, for {@link #insertAll}. */
    private static final List<String> TYPES = List.of("varchar", "varchar", "bigint", "bigint", "bigint", "varchar",
            "varchar", "integer", "bigint", "text", "text", "bigint", "varchar");

    /** {@code select <COLUMNS> from <prefix>execution}. */
    final String select;
    final String insert;
    /** PostgreSQL: {@link #insert} of many rows in one statement ({@link UnnestRows}). */
    private final String insertAll;
    final String update;

    ExecutionRows(String tablePrefix) {
        this.select = "select " + String.join(", ", COLUMNS) + " from " + tablePrefix + "execution";
        this.insert = "insert into " + tablePrefix + "execution (" + String.join(", ", COLUMNS) + ") values ("
                + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";
        this.insertAll = "insert into " + tablePrefix + "execution (" + String.join(", ", COLUMNS) + ") select * from "
                + UnnestRows.from(COLUMNS);
        this.update = "update " + tablePrefix + "execution set " + String.join(" = ?, ", CHANGING_COLUMNS) + " = ? where id = ?";
    }

    static ExecutionEntity read(ResultSet r) throws SQLException {
        int i = 0;
        ExecutionEntity e = new ExecutionEntity();
        e.id = r.getString(++i);
        e.jobId = r.getString(++i);
        e.scheduledTime = r.getLong(++i);
        e.startTime = JobRows.getLong(r, ++i);
        e.endTime = JobRows.getLong(r, ++i);
        e.outcome = r.getString(++i);
        e.node = r.getString(++i);
        e.attempt = r.getInt(++i);
        e.count = r.getLong(++i);
        e.error = r.getString(++i);
        e.detail = r.getString(++i);
        e.fence = r.getLong(++i);
        e.origin = r.getString(++i);
        return e;
    }

    /**
     * Inserts {@code rows}: one statement of them all when {@code arrays} ({@link DatabaseFacts#arrays},
     * {@link UnnestRows}), else a JDBC batch of one statement each.
     */
    void insert(java.sql.Connection c, List<ExecutionEntity> rows, boolean arrays) throws SQLException {
        if (arrays) {
            try (PreparedStatement s = c.prepareStatement(insertAll)) {
                UnnestRows.bind(c, s, TYPES, rows.stream().map(ExecutionRows::values).toList());
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement(insert)) {
            for (ExecutionEntity e : rows) {
                bindInsert(s, e);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every column of {@code e}, in the order of {@link #COLUMNS}. */
    private static List<Object> values(ExecutionEntity e) {
        return Arrays.asList(e.id, e.jobId, e.scheduledTime, e.startTime, e.endTime, e.outcome, e.node, e.attempt, e.count,
                e.error, e.detail, e.fence, e.origin);
    }

    private static void bindInsert(PreparedStatement s, ExecutionEntity e) throws SQLException {
        int i = 0;
        s.setString(++i, e.id);
        s.setString(++i, e.jobId);
        s.setLong(++i, e.scheduledTime);
        JobRows.setLong(s, ++i, e.startTime);
        JobRows.setLong(s, ++i, e.endTime);
        JobRows.setString(s, ++i, e.outcome);
        JobRows.setString(s, ++i, e.node);
        s.setInt(++i, e.attempt);
        s.setLong(++i, e.count);
        JobRows.setString(s, ++i, e.error);
        JobRows.setString(s, ++i, e.detail);
        s.setLong(++i, e.fence);
        JobRows.setString(s, ++i, e.origin);
    }

    static void bindUpdate(PreparedStatement s, ExecutionEntity e) throws SQLException {
        int i = 0;
        JobRows.setLong(s, ++i, e.startTime);
        JobRows.setLong(s, ++i, e.endTime);
        JobRows.setString(s, ++i, e.outcome);
        JobRows.setString(s, ++i, e.node);
        s.setLong(++i, e.count);
        JobRows.setString(s, ++i, e.error);
        JobRows.setString(s, ++i, e.detail);
        s.setString(++i, e.id);
    }

    /** What {@link #bindUpdate} writes, in the order of {@link #CHANGING_COLUMNS}: two are equal when no column would change. */
    static List<Object> changing(ExecutionEntity e) {
        return Arrays.asList(e.startTime, e.endTime, e.outcome, e.node, e.count, e.error, e.detail);
    }
}
