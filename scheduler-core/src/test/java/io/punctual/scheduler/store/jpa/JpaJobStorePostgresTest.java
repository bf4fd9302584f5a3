package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.JobStore;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

        assertThat(JpaTestDatabase.STATEMENTS).filteredOn(sql -> sql.contains("claim_due<="))
                .singleElement().satisfies(sql -> {
                    System.out.println("PostgreSQL claim SQL: " + sql);
                    assertThat(sql.toLowerCase()).contains("skip locked");
                });
    }

    @Test
    void twoNodesClaimingAtOnceClaimEveryFireExactlyOnce() throws Exception {
        int jobs = 300;
        int minutes = 4;
        for (int i = 0; i < jobs; i++) {
            store.save(JobDefinition.of("job-" + i, Schedule.fixedRate(Duration.ofMinutes(1))), T0);
        }
        EntityManagerFactory otherFactory = newFactory();
        List<JobStore> nodes = List.of(store, new JpaJobStore(otherFactory));
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> byNode = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int minute = 0; minute < minutes; minute++) {
                Instant now = T0.plus(Duration.ofMinutes(minute)).plusMillis(1);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<?>> runs = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    JobStore node = nodes.get(n);
                    String name = "node-" + n;
                    runs.add(pool.submit(() -> {
                        start.await();
                        while (true) {
                            List<Fire> fires = node.claimDue(now, 7, name).fires();
                            if (fires.isEmpty() && node.nextDueTime().map(t -> t.isAfter(now)).orElse(true)) {
                                return null;
                            }
                            for (Fire f : fires) {
                                claimed.add(f.jobId() + "@" + f.scheduledTime());
                                byNode.merge(name, 1, Integer::sum);
                                assertThat(node.complete(new Completion(f, Outcome.SUCCESS, now, now, name, null, null, null, null)))
                                        .isTrue();
                            }
                        }
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(2, TimeUnit.MINUTES);
                }
            }
        } finally {
            pool.shutdownNow();
            otherFactory.close();
        }

        System.out.println("fires claimed by node: " + byNode);
        Set<String> distinct = new HashSet<>(claimed);
        assertThat(claimed).hasSize(jobs * minutes);
        assertThat(distinct).hasSize(jobs * minutes);
        assertThat(byNode).containsOnlyKeys("node-0", "node-1");
        assertThat(store.history("job-0", 10)).hasSize(minutes).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
    }

    @Test
    void twoNodesDeclaringTheSameNewJobsAtOnceBothSucceed() throws Exception {
        EntityManagerFactory otherFactory = newFactory();
        List<JobStore> nodes = List.of(store, new JpaJobStore(otherFactory));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<?>> saves = new ArrayList<>();
            for (JobStore node : nodes) {
                saves.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 100; i++) {
                        node.save(everyMinute("job-" + i).withTags(Set.of("t" + (i % 3))), T0);
                        node.heartbeat("node-" + System.identityHashCode(node), T0);
                    }
                    return null;
                }));
            }
            for (Future<?> save : saves) {
                save.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            otherFactory.close();
        }

        assertThat(store.findAll()).hasSize(100).allSatisfy(r -> assertThat(r.next().due()).isEqualTo(T0));
        assertThat(store.setPausedByTag("t0", true)).isEqualTo(34);
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
