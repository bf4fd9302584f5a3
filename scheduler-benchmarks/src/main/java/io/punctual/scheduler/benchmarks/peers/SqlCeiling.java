package io.punctual.scheduler.benchmarks.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How fast S1's drain could be on this machine with Punctual's SQL and nothing else: the statements of the JPA store's
 * turnover (one transaction that writes the outcomes of the last batch and claims the next), sent by bare JDBC loops that
 * run no scheduler, no worker and no job. It answers whether a goal is out of reach of the SQL itself, whatever the Java
 * around it does.
 *
 * <p>Per transaction, as the store does: {@code set transaction isolation level read committed}; the outcomes' job rows
 * locked by id; their job rows updated and their execution rows inserted (two JDBC batches); the due pending fires looked
 * up; the due jobs locked from the claim index ({@code for update skip locked}, from the key of the last claim's first row,
 * as a backlog's claims do); their job rows updated (a batch); commit. Each claimed job is "run" at once: its outcome goes
 * into the next transaction of the same loop.
 *
 * <p>With {@code claims-only=true} no outcome is written: the claims alone, as a herd's fires are claimed before their
 * runs' outcomes come in (S3).
 *
 * <p>Usage: {@code java -cp ... SqlCeiling [jobs=20000] [batches=8,16,64] [loops=1,2] [claims-only=false]}. Prints one line per case: jobs/s
 * over the drain, transactions per job, and CPU per job of this JVM and of the PostgreSQL server.
 */
public final class SqlCeiling {

    private static final String COLUMNS = "id, schedule_kind, schedule_expression, schedule_zone, start_at, end_at, misfire,"
            + " misfire_grace, coalesce_fires, max_catch_up, max_instances, retries, retry_backoff, run_timeout, job_scope,"
            + " priority, jitter, enabled, initial_delay, handler_name, payload, paused, orphaned, waiting, running,"
            + " held_retries, tagged, latest_run_start, skip_row_id, next_nominal, next_due, claim_due, last_fire,"
            + " last_outcome, consecutive_failures, run_id, run_node, run_scheduled, run_start, run_attempt, run_origin,"
            + " run_fence, version";
    private static final String UPDATE_JOB = "update punctual_job set version = ?, last_fire = ?, running = ?,"
            + " latest_run_start = ?, next_nominal = ?, next_due = ?, claim_due = ?, waiting = ?, held_retries = ?,"
            + " skip_row_id = ?, last_outcome = ?, consecutive_failures = ?, run_id = ?, run_node = ?, run_scheduled = ?,"
            + " run_start = ?, run_attempt = ?, run_origin = ?, run_fence = ? where id = ?";
    private static final String INSERT_EXECUTION = "insert into punctual_execution (id, job_id, scheduled_time, start_time,"
            + " end_time, outcome, node, attempt, fire_count, error, detail, fence, origin) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PENDING = "select job_id from punctual_pending_fire where held = ? and due <= ?"
            + " order by due, priority desc, job_id, id limit ?";
    private static final String ORDER = " order by claim_due, priority desc, id limit ? for update skip locked";

    private SqlCeiling() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = 20_000;
        int[] batches = {8, 16, 64};
        int[] loops = {1, 2};
        boolean claimsOnly = false;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "jobs" -> jobs = Integer.parseInt(kv[1]);
                case "batches" -> batches = ints(kv[1]);
                case "loops" -> loops = ints(kv[1]);
                case "claims-only" -> claimsOnly = Boolean.parseBoolean(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + "; allowed: jobs=, batches=, loops=, claims-only=");
            }
        }
        try (Bench bench = new Bench(Options.parse())) {
            Bench.log("PostgreSQL: " + bench.pg().describe());
            for (int round = 0; round < 2; round++) { // the first round warms the JIT and the server
                for (int loopCount : loops) {
                    for (int batch : batches) {
                        String result = drain(bench, jobs, batch, loopCount, claimsOnly);
                        Bench.log((round == 0 ? "(warm-up) " : "") + result);
                    }
                }
            }
        }
        System.exit(0);
    }

    private static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * One drain of {@code jobs} one-time jobs due now in a fresh database; fails unless every job was claimed once and, with
     * outcomes, has its one execution row.
     */
    static String drain(Bench bench, int jobs, int batch, int loopCount, boolean claimsOnly) throws Exception {
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "ceiling_" + batch + "_" + loopCount)) {
            long due = System.currentTimeMillis() * 1000;
            try (Connection c = db.dataSource().getConnection()) {
                createSchema(c);
                insert(c, jobs, due);
            }
            db.settleStatistics(null);
            AtomicInteger claimed = new AtomicInteger();
            AtomicInteger transactions = new AtomicInteger();
            long commits0 = db.commitsNow();
            long server0 = db.serverCpuNanos();
            long jvm0 = Db.jvmCpuNanos();
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < loopCount; i++) {
                String node = "node-" + i;
                Thread t = new Thread(() -> loop(db, batch, due, node, claimsOnly, claimed, transactions), "ceiling-" + i);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long jvm = Db.jvmCpuNanos() - jvm0;
            long server = db.serverCpuNanos() - server0;
            long commits = db.commitsNow() - commits0;
            if (claimed.get() != jobs) {
                throw new IllegalStateException("claimed " + claimed.get() + " of " + jobs);
            }
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*), count(distinct job_id) from punctual_execution")) {
                r.next();
                int expected = claimsOnly ? 0 : jobs;
                if (r.getInt(1) != expected || r.getInt(2) != expected) {
                    throw new IllegalStateException(r.getInt(1) + " execution rows for " + r.getInt(2) + " jobs; expected " + expected);
                }
            }
            return String.format(Locale.ROOT, "%sbatch %d, %d loop(s): %,.0f jobs/s, %.3f transactions/job (%.3f commits/job),"
                            + " JVM %.0f µs/job, PostgreSQL %.0f µs/job", claimsOnly ? "claims only, " : "", batch, loopCount, jobs / seconds,
                    transactions.get() / (double) jobs, commits / (double) jobs, jvm / 1e3 / jobs, server / 1e3 / jobs);
        }
    }

    /** One loop: turnovers until a claim finds nothing and no outcome is left to write. */
    private static void loop(Db db, int batch, long due, String node, boolean claimsOnly, AtomicInteger claimed,
                             AtomicInteger transactions) {
        List<Job> running = new ArrayList<>();
        Job floor = null;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            while (true) {
                long now = System.currentTimeMillis() * 1000;
                try (Statement s = c.createStatement()) {
                    s.execute("set transaction isolation level read committed");
                }
                if (!running.isEmpty()) {
                    complete(c, running, now);
                }
                try (PreparedStatement s = c.prepareStatement(PENDING)) {
                    s.setBoolean(1, false);
                    s.setLong(2, now);
                    s.setInt(3, batch);
                    s.executeQuery().close();
                }
                List<Job> locked = lock(c, floor, now, batch);
                try (PreparedStatement s = c.prepareStatement(UPDATE_JOB)) {
                    for (Job j : locked) {
                        j.version++;
                        j.runId = UUID.randomUUID().toString();
                        bindJob(s, j, now, 1, null, j.runId, node, due, now);
                        s.addBatch();
                    }
                    if (!locked.isEmpty()) {
                        s.executeBatch();
                    }
                }
                c.commit();
                transactions.incrementAndGet();
                claimed.addAndGet(locked.size());
                floor = locked.size() == batch ? locked.get(0) : null;
                running = claimsOnly ? List.of() : locked;
                if (locked.isEmpty()) {
                    return; // and nothing of this loop's is left running
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void complete(Connection c, List<Job> runs, long now) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from punctual_job where id in (");
        for (int i = 0; i < runs.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement s = c.prepareStatement(sql + ") order by id for update")) {
            for (int i = 0; i < runs.size(); i++) {
                s.setString(i + 1, runs.get(i).id);
            }
            s.executeQuery().close();
        }
        try (PreparedStatement s = c.prepareStatement(UPDATE_JOB)) {
            for (Job j : runs) {
                j.version++;
                bindJob(s, j, now, 0, "SUCCESS", null, null, null, null);
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(INSERT_EXECUTION)) {
            for (Job j : runs) {
                s.setString(1, j.runId);
                s.setString(2, j.id);
                s.setLong(3, j.due);
                s.setLong(4, now);
                s.setLong(5, now);
                s.setString(6, "SUCCESS");
                s.setString(7, "node");
                s.setInt(8, 1);
                s.setLong(9, 1);
                s.setNull(10, java.sql.Types.VARCHAR);
                s.setNull(11, java.sql.Types.VARCHAR);
                s.setLong(12, j.version);
                s.setString(13, "SCHEDULE");
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void bindJob(PreparedStatement s, Job j, long now, int running, String outcome, String runId, String node,
                                Long scheduled, Long start) throws SQLException {
        int i = 0;
        s.setLong(++i, j.version);
        s.setLong(++i, now);
        s.setInt(++i, running);
        s.setLong(++i, now);
        s.setNull(++i, java.sql.Types.BIGINT); // next nominal: a one-time job's only fire is taken
        s.setNull(++i, java.sql.Types.BIGINT);
        s.setNull(++i, java.sql.Types.BIGINT); // claim due: out of the claim index
        s.setBoolean(++i, false);
        s.setBoolean(++i, false);
        s.setNull(++i, java.sql.Types.VARCHAR);
        s.setString(++i, outcome);
        s.setInt(++i, 0);
        s.setString(++i, runId);
        s.setString(++i, node);
        s.setObject(++i, scheduled, java.sql.Types.BIGINT);
        s.setObject(++i, start, java.sql.Types.BIGINT);
        s.setObject(++i, runId == null ? null : 1, java.sql.Types.INTEGER);
        s.setString(++i, runId == null ? null : "SCHEDULE");
        s.setObject(++i, runId == null ? null : j.version, java.sql.Types.BIGINT);
        s.setString(++i, j.id);
    }

    /** The claim's scan: from the start, or from the whole key of the last full claim's first row (all due at one time). */
    private static List<Job> lock(Connection c, Job floor, long now, int batch) throws SQLException {
        List<Job> rows = new ArrayList<>();
        if (floor == null) {
            read(c, " where claim_due <= ?" + ORDER, rows, batch, now);
        } else {
            read(c, " where claim_due = ? and priority = ? and id >= ?" + ORDER, rows, batch, floor.due, 0, floor.id);
            if (rows.size() < batch) {
                read(c, " where claim_due = ? and priority < ?" + ORDER, rows, batch - rows.size(), floor.due, 0);
            }
            if (rows.size() < batch) {
                read(c, " where claim_due > ? and claim_due <= ?" + ORDER, rows, batch - rows.size(), floor.due, now);
            }
        }
        return rows;
    }

    private static void read(Connection c, String where, List<Job> into, int limit, Object... bounds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from punctual_job" + where)) {
            int i = 0;
            for (Object bound : bounds) {
                s.setObject(++i, bound);
            }
            s.setInt(++i, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Job j = new Job();
                    j.id = r.getString("id");
                    j.due = r.getLong("claim_due");
                    j.version = r.getLong("version");
                    into.add(j);
                }
            }
        }
    }

    private static final class Job {
        String id;
        long due;
        long version;
        String runId;
    }

    private static void createSchema(Connection c) throws IOException, SQLException {
        try (InputStream in = SqlCeiling.class.getResourceAsStream("/io/punctual/scheduler/store/jpa/schema-postgresql.sql")) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", "punctual_");
            try (Statement s = c.createStatement()) {
                for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            }
        }
    }

    /** One-time jobs due at {@code due}, as the JPA store saves them (the columns S1's jobs have). */
    private static void insert(Connection c, int jobs, long due) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("insert into punctual_job (id, schedule_kind, schedule_expression,"
                + " misfire, misfire_grace, coalesce_fires, max_catch_up, max_instances, retries, retry_backoff, job_scope,"
                + " priority, jitter, enabled, initial_delay, handler_name, payload, paused, orphaned, waiting, next_nominal,"
                + " next_due, claim_due, consecutive_failures, version) values (?, 'at', ?, 'fire-now', 'PT1M', true, 1, 1, 0,"
                + " 'PT10S', 'cluster', 0, 'PT0S', true, 'PT0S', 'benchJob', ?, false, false, false, ?, ?, ?, 0, 0)")) {
            for (int i = 0; i < jobs; i++) {
                s.setString(1, "s1-" + i);
                s.setString(2, java.time.Instant.ofEpochSecond(due / 1_000_000, due % 1_000_000 * 1000).toString());
                s.setString(3, "\"s1-" + i + "\"");
                s.setLong(4, due);
                s.setLong(5, due);
                s.setLong(6, due);
                s.addBatch();
                if (i % 500 == 499) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }
}
