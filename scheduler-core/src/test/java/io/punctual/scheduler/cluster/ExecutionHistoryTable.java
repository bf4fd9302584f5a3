package io.punctual.scheduler.cluster;

import io.punctual.scheduler.store.jpa.JpaJobStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's own execution history as stored by the JPA store, read with SQL over the columns of the shipped
 * schema script (the public contract of the tables), because {@code JobScheduler.history} leaves out runs in flight: a
 * job's first run in flight is held on its job row (the {@code run_*} columns), further ones in execution rows.
 */
final class ExecutionHistoryTable {

    private final String url;

    ExecutionHistoryTable(String url) {
        this.url = url;
    }

    /**
     * One history row: a run (in flight while {@code end} is null), or a summary of {@code count} fires that did not run.
     * {@code outcome} is the stored word, e.g. {@code SUCCESS}, {@code LOST}, {@code COALESCED}; null in flight.
     */
    record Row(String executionId, String jobId, Instant scheduled, Instant start, Instant end, String outcome,
               String node, int attempt, long count, String detail) {

        boolean inFlight() {
            return end == null;
        }

        boolean is(String word) {
            return outcome != null && outcome.equalsIgnoreCase(word);
        }

        @Override
        public String toString() {
            return jobId + " " + (outcome == null ? "in flight" : outcome) + " due " + scheduled + " attempt " + attempt
                    + " on " + node + (start == null ? "" : " started " + start) + (end == null ? "" : " ended " + end)
                    + (count == 1 ? "" : " x" + count) + (detail == null ? "" : " (" + detail + ")");
        }
    }

    List<Row> readAll() throws SQLException {
        List<Row> rows = new ArrayList<>();
        // with the runs in flight that job rows hold in their run slot (their execution row is written when they end)
        String prefix = JpaJobStore.DEFAULT_TABLE_PREFIX;
        String sql = "SELECT id, job_id, scheduled_time, start_time, end_time, outcome, node, attempt, fire_count, detail"
                + " FROM " + prefix + "execution UNION ALL SELECT run_id, id, run_scheduled, run_start, NULL, NULL, run_node,"
                + " run_attempt, 1, NULL FROM " + prefix + "job WHERE run_id IS NOT NULL ORDER BY 3, 8, 1";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4), instant(rs, 5),
                        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getString(10)));
            }
        }
        return rows;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Micros.toInstant(micros);
    }
}
