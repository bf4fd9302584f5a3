package io.punctual.scheduler.store.jpa;

import ch.vorburger.exec.ManagedProcessException;
import io.punctual.scheduler.store.StoreUnavailableException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on a real MariaDB ({@link EmbeddedMariaDb}), with the tables made by the shipped
 * {@code schema-mysql.sql}. The JVM runs in Asia/Tokyo, the server in +05:30 and every session in -07:00 (offsets: a
 * fresh server has no time zone tables for named zones), so a store that let any zone touch its timestamps would fail
 * the exact-instant checks.
 */
class JpaJobStoreMariaDbTest extends JpaJobStoreTestBase {

    private static final String SERVER_ZONE = "+05:30";
    private static final String SESSION_ZONE = "-07:00";
    private static final String JVM_ZONE = "Asia/Tokyo";
    private static final String DATABASE = "punctual";

    private static TimeZone originalZone;
    private static EmbeddedMariaDb mariaDb;
    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void startDatabase() throws ManagedProcessException {
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(JVM_ZONE));
        mariaDb = EmbeddedMariaDb.start("--default-time-zone=" + SERVER_ZONE).createDatabase(DATABASE);
        database = new JpaTestDatabase(mariaDb.url(DATABASE), "root", JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema();
        factory = newFactory();
    }

    private static EntityManagerFactory newFactory() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("hibernate.connection.init_sql", "SET time_zone = '" + SESSION_ZONE + "'");
        // the sessions keep InnoDB's default, REPEATABLE READ: the store asks for READ COMMITTED in its own transactions
        return database.entityManagerFactory(settings);
    }

    @AfterAll
    static void stopDatabase() throws ManagedProcessException {
        try {
            if (factory != null) {
                factory.close();
            }
            if (mariaDb != null) {
                mariaDb.stop();
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
        return "mysql";
    }

    @Test
    void theJvmTheServerAndTheDatabaseSessionRunInZonesOtherThanUtc() {
        EntityManager em = factory.createEntityManager();
        try {
            Object[] zones = (Object[]) em.createNativeQuery("select @@session.time_zone, @@global.time_zone, @@session.transaction_isolation")
                    .getSingleResult();
            assertThat(zones).containsExactly(SESSION_ZONE, SERVER_ZONE, "REPEATABLE-READ");
        } finally {
            em.close();
        }
        assertThat(ZoneId.systemDefault()).isEqualTo(ZoneId.of(JVM_ZONE));
    }

    /**
     * Under the sessions' REPEATABLE READ a plain SELECT reads the snapshot of the transaction's first read: a claim that
     * read the due pending fires first would then extend another node's skipped-fires row as it was before that node's
     * commit. The store's transactions run READ COMMITTED: a read sees what another connection committed meanwhile.
     */
    @Test
    void theStoresTransactionsReadWhatOthersCommittedMeanwhile() {
        store.save(everyMinute("a"), T0);
        String[] seen = new JpaTransactions(factory).run(em -> em.callWithConnection((java.sql.Connection c) -> {
            String before = handlerOf(c, "a");
            try (java.sql.Connection other = database.connect();
                    java.sql.PreparedStatement update = other.prepareStatement("update punctual_job set handler_name = ? where id = ?")) {
                update.setString(1, "changed-meanwhile");
                update.setString(2, "a");
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            return new String[] {before, handlerOf(c, "a")};
        }));
        assertThat(seen[0]).isNotEqualTo("changed-meanwhile");
        assertThat(seen[1]).isEqualTo("changed-meanwhile");
    }

    private static String handlerOf(java.sql.Connection c, String id) throws SQLException {
        try (java.sql.PreparedStatement s = c.prepareStatement("select handler_name from punctual_job where id = ?")) {
            s.setString(1, id);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    @Test
    void claimAsksMariaDbToSkipLockedRows() {
        store.save(everyMinute("a"), T0);
        JpaTestDatabase.STATEMENTS.clear();

        store.claimDue(T0, 10, NODE);

        assertThat(JpaTestDatabase.STATEMENTS).filteredOn(sql -> sql.contains("claim_due<=") || sql.contains("claim_due <="))
                .singleElement().satisfies(sql -> {
                    System.out.println("MariaDB claim SQL: " + sql);
                    assertThat(sql.toLowerCase()).contains("for update").contains("skip locked");
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
    void aDatabaseThatCannotBeReachedMakesTheStoreUnavailable() throws IOException, SQLException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MariaDbDataSource nowhere = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + closedPort + "/" + DATABASE + "?connectTimeout=2000");
        Map<String, Object> settings = Map.of(
                "jakarta.persistence.nonJtaDataSource", nowhere,
                "hibernate.dialect", "org.hibernate.dialect.MariaDBDialect",
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
