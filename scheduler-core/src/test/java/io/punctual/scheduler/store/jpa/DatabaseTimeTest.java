package io.punctual.scheduler.store.jpa;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database's clock as the JPA store reports it ({@link JpaJobStore#currentTime}) is its clock as the call returns,
 * not as the statement ran: the rest of the transaction (here a commit that takes 300 ms) is added, so that a node does
 * not take the database's clock to be behind by it and start every fire that much late. It is never ahead either: on
 * these embedded databases, the database's clock is this machine's.
 */
class DatabaseTimeTest {

    private static final Duration SLOW_COMMIT = Duration.ofMillis(300);

    @Test
    void h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        String url = "jdbc:h2:mem:database-time-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        h2.setURL(url);
        h2.setUser("sa");
        assertAsOfTheReturn(new JpaTestDatabase(url, "sa", "punctual_").createSchema(), h2, "current_timestamp");
    }

    @Test
    void postgresql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(postgres.getJdbcUrl("postgres", "postgres"));
            pg.setUser("postgres");
            assertAsOfTheReturn(new JpaTestDatabase(pg.getURL(), "postgres", "punctual_").createSchema(), pg, "clock_timestamp()");
        }
    }

    /**
     * @param spelling how the database's clock is read on this database: the only spelling the store sends it (a statement
     *                 the database rejects makes the provider log a WARN, which a new user's first start showed on H2)
     */
    private static void assertAsOfTheReturn(JpaTestDatabase database, DataSource target, String spelling) {
        EntityManagerFactory factory = database.entityManagerFactory(Map.of("jakarta.persistence.nonJtaDataSource", slowCommits(target)));
        try {
            JpaJobStore store = new JpaJobStore(factory);
            JpaTestDatabase.STATEMENTS.clear();
            store.currentTime(); // learns the database's spelling
            assertThat(JpaTestDatabase.STATEMENTS).filteredOn(sql -> sql.contains("extract(epoch") || sql.contains("unix_timestamp"))
                    .singleElement().asString().contains(spelling);

            Instant before = Instant.now();
            Instant databaseTime = store.currentTime().orElseThrow();
            Instant after = Instant.now();

            assertThat(Duration.between(before, after)).as("the call took the slow commit").isGreaterThanOrEqualTo(SLOW_COMMIT);
            assertThat(databaseTime).as("never ahead of the database's clock (this machine's)").isBeforeOrEqualTo(after);
            assertThat(Duration.between(databaseTime, after)).as("behind by the answer's way back, not by the commit")
                    .isLessThan(SLOW_COMMIT.dividedBy(2));
        } finally {
            factory.close();
        }
    }

    /** {@code target}, whose connections take {@link #SLOW_COMMIT} longer to commit (after the server committed). */
    private static DataSource slowCommits(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Connection real) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                                (p, m, a) -> {
                                    Object r = invoke(real, m, a);
                                    if (m.getName().equals("commit")) {
                                        Thread.sleep(SLOW_COMMIT.toMillis());
                                    }
                                    return r;
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
