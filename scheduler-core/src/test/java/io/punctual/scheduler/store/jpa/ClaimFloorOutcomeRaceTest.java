package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.PendingFire;
import jakarta.persistence.EntityManagerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This node's outcomes are written on a worker's thread ({@code completeAll}) while the engine's thread claims: the
 * outcome transaction lowers the {@link ClaimFloor} when it writes its job rows, before it commits. A claim that starts
 * in between scans from the lowered floor but cannot see the row (not committed yet), and sets the floor at its own first
 * row. The floor must still come before the row once the outcome has committed: this node's own writes lower it.
 */
class ClaimFloorOutcomeRaceTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofHours(1));
    private static final int BATCH = 4;

    private EntityManagerFactory factory;
    private JpaJobStore store;
    /** Run once, on the thread that commits, just before the next commit reaches the database. */
    private final AtomicReference<Runnable> beforeNextCommit = new AtomicReference<>();

    @BeforeEach
    void start() {
        String url = "jdbc:h2:mem:floor-race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JpaTestDatabase database = new JpaTestDatabase(url, "sa", "punctual_").createSchema();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        factory = database.entityManagerFactory(Map.of("jakarta.persistence.nonJtaDataSource", new HookedDataSource(h2)));
        store = new JpaJobStore(factory);
    }

    @AfterEach
    void stop() {
        factory.close();
    }

    @Test
    void aJobAnOutcomeReleasesAtTheFloorsDueTimeWhileAClaimRunsBeforeTheOutcomeCommitsIsClaimedByTheNextClaim() {
        for (int i = 0; i < 20; i++) { // a herd due at T0
            store.save(JobDefinition.of(String.format("h-%03d", i), Schedule.at(T0)).withHandler("h", "\"p\""), T0);
        }
        store.save(JobDefinition.of("w", Schedule.at(T0)).withHandler("h", "\"p\"")
                .withPolicy(JobPolicy.defaults().withPriority(5)), T0);
        store.addPendingFire(new PendingFire("w", T0.minusSeconds(1), T0.minusSeconds(1), 1, FireOrigin.TRIGGER));
        List<List<Fire>> claims = new ArrayList<>();
        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        Fire triggered = claims.get(0).get(0);
        assertThat(triggered.origin()).as("the trigger first; w's schedule fire waits for its run").isEqualTo(FireOrigin.TRIGGER);
        claims.add(store.claimDue(NOW, BATCH, "n1").fires()); // the floor: the key of h-003

        // the engine's claim, between the outcome's write (which releases w at T0, priority 5) and its commit
        beforeNextCommit.set(() -> claims.add(store.claimDue(NOW, BATCH, "n1").fires()));
        store.completeAll(List.of(new Completion(triggered, Outcome.SUCCESS, NOW, NOW, "n1", null, null, null, null)));
        assertThat(claims).as("the claim ran while the outcome's transaction was open").hasSize(3);
        assertThat(ids(claims.get(2))).as("it could not see w").containsExactly("h-007", "h-008", "h-009", "h-010");

        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        assertThat(ids(claims.get(3))).as("the claim after the outcome committed").first().isEqualTo("w");
    }

    private static List<String> ids(List<Fire> fires) {
        return fires.stream().map(Fire::jobId).toList();
    }

    /** Runs {@link #beforeNextCommit} on the committing thread before the commit. */
    private final class HookedDataSource implements DataSource {

        private final DataSource target;

        HookedDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(target.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(target.getConnection(username, password));
        }

        private Connection wrap(Connection real) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("commit")) {
                            Runnable hook = beforeNextCommit.getAndSet(null);
                            if (hook != null) {
                                hook.run();
                            }
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
