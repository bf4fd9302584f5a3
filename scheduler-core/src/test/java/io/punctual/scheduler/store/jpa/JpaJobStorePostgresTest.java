package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.StoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on a real PostgreSQL (embedded). The JVM runs in Asia/Tokyo and every database session in
 * America/Los_Angeles, so a store that let either zone touch its timestamps would fail the exact-instant checks.
 */
class JpaJobStorePostgresTest extends JpaJobStoreTestBase {

    private static final String SESSION_ZONE = "America/Los_Angeles";
    private static final String JVM_ZONE = "Asia/Tokyo";

    private static TimeZone originalZone;
    private static EmbeddedPostgres postgres;
    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void startDatabase() throws IOException {
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(JVM_ZONE));
        postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "Europe/Berlin").start();
        database = new JpaTestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema();
        factory = newFactory();
    }

    private static EntityManagerFactory newFactory() {
        // pgjdbc sends the JVM's zone as the session zone; this resets every pooled connection to a third one
        return database.entityManagerFactory(Map.of("hibernate.connection.init_sql", "SET TIME ZONE '" + SESSION_ZONE + "'"));
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        try {
            if (factory != null) {
                factory.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } finally {
            TimeZone.setDefault(originalZone);
        }
    }

    @Override
    protected JpaTestDatabase database() {
        return database;
    }

    @Override
    protected EntityManagerFactory factory() {
        return factory;
    }

    @Override
    protected String databaseName() {
        return "postgresql";
    }

    /**
     * The claim index and the in-flight runs' index hold only the rows their queries look for (claimable jobs, runs not
     * ended): the claim's scan, the next due time and the recovery's look-up must still read through them.
     */
    @Test
    void theClaimTheNextDueTimeAndTheRecoveryReadThroughTheirPartialIndexes() throws Exception {
        JobRows rows = new JobRows(JpaJobStore.DEFAULT_TABLE_PREFIX);
        try (java.sql.Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("set local enable_seqscan = off"); // so that a plan without the index shows as a sequential scan
            }
            assertThat(plan(c, rows.selectJobs + " where claim_due <= ? and claim_due >= ? order by claim_due, priority desc,"
                    + " id limit ? for update skip locked", 5L, 1L, 10)).contains("punctual_job_claim_idx");
            assertThat(plan(c, rows.selectJobs + " where claim_due <= ? order by claim_due, priority desc, id limit ?"
                    + " for update skip locked", 5L, 10)).contains("punctual_job_claim_idx");
            assertThat(plan(c, rows.nextDue, false, Long.MIN_VALUE, Long.MIN_VALUE)).contains("punctual_job_claim_idx");
            assertThat(plan(c, "select distinct node from punctual_execution where node in (?) and end_time is null", "n"))
                    .contains("punctual_execution_node_idx");
            c.rollback();
        }
    }

    /**
     * An outcome batch locks its jobs by a list of ids. On a job table of thousands of rows PostgreSQL scanned the whole
     * table for such a list; the transaction asks for lookups by key instead, from {@link FireRows#PREFER_INDEXES_FROM}
     * ids on, and only for itself: on a pool of one connection, the next transaction finds sequential scans allowed again.
     */
    @Test
    void jobsLockedByAListOfIdsAreLookedUpByKeyForThatTransactionOnly() throws Exception {
        for (int i = 0; i < 500; i++) {
            store.save(everyMinute("job-" + i), T0);
        }
        java.util.List<String> ids = java.util.stream.IntStream.range(0, 64).mapToObj(i -> "job-" + i * 7).toList();
        java.util.List<String> few = ids.subList(0, FireRows.PREFER_INDEXES_FROM - 1);
        EntityManagerFactory onePool = database.entityManagerFactory(Map.of("hibernate.connection.pool_size", "1"));
        try {
            assertThat(lockAndRead(onePool, few, "select current_setting('enable_seqscan')")).as("a short list").isEqualTo("on");
            assertThat(lockAndRead(onePool, ids, "select current_setting('enable_seqscan')")).isEqualTo("off");
            assertThat(lockAndRead(onePool, ids, "explain select id from punctual_job where id in ("
                    + String.join(", ", ids.stream().map(id -> "'" + id + "'").toList()) + ") order by id for update"))
                    .as("the plan of such a look-up").contains("punctual_job_pkey").doesNotContain("Seq Scan");
            assertThat(lockAndRead(onePool, List.of(), "select current_setting('enable_seqscan')"))
                    .as("the next transaction on the same connection").isEqualTo("on");
        } finally {
            onePool.close();
        }
    }

    /** Locks {@code ids} through the store's rows in one transaction, then answers {@code sql}'s rows there, a line each. */
    private static String lockAndRead(EntityManagerFactory factory, List<String> ids, String sql) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            FireRows rows = new FireRows(em, new JobRows(JpaJobStore.DEFAULT_TABLE_PREFIX),
                    new ExecutionRows(JpaJobStore.DEFAULT_TABLE_PREFIX), false, DatabaseFacts.of("PostgreSQL", 14, 22),
                    new ClaimFloor());
            if (!ids.isEmpty()) {
                assertThat(rows.lock(ids)).hasSize(ids.size());
            }
            String answer = String.join("\n", ((List<?>) em.createNativeQuery(sql).getResultList()).stream()
                    .map(String::valueOf).toList());
            em.getTransaction().commit();
            return answer;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static String plan(java.sql.Connection c, String sql, Object... parameters) throws java.sql.SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement("explain " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    plan.append(r.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /**
     * Every fire updates its job's row twice (claim, outcome). The job table leaves a fifth of each page free, so that an
     * update that changes no indexed column (an outcome's, mostly) can stay on its page without new index entries (a HOT
     * update); the script that creates it must still let the schema check read its columns.
     */
    @Test
    void theJobTableLeavesRoomOnEachPageForUpdates() throws Exception {
        try (java.sql.Connection c = database.connect(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("select array_to_string(reloptions, ',') from pg_class where relname = 'punctual_job'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("fillfactor=80");
        }
    }

    /**
     * On PostgreSQL, claims and outcomes write the rows of a batch with one statement of arrays each ({@link UnnestRows}):
     * the job rows the claim and the outcomes changed, and the history rows. Texts that the arrays' encoding must quote
     * (quotes, backslashes, braces, commas, a line break, the word NULL, an empty text, letters outside ASCII) and nulls
     * come back as they went in.
     */
    @Test
    void aBatchWritesItsRowsWithOneStatementOfArraysAndEveryValueReadsBack() {
        List<String> errors = java.util.Arrays.asList("x.Boom: \"quoted\", back\\slash {braced} a,b", "NULL", "",
                "line one\nline two \u00e9\u00df \ud83d\ude00", null);
        for (int i = 0; i < errors.size(); i++) {
            store.save(everyMinute("arr-" + i), T0);
        }
        JpaTestDatabase.STATEMENTS.clear();
        List<Fire> fires = store.claimDue(T0, errors.size(), NODE).fires();
        assertThat(fires).hasSize(errors.size());
        List<io.punctual.scheduler.store.Completion> done = new java.util.ArrayList<>();
        for (Fire fire : fires) {
            String error = errors.get(Integer.parseInt(fire.jobId().substring(4)));
            done.add(new io.punctual.scheduler.store.Completion(fire, error == null ? Outcome.SUCCESS : Outcome.FAILURE, T0,
                    T0.plusMillis(5), NODE, error, error == null ? null : "detail of " + error, null, null));
        }
        store.completeAll(done);

        assertThat(JpaTestDatabase.STATEMENTS).filteredOn(sql -> sql.contains("unnest("))
                .as("the claim's job rows, the outcomes' job rows, the history rows").hasSize(3);
        assertThat(JpaTestDatabase.STATEMENTS).as("a statement a row").filteredOn(sql -> sql.endsWith("where id = ?")
                && sql.startsWith("update punctual_job set") || sql.endsWith("?)") && sql.startsWith("insert into punctual_execution ("))
                .isEmpty();
        for (int i = 0; i < errors.size(); i++) {
            ExecutionRecord run = store.history("arr-" + i, 10).get(0);
            assertThat(run.error()).as("arr-" + i).isEqualTo(errors.get(i));
            assertThat(run.detail()).isEqualTo(errors.get(i) == null ? null : "detail of " + errors.get(i));
            assertThat(run.outcome()).isEqualTo(errors.get(i) == null ? Outcome.SUCCESS : Outcome.FAILURE);
            assertThat(run.startTime()).isEqualTo(T0);
            assertThat(run.endTime()).isEqualTo(T0.plusMillis(5));
            assertThat(run.node()).isEqualTo(NODE);
            assertThat(store.find("arr-" + i)).hasValueSatisfying(job -> {
                assertThat(job.running()).isZero();
                assertThat(job.lastOutcome()).isEqualTo(run.outcome());
            });
        }
        assertThat(store.claimDue(T0.plusSeconds(60), 10, NODE).fires()).as("every job claimable again at its next fire")
                .hasSize(errors.size());
    }

    /**
     * A job row another transaction deleted after the claim read it fails the whole statement of arrays, naming the row,
     * as a batch of a statement each would (see {@link FireRows#requireUpdated}).
     */
    @Test
    void aJobRowDeletedAfterItWasReadFailsTheStatementOfArraysNamingIt() throws Exception {
        store.save(everyMinute("kept"), T0);
        store.save(everyMinute("gone"), T0);
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            FireRows rows = new FireRows(em, new JobRows("punctual_"), new ExecutionRows("punctual_"), false,
                    DatabaseFacts.of("PostgreSQL", 14, 0), new ClaimFloor());
            List<JobEntity> read = rows.lock(List.of("gone", "kept"));
            assertThat(read).hasSize(2);
            read.forEach(j -> j.version++);
            em.getTransaction().commit(); // lets the other connection delete the row; the rows stay known to FireRows
            em.getTransaction().begin();
            try (java.sql.Connection other = database.connect();
                    java.sql.PreparedStatement delete = other.prepareStatement("delete from punctual_job where id = ?")) {
                delete.setString(1, "gone");
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }

            assertThatThrownBy(rows::write).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The job row gone was deleted").hasMessageContaining("rolled back and tried again");
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Test
    void theJvmAndTheDatabaseSessionRunInZonesOtherThanUtc() {
        EntityManager em = factory.createEntityManager();
        try {
            assertThat(em.createNativeQuery("select current_setting('TimeZone')").getSingleResult()).isEqualTo(SESSION_ZONE);
        } finally {
            em.close();
        }
        assertThat(ZoneId.systemDefault()).isEqualTo(ZoneId.of(JVM_ZONE));
    }

    @Test
    void claimAsksPostgresToSkipLockedRows() {
        store.save(everyMinute("a"), T0);
        JpaTestDatabase.STATEMENTS.clear();

        store.claimDue(T0, 10, NODE);

        assertThat(JpaTestDatabase.STATEMENTS).filteredOn(sql -> sql.contains("claim_due<=") || sql.contains("claim_due <="))
                .singleElement().satisfies(sql -> {
                    System.out.println("PostgreSQL claim SQL: " + sql);
                    assertThat(sql.toLowerCase()).contains("skip locked");
                });
    }

    @Test
    void twoNodesClaimingAtOnceClaimEveryFireExactlyOnce() throws Exception {
        EntityManagerFactory otherFactory = newFactory();
        try {
            TwoStoresAtOnce.claimEveryFireExactlyOnce(store, new JpaJobStore(otherFactory), T0, 300, 4);
        } finally {
            otherFactory.close();
        }
    }

    @Test
    void twoNodesDeclaringTheSameNewJobsAtOnceBothSucceed() throws Exception {
        EntityManagerFactory otherFactory = newFactory();
        try {
            TwoStoresAtOnce.declareTheSameNewJobs(store, new JpaJobStore(otherFactory), T0);
        } finally {
            otherFactory.close();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedMakesTheStoreUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {closedPort});
        nowhere.setConnectTimeout(2);
        Map<String, Object> settings = Map.of(
                "jakarta.persistence.nonJtaDataSource", nowhere,
                "hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect",
                "hibernate.boot.allow_jdbc_metadata_access", "false",
                "hibernate.hbm2ddl.auto", "none");
        EntityManagerFactory unreachable = database.entityManagerFactory(settings);
        try {
            JpaJobStore down = new JpaJobStore(unreachable);
            assertThatThrownBy(() -> down.claimDue(T0, 10, NODE)).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(down::nextDueTime).isInstanceOf(StoreUnavailableException.class);
        } finally {
            unreachable.close();
        }
    }
}
