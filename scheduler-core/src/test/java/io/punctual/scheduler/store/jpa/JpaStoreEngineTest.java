package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The real engine, driven by a manual clock, on the JPA store (H2). */
class JpaStoreEngineTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00.000250Z");

    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    private final MutableClock clock = MutableClock.at(START);

    @BeforeAll
    static void startDatabase() {
        database = JpaTestDatabase.h2("engine", JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stopDatabase() {
        factory.close();
    }

    @BeforeEach
    void emptyTables() {
        database.truncate();
    }

    private ManualScheduler start(String node) {
        return ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId(node).random(new SplittableRandom(3))
                .store(new JpaJobStore(factory)));
    }

    /** Remembers the scheduled time of each run; fails the first {@code failures} attempts. */
    private static final class Recording implements Job {
        final List<JobContext> runs = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;

        Recording(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public void run(JobContext context) {
            runs.add(context);
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("boom " + context.attempt());
            }
        }
    }

    @Test
    void pauseAndResumeByTagLeaveDisabledAndOrphanedJobsAloneAndDoNotCountThem() {
        try (ManualScheduler manual = start("tags")) {
            io.punctual.scheduler.engine.TagPauseScenario.run(manual.scheduler());
        }
    }

    @Test
    void aFixedRateRunsOnItsExactDueTimesWithoutDrift() {
        Recording job = new Recording(0);
        try (ManualScheduler manual = start("n1")) {
            manual.scheduler().register(JobDefinition.of("rate", Schedule.fixedRate(Duration.ofSeconds(10))), job);
            manual.runDue();
            for (int i = 0; i < 5; i++) {
                manual.advance(Duration.ofSeconds(10).plusMillis(3));
            }
        }
        assertThat(job.runs).extracting(JobContext::scheduledTime).containsExactly(START, START.plusSeconds(10), START.plusSeconds(20), START.plusSeconds(30), START.plusSeconds(40),
                        START.plusSeconds(50));
        assertThat(job.runs).allSatisfy(c -> assertThat(c.scheduledTime().getNano() % 1_000_000).isEqualTo(250_000));
    }

    @Test
    void aFailingRunIsRetriedThroughTheStoreUntilItSucceeds() {
        Recording job = new Recording(2);
        try (ManualScheduler manual = start("n1")) {
            manual.scheduler().register(JobDefinition.of("flaky", Schedule.at(START)).withPolicy(
                    JobPolicy.defaults().withRetries(3).withRetryBackoff(Duration.ofSeconds(10))), job);
            manual.runDue();
            manual.runUntil(START.plus(Duration.ofMinutes(5)));

            assertThat(job.runs).extracting(JobContext::attempt).containsExactly(1, 2, 3);
            assertThat(manual.scheduler().history("flaky", 10)).extracting(ExecutionRecord::outcome)
                    .containsExactly(Outcome.SUCCESS, Outcome.FAILURE, Outcome.FAILURE);
            assertThat(manual.scheduler().job("flaky").orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        }
    }

    @Test
    void aFixedDelayWaitsForTheEndOfEachRun() {
        Recording job = new Recording(0);
        try (ManualScheduler manual = start("n1")) {
            manual.scheduler().register(JobDefinition.of("delay", Schedule.fixedDelay(Duration.ofSeconds(30))), job);
            manual.runDue();
            manual.advance(Duration.ofSeconds(29));
            assertThat(job.runs).hasSize(1);
            manual.advance(Duration.ofSeconds(2));
            assertThat(job.runs).hasSize(2);
        }
    }

    @Test
    void pauseStateSurvivesARestartOfTheScheduler() {
        Recording job = new Recording(0);
        try (ManualScheduler manual = start("n1")) {
            manual.scheduler().register(JobDefinition.of("p", Schedule.fixedRate(Duration.ofMinutes(1))), job);
            manual.scheduler().pause("p");
        }
        try (ManualScheduler restarted = start("n2")) {
            restarted.scheduler().register(JobDefinition.of("p", Schedule.fixedRate(Duration.ofMinutes(1))), job);
            restarted.advance(Duration.ofMinutes(3));

            assertThat(restarted.scheduler().job("p").orElseThrow().state()).isEqualTo(JobState.PAUSED);
            assertThat(job.runs).isEmpty();
        }
    }
}
