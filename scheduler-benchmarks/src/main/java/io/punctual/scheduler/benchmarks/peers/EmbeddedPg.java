package io.punctual.scheduler.benchmarks.peers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One embedded PostgreSQL for the whole run, with {@code fsync} and {@code synchronous_commit} on (zonky turns
 * them off by default, which would hide what a scheduler's commits cost). Each contender in each scenario gets a
 * fresh database in it.
 */
public final class EmbeddedPg implements AutoCloseable {

    /** Server settings that differ from zonky's defaults; printed in the results. */
    public static final Map<String, String> SETTINGS = Map.of(
            "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on", "max_connections", "200");

    /**
     * With {@code -Dpunctual.bench.pg-statements=<file>} the server loads {@code pg_stat_statements}, and at the end of the run
     * the 40 statements that took the most execution time (over every database of the run) are written to that file.
     */
    private static final String STATEMENTS_FILE = System.getProperty("punctual.bench.pg-statements");

    private final EmbeddedPostgres pg;
    private final AtomicInteger databases = new AtomicInteger();

    private EmbeddedPg(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static EmbeddedPg start() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            SETTINGS.forEach(builder::setServerConfig);
            // -Dpunctual.bench.pg-config=log_lock_waits=on,deadlock_timeout=5ms: server settings for a diagnosis
            for (String setting : System.getProperty("punctual.bench.pg-config", "").split(",")) {
                int eq = setting.indexOf('=');
                if (eq > 0) {
                    builder.setServerConfig(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                }
            }
            if (STATEMENTS_FILE != null) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                builder.setServerConfig("pg_stat_statements.track_planning", "on"); // planning is part of a statement's cost
            }
            EmbeddedPg started = new EmbeddedPg(builder.start());
            if (STATEMENTS_FILE != null) {
                started.execute("CREATE EXTENSION pg_stat_statements");
            }
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }

    public int port() {
        return pg.getPort();
    }

    /** Creates a new, empty database. */
    public Db fresh(String label) {
        String name = ("b" + databases.incrementAndGet() + "_" + label).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + name);
        String url = "jdbc:postgresql://localhost:" + port() + "/" + name;
        return new Db(Db.Kind.POSTGRES, url, "postgres", "postgres", this, name);
    }

    /** The server's version and the settings that matter here, as one line. */
    public String describe() {
        try (Connection c = admin(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('full_page_writes'), current_setting('shared_buffers')")) {
            r.next();
            return r.getString(1).replaceAll(",.*", "") + "; fsync=" + r.getString(2) + ", synchronous_commit=" + r.getString(3)
                    + ", full_page_writes=" + r.getString(4) + ", shared_buffers=" + r.getString(5)
                    + "; one-row INSERT + COMMIT from one connection: " + commitLatency();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The floor under every scheduler here: how long a transaction that writes one row takes to commit (the WAL
     * flush with fsync on), as the median and p90 of 300 in a row, in a scratch table of the {@code postgres} database.
     */
    private String commitLatency() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_commit_probe (id bigint)");
            long[] nanos = new long[300];
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO bench_commit_probe VALUES (?)")) {
                for (int i = 0; i < nanos.length; i++) {
                    long t0 = System.nanoTime();
                    insert.setLong(1, i);
                    insert.executeUpdate(); // autocommit: one transaction each
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            s.execute("DROP TABLE bench_commit_probe");
            java.util.Arrays.sort(nanos);
            return String.format(java.util.Locale.ROOT, "median %.2f ms, p90 %.2f ms", nanos[150] / 1e6, nanos[270] / 1e6);
        }
    }

    /**
     * {@code xact_commit} of one database, read from the {@code postgres} database (so reading does not count)
     * until three reads 300 ms apart agree (at most 40 reads, 12 s): the statistics collector reports with a delay.
     * No pause after the last read (0.6 s when the counter is already stable).
     */
    long stableCommits(String database) {
        long last = readCommits(database);
        int same = 0;
        for (int i = 1; i < 40 && same < 2; i++) {
            LockSupport.parkNanos(300_000_000L);
            long now = readCommits(database);
            same = now == last ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    /** One read of {@code xact_commit} of {@code database}, from the {@code postgres} database. */
    long readCommits(String database) {
        try (Connection c = admin();
             PreparedStatement p = c.prepareStatement("SELECT xact_commit FROM pg_stat_database WHERE datname = ?")) {
            p.setString(1, database);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * CPU time the server's processes have used so far, user and system, from {@code /proc}: the postmaster's own, that
     * of its children it has reaped (backends of closed connections), and that of its live children (backends, the WAL
     * writer, the checkpointer, autovacuum). -1 where {@code /proc} cannot tell (not Linux).
     */
    long cpuNanos() {
        try {
            long postmaster = postmasterPid();
            long ticks = 0;
            try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (java.nio.file.Path dir : (Iterable<java.nio.file.Path>) processes::iterator) {
                    String name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String[] f = statFields(Long.parseLong(name));
                    if (f != null && Long.parseLong(f[1]) == postmaster) { // f[1]: the parent's pid
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            String[] own = statFields(postmaster);
            ticks += Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
            return ticks * (1_000_000_000L / CLOCK_TICKS);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Linux's USER_HZ, the unit of {@code /proc/<pid>/stat}'s times: 100 on every architecture Linux runs Java on. */
    private static final long CLOCK_TICKS = 100;
    private volatile long postmasterPid;

    private long postmasterPid() throws SQLException {
        if (postmasterPid == 0) {
            try (Connection c = admin(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                postmasterPid = Long.parseLong(statFields(r.getLong(1))[1]);
            }
        }
        return postmasterPid;
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command name (which may hold spaces): [0] is the state, [1] the
     * parent's pid, [11] utime, [12] stime, [13] cutime, [14] cstime; null when the process is gone.
     */
    private static String[] statFields(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void execute(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/postgres", "postgres", "postgres");
    }

    @Override
    public void close() {
        if (STATEMENTS_FILE != null) {
            writeStatements();
        }
        try {
            pg.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeStatements() {
        String sql = "SELECT d.datname, s.calls, round(s.total_exec_time::numeric, 1), s.plans, round(s.total_plan_time::numeric, 1),"
                + " s.rows, s.shared_blks_hit, s.wal_records, s.wal_fpi, round(s.wal_bytes / 1048576.0, 1),"
                + " (SELECT CASE WHEN length(q) <= 300 THEN q ELSE left(q, 100) || ' … ' || right(q, 190) END"
                + " FROM regexp_replace(s.query, '\\s+', ' ', 'g') AS q) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
                + " ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT 40";
        try (Connection c = admin(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql);
             java.io.PrintWriter out = new java.io.PrintWriter(STATEMENTS_FILE, java.nio.charset.StandardCharsets.UTF_8)) {
            out.println("| database | calls | exec ms | plans | plan ms | rows | shared blocks hit | WAL records | WAL full pages | WAL MiB | statement |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            while (r.next()) {
                out.println("| " + r.getString(1) + " | " + r.getLong(2) + " | " + r.getString(3) + " | " + r.getLong(4) + " | "
                        + r.getString(5) + " | " + r.getLong(6) + " | " + r.getLong(7) + " | " + r.getLong(8) + " | "
                        + r.getLong(9) + " | " + r.getString(10) + " | `" + r.getString(11).replace("|", "\\|") + "` |");
            }
            try (ResultSet w = s.executeQuery("SELECT checkpoints_timed, checkpoints_req FROM pg_stat_bgwriter")) {
                w.next();
                out.println();
                out.println("Checkpoints over the run: " + w.getLong(1) + " timed, " + w.getLong(2) + " requested (WAL size).");
            }
        } catch (Exception e) {
            System.err.println("pg_stat_statements could not be written to " + STATEMENTS_FILE + ": " + e);
        }
    }
}
