package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** A real PostgreSQL stopped in the middle of a run and started again: nothing twice, nothing lost. */
class PostgresOutageTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void schedulerRidesOutADatabaseRestartWithoutDuplicatesOrLoss() throws Exception {
        EmbeddedPostgres postgres = start(0);
        int port = postgres.getPort();
        PGSimpleDataSource dataSource = new PGSimpleDataSource(); // a connection per use: none survives the restart
        dataSource.setUrl(postgres.getJdbcUrl("postgres", "postgres"));
        JpaTestDatabase database = new JpaTestDatabase(dataSource.getUrl(), "postgres", "punctual_").createSchema();
        EntityManagerFactory emf = database.entityManagerFactory(Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        MutableClock clock = MutableClock.at(T0);
        CountDownLatch longStarted = new CountDownLatch(1);
        CountDownLatch releaseLong = new CountDownLatch(1);
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(new JpaJobStore(emf)))) {
            JobScheduler scheduler = manual.scheduler();
            scheduler.register(JobDefinition.of("tick", Schedule.fixedRate(Duration.ofMinutes(1))), ctx -> { });
            scheduler.register(JobDefinition.of("long", Schedule.at(T0)), ctx -> {
                longStarted.countDown();
                releaseLong.await(60, TimeUnit.SECONDS);
            });
            manual.tick();
            assertThat(longStarted.await(30, TimeUnit.SECONDS)).isTrue();

            postgres.close();
            releaseLong.countDown(); // "long" ends while the database is down: its outcome must wait, not vanish
            for (int minute = 1; minute <= 3; minute++) {
                clock.setInstant(T0.plus(Duration.ofMinutes(minute)));
                manual.tick();
            }
            manual.awaitIdle();
            assertThat(scheduler.info().storeReachable()).isFalse();

            postgres = start(port);
            manual.runDue();

            assertThat(scheduler.info().storeReachable()).isTrue();
            assertThat(scheduler.history("long", 10)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.SUCCESS);
            List<ExecutionRecord> ticks = scheduler.history("tick", 10);
            assertThat(ticks).extracting(ExecutionRecord::outcome, ExecutionRecord::scheduledTime, ExecutionRecord::count)
                    .containsExactly(tuple(Outcome.SUCCESS, T0.plus(Duration.ofMinutes(3)), 1L),
                            tuple(Outcome.COALESCED, T0.plus(Duration.ofMinutes(1)), 2L),
                            tuple(Outcome.SUCCESS, T0, 1L));
        } finally {
            emf.close();
            postgres.close();
        }
    }
}
