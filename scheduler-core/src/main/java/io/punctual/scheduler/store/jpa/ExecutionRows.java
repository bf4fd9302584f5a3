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

    /** {@code select <COLUMNS> from <prefix>execution}. */
    final String select;
    final String insert;
    final String update;

    ExecutionRows(String tablePrefix) {
        this.select = "select " + String.join(", ", COLUMNS) + " from " + tablePrefix + "execution";
        this.insert = "insert into " + tablePrefix + "execution (" + String.join(", ", COLUMNS) + ") values ("
                + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";
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

    static void bindInsert(PreparedStatement s, ExecutionEntity e) throws SQLException {
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
