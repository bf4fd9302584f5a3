package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.LogCapture;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.SchedulerInfo;
import io.punctual.scheduler.StoreStatus;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JPA store on H2 whose database answers but refuses the claim (a column it reads renamed away, as a schema that
 * does not match this version would), against the same database out of reach (its connections refused): the log and
 * {@link SchedulerInfo} say which, the scheduler keeps running through either, and once the schema is put back or the
 * database is back, the job fires again by its misfire policy and nothing is lost.
 */
class RefusingStoreTest {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");

    private final MutableClock clock = MutableClock.at(START);
    private final AtomicBoolean connectionsRefused = new AtomicBoolean();
    private JpaTestDatabase database;
    private EntityManagerFactory factory;
    private ManualScheduler manual;
    private final List<Instant> runs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        String url = "jdbc:h2:mem:refusing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = new JpaTestDatabase(url, "sa", "punctual_").createSchema();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        factory = database.entityManagerFactory(Map.of("jakarta.persistence.nonJtaDataSource", refusingConnectionsWhile(h2)));
        manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1").store(new JpaJobStore(factory)));
        manual.scheduler().register(JobDefinition.of("tick", Schedule.fixedRate(Duration.ofMinutes(1))),
                ctx -> runs.add(ctx.scheduledTime()));
    }

    @AfterEach
    void stop() {
        connectionsRefused.set(false);
        manual.close();
        factory.close();
    }

    /** {@code target}, whose new connections fail as a database out of reach does while {@link #connectionsRefused} is set. */
    private DataSource refusingConnectionsWhile(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && connectionsRefused.get()) {
                        throw new SQLTransientConnectionException("Connection refused (simulated: the database is down)", "08001");
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Five minutes of ticks, one a minute, while the store fails every claim. */
    private void fiveMinutesOfTicks() {
        for (int i = 1; i <= 5; i++) {
            clock.setInstant(START.plus(Duration.ofMinutes(i)));
            manual.tick();
            manual.tick();
        }
    }

    private List<String> storeLines(LogCapture capture, String level) {
        return capture.lines(level).stream().filter(l -> l.contains("Store 'jpa'")).toList();
    }

    @Test
    void aStoreThatAnswersAndRefusesIsReportedRefusingNotUnreachableAndCatchesUpOnceTheSchemaIsBack() throws Exception {
        manual.runDue();
        assertThat(runs).containsExactly(START);

        try (LogCapture capture = LogCapture.start()) {
            sql("ALTER TABLE punctual_job ALTER COLUMN claim_due RENAME TO claim_due_gone");
            fiveMinutesOfTicks();

            SchedulerInfo info = manual.scheduler().info();
            assertThat(info.storeStatus()).isEqualTo(StoreStatus.REFUSING);
            assertThat(info.storeReachable()).isFalse();
            assertThat(info.storeError()).contains("CLAIM_DUE").contains("42S22");
            assertThat(runs).as("nothing fires while the store refuses the claim").containsExactly(START);
            assertThat(storeLines(capture, "ERROR")).as(capture.text()).singleElement().satisfies(l -> assertThat(l)
                    .contains("refused the scheduler's statement while claiming due fires")
                    .contains("CLAIM_DUE").contains("schema").contains("retries with backoff")
                    .doesNotContain("unreachable"));

            sql("ALTER TABLE punctual_job ALTER COLUMN claim_due_gone RENAME TO claim_due");
            manual.runDue();

            info = manual.scheduler().info();
            assertThat(info.storeStatus()).isEqualTo(StoreStatus.REACHABLE);
            assertThat(info.storeReachable()).isTrue();
            assertThat(info.storeError()).isNull();
            assertThat(storeLines(capture, "INFO")).as(capture.text()).singleElement()
                    .satisfies(l -> assertThat(l).contains("is answering again").doesNotContain("reachable again"));
            assertThat(storeLines(capture, "ERROR")).as("still the one ERROR").hasSize(1);
        }
        assertThat(runs).as("the missed fires coalesced into one, at the last due time").containsExactly(START,
                START.plus(Duration.ofMinutes(5)));
        assertThat(manual.scheduler().history("tick", 10)).extracting(ExecutionRecord::outcome)
                .containsExactly(Outcome.SUCCESS, Outcome.COALESCED, Outcome.SUCCESS);
    }

    @Test
    void aDatabaseOutOfReachIsStillReportedUnreachable() {
        manual.runDue();

        try (LogCapture capture = LogCapture.start()) {
            connectionsRefused.set(true);
            fiveMinutesOfTicks();

            SchedulerInfo info = manual.scheduler().info();
            assertThat(info.storeStatus()).isEqualTo(StoreStatus.UNREACHABLE);
            assertThat(info.storeReachable()).isFalse();
            assertThat(info.storeError()).contains("Connection refused");
            assertThat(storeLines(capture, "ERROR")).as(capture.text()).singleElement()
                    .satisfies(l -> assertThat(l).contains("is unreachable").doesNotContain("refused the scheduler's statement"));

            connectionsRefused.set(false);
            manual.runDue();

            assertThat(manual.scheduler().info().storeStatus()).isEqualTo(StoreStatus.REACHABLE);
            assertThat(storeLines(capture, "INFO")).as(capture.text()).singleElement()
                    .satisfies(l -> assertThat(l).contains("is reachable again"));
        }
        assertThat(runs).containsExactly(START, START.plus(Duration.ofMinutes(5)));
        assertThat(manual.scheduler().history("tick", 10)).extracting(ExecutionRecord::outcome)
                .containsExactly(Outcome.SUCCESS, Outcome.COALESCED, Outcome.SUCCESS);
    }
}
