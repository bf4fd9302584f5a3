package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While a node drains a backlog, outcomes ride its claims and a worker writes them once as many wait as there are
 * workers (StoreLane#complete). The last few of a backlog, fewer than the workers, must not wait for a later look at
 * the store: on the real clock, with the poll interval and the heartbeat an hour away, every outcome of a backlog that
 * does not divide by the workers is written within seconds, and no run is left in flight.
 */
class DrainOutcomesTest {

    private static final int JOBS = 203;
    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void startDatabase() {
        database = JpaTestDatabase.h2("drain-outcomes", JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stopDatabase() {
        factory.close();
    }

    @Test
    void theLastOutcomesOfABacklogAreWrittenWithoutWaitingForThePollInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Instant now = Instant.now(Clock.systemUTC());
        try (JobScheduler scheduler = JobScheduler.builder().store(new JpaJobStore(factory)).threads(4)
                .pollInterval(Duration.ofHours(1)).heartbeatInterval(Duration.ofHours(1)).nodeTimeout(Duration.ofHours(2))
                .build()) {
            for (int i = 0; i < JOBS; i++) {
                scheduler.register(JobDefinition.of(String.format("j-%03d", i), Schedule.at(now)), ctx -> runs.incrementAndGet());
            }
            scheduler.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() == JOBS);
            await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from punctual_execution"
                    + " where outcome = 'SUCCESS'") == JOBS);
            assertThat(count("select count(*) from punctual_job where run_id is not null or running <> 0"))
                    .as("runs left in flight").isZero();
        }
    }

    private static int count(String sql) throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
