package io.punctual.scheduler.benchmarks.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * One fresh database for one contender in one scenario: its JDBC coordinates, a Hikari pool of 10 for peers
 * that take a DataSource (Punctual makes its own, also 10, through Spring Boot), and the commit counter.
 */
public final class Db implements AutoCloseable {

    /** The database kinds a scenario can run on. */
    public enum Kind { POSTGRES, H2 }

    public static final int POOL = 10;

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final EmbeddedPg pg;
    private final String name;
    private HikariDataSource pool;

    Db(Kind kind, String url, String user, String password, EmbeddedPg pg, String name) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.pg = pg;
        this.name = name;
    }

    /** A new H2 database in a file under {@code dir}. Commits are not counted on H2. */
    static Db h2File(Path dir, String name) {
        String url = "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        return new Db(Kind.H2, url, "sa", "", null, name);
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Transactions committed in this database so far, read until PostgreSQL's statistics are stable; -1 on H2. */
    public long commits() {
        return pg == null ? -1 : pg.stableCommits(name);
    }

    /**
     * Makes every idle connection of the shared pool and of {@code other} (a contender's own pool, or null) report its
     * statistics, so that {@link #commits()} counts the transactions they committed. PostgreSQL 14 sends a backend's
     * counters when it goes idle, but at most every 500 ms: the last commits of a busy connection that then sits idle
     * stay unreported until its next statement. Measured: S1's plain-JDBC inserts read 0.85 commits per job (each is one
     * auto-committed INSERT: 1.00) and the rest was counted in the drain. Waits 0.6 s, then runs one statement on each
     * connection of each pool at once (up to {@value #POOL}), whose own commits are counted too.
     */
    public void settleStatistics(DataSource other) {
        if (pg == null) {
            return;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(600_000_000L);
        DataSource shared;
        synchronized (this) {
            shared = pool;
        }
        for (DataSource source : java.util.Arrays.asList(shared, other)) {
            if (source != null) {
                touchAll(source);
            }
        }
    }

    private static void touchAll(DataSource source) {
        java.util.List<java.sql.Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < POOL; i++) {
                java.sql.Connection c = source.getConnection();
                held.add(c);
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("select 1");
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach the pool's connections", e);
        } finally {
            for (java.sql.Connection c : held) {
                try {
                    c.close();
                } catch (java.sql.SQLException ignored) {
                    // a connection that cannot be returned is the pool's to drop
                }
            }
        }
    }

    /** CPU time the database server has used so far (all its processes), nanoseconds; -1 on H2 or where it cannot tell. */
    public long serverCpuNanos() {
        return pg == null ? -1 : pg.cpuNanos();
    }

    /** CPU time this JVM has used so far, all its threads, nanoseconds; -1 where the JVM cannot tell. */
    public static long jvmCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** One read of the commit counter, without waiting for it to settle (for rates while a scheduler runs); -1 on H2. */
    public long commitsNow() {
        return pg == null ? -1 : pg.readCommits(name);
    }

    /** The shared pool of {@value #POOL} connections, created on first use. */
    public synchronized DataSource dataSource() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(POOL);
            config.setPoolName("bench-" + kind);
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
