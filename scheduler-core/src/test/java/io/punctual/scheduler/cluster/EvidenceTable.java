package io.punctual.scheduler.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The table where every run of the cluster test's jobs writes its own evidence, through plain JDBC and outside the
 * scheduler's transactions: a row inserted when the run starts and updated when it ends, so a run whose process is
 * killed still leaves its start. Times are the machine's real clock in microseconds, never a node's skewed clock.
 *
 * <p>A write that fails (the database is being restarted) is retried on a new connection until {@link #WRITE_DEADLINE};
 * the row's key is made on the client, so a retried insert whose first commit did reach the server is not doubled.
 */
final class EvidenceTable {

    static final String TABLE = "evidence";
    static final Duration WRITE_DEADLINE = Duration.ofSeconds(60);

    private final String url;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    EvidenceTable(String url) {
        this.url = url;
    }

    /** One run as its job recorded it; {@code endMicros} and {@code result} are null while it runs or when it was killed. */
    record Row(String id, String jobId, long dueMicros, String node, int attempt, String executionId, long startMicros,
               Long endMicros, String result) {

        Instant due() {
            return Micros.toInstant(dueMicros);
        }

        Instant start() {
            return Micros.toInstant(startMicros);
        }

        Instant end() {
            return endMicros == null ? null : Micros.toInstant(endMicros);
        }

        @Override
        public String toString() {
            return jobId + " due " + due() + " attempt " + attempt + " on " + node + " started " + start()
                    + (endMicros == null ? " (no end)" : " ended " + end() + " " + result);
        }
    }

    void create() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(36) PRIMARY KEY, job_id VARCHAR(200) NOT NULL,"
                    + " due_us BIGINT NOT NULL, node VARCHAR(200) NOT NULL, attempt INTEGER NOT NULL,"
                    + " execution_id VARCHAR(36), start_us BIGINT NOT NULL, end_us BIGINT, result VARCHAR(40))");
        }
    }

    /** Records that a run started at {@code start}; returns the row's key for {@link #ended}. */
    String started(String jobId, Instant due, String node, int attempt, String executionId, Instant start) {
        String id = UUID.randomUUID().toString();
        write("INSERT INTO " + TABLE + " (id, job_id, due_us, node, attempt, execution_id, start_us)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", ps -> {
            ps.setString(1, id);
            ps.setString(2, jobId);
            ps.setLong(3, Micros.of(due));
            ps.setString(4, node);
            ps.setInt(5, attempt);
            ps.setString(6, executionId);
            ps.setLong(7, Micros.of(start));
        });
        return id;
    }

    /** Records that the run of row {@code id} ended at {@code end} with {@code result}. */
    void ended(String id, Instant end, String result) {
        write("UPDATE " + TABLE + " SET end_us = ?, result = ? WHERE id = ?", ps -> {
            ps.setLong(1, Micros.of(end));
            ps.setString(2, result);
            ps.setString(3, id);
        });
    }

    /** Every row, in start order. */
    List<Row> readAll() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, job_id, due_us, node, attempt, execution_id, start_us, end_us, result"
                     + " FROM " + TABLE + " ORDER BY start_us, id")) {
            while (rs.next()) {
                long end = rs.getLong(8);
                Long endMicros = rs.wasNull() ? null : end;
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getLong(7), endMicros, rs.getString(9)));
            }
        }
        return rows;
    }

    /** How many rows of jobs whose id starts with {@code prefix} exist; -1 while the database cannot be read. */
    long countStartingWith(String prefix) {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE job_id LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void write(String sql, Binder binder) {
        boolean interrupted = Thread.interrupted(); // a run being stopped still leaves its evidence
        try {
            long deadline = System.nanoTime() + WRITE_DEADLINE.toNanos();
            SQLException last = null;
            while (System.nanoTime() < deadline) {
                try (PreparedStatement ps = connection().prepareStatement(sql)) {
                    binder.bind(ps);
                    ps.executeUpdate();
                    return;
                } catch (SQLException e) {
                    last = e;
                    dropConnection();
                    interrupted |= pause();
                }
            }
            throw new IllegalStateException("evidence not written within " + WRITE_DEADLINE + ": " + sql, last);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Connection connection() throws SQLException {
        Connection c = connections.get();
        if (c == null) {
            c = DriverManager.getConnection(url);
            c.setAutoCommit(true); // each write is its own transaction, whatever the scheduler's transactions do
            try (Statement s = c.createStatement()) {
                // the instrument must not load the machine it measures: evidence commits do not wait for the disk
                // (PostgreSQL is stopped cleanly, never crashed, so nothing committed is lost); the scheduler's own
                // transactions keep synchronous_commit=on
                s.execute("SET synchronous_commit = off");
            }
            connections.set(c);
        }
        return c;
    }

    private void dropConnection() {
        Connection c = connections.get();
        connections.remove();
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is broken anyway
            }
        }
    }

    /** The workload's own back-off between two tries of a write (the job's thread, not the test's); whether it was interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(200);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
