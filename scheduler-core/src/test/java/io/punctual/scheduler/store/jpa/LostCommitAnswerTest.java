package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.event.JobMissedEvent;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit that succeeded on the server but failed on the client (injected for real: the connection commits, then
 * reports a connection error). The engine finds out what was committed once the store answers: a claimed fire runs
 * once (or is recorded misfired past its grace), an outcome is recorded once, and no execution stays in flight.
 */
class LostCommitAnswerTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final MutableClock clock = MutableClock.at(T0);
    private JpaTestDatabase database;
    private CommitFaultsDataSource dataSource;
    private EntityManagerFactory factory;
    private ManualScheduler manual;
    /** What the listeners were told of fires that did not run. */
    private final List<JobMissedEvent> missed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        String url = "jdbc:h2:mem:lost-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = new JpaTestDatabase(url, "sa", "punctual_").createSchema();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        dataSource = new CommitFaultsDataSource(h2);
        factory = database.entityManagerFactory(Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        JobListener listener = new JobListener() {
            @Override
            public void jobMisfired(JobMissedEvent event) {
                missed.add(event);
            }

            @Override
            public void jobSkipped(JobMissedEvent event) {
                missed.add(event);
            }

            @Override
            public void jobCoalesced(JobMissedEvent event) {
                missed.add(event);
            }
        };
        manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1").store(new JpaJobStore(factory))
                .listener(listener));
        manual.tick(); // start-up's own transactions (recovery, heartbeat) are done: the next commit is a claim's
    }

    @AfterEach
    void stop() {
        manual.close();
        factory.close();
    }

    @Test
    void claimWhoseCommitAnswerWasLostRunsOnceWhenTheStoreAnswersAgain() {
        AtomicInteger runs = new AtomicInteger();
        manual.scheduler().register(JobDefinition.of("once", Schedule.at(T0)), ctx -> runs.incrementAndGet());

        dataSource.failNextCommits.set(1);
        manual.tick(); // the claim commits on the server; the engine is told it failed
        assertThat(dataSource.failedCommits).hasValue(1);
        assertThat(runs).hasValue(0);
        assertThat(inFlightRows()).isEqualTo(1); // committed: held by this live node

        clock.advance(Duration.ofSeconds(1));
        manual.runDue();

        assertThat(runs).hasValue(1);
        assertThat(manual.scheduler().history("once", 10)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.SUCCESS);
        assertThat(inFlightRows()).isZero();
    }

    @Test
    void claimWhoseCommitAnswerWasLostIsRecordedMisfiredWhenItsGraceHasPassedUnderSkip() {
        AtomicInteger runs = new AtomicInteger();
        manual.scheduler().register(JobDefinition.of("strict", Schedule.at(T0)).withPolicy(JobPolicy.defaults()
                .withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(10))), ctx -> runs.incrementAndGet());

        dataSource.failNextCommits.set(1);
        manual.tick();
        clock.advance(Duration.ofSeconds(30));
        manual.runDue();

        assertThat(runs).hasValue(0);
        assertThat(manual.scheduler().history("strict", 10)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.MISFIRED);
        assertThat(inFlightRows()).isZero();
    }

    /** A fixed delay's next fire comes from its run's end: the misfired claim must give it one, or the job never fires again. */
    @Test
    void aFixedDelayClaimWhoseCommitAnswerWasLostAndIsRecordedMisfiredKeepsTheJobFiring() {
        AtomicInteger runs = new AtomicInteger();
        manual.scheduler().register(JobDefinition.of("delay", Schedule.fixedDelay(Duration.ofSeconds(30))).withPolicy(JobPolicy.defaults()
                .withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(10))), ctx -> runs.incrementAndGet());

        dataSource.failNextCommits.set(1);
        manual.tick();
        clock.advance(Duration.ofSeconds(30));
        manual.runDue();
        assertThat(manual.scheduler().history("delay", 10)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.MISFIRED);

        assertThat(manual.scheduler().job("delay").orElseThrow().nextFireTime()).isEqualTo(T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(30));
        manual.runDue();
        assertThat(runs).hasValue(1);
    }

    @Test
    void outcomeWhoseCommitAnswerWasLostIsRecordedOnceAndItsRetryQueuedOnce() {
        AtomicInteger runs = new AtomicInteger();
        manual.scheduler().register(JobDefinition.of("flaky", Schedule.at(T0)).withPolicy(JobPolicy.defaults()
                .withRetries(1).withRetryBackoff(Duration.ofSeconds(1))), ctx -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        });

        manual.tick(); // claims (commit answered) and starts the run
        dataSource.failNextCommits.set(1); // the failure's outcome commits, but the engine is told it failed
        manual.awaitIdle();
        clock.advance(Duration.ofSeconds(5));
        manual.runDue();

        assertThat(runs).hasValue(2);
        assertThat(manual.scheduler().history("flaky", 10)).extracting(ExecutionRecord::outcome)
                .containsExactly(Outcome.SUCCESS, Outcome.FAILURE);
        assertThat(inFlightRows()).isZero();
    }

    /**
     * A claim that records a fire misfired (a row of its own) and whose commit answer was lost: once the store answers and
     * the claim is found committed, the listeners (meters, health) are told of it, once, as a claim that answered tells them.
     */
    @Test
    void aFireAClaimRecordedMisfiredIsToldOnceWhenTheClaimIsFoundCommitted() {
        AtomicInteger runs = new AtomicInteger();
        manual.scheduler().register(JobDefinition.of("strict", Schedule.at(T0.plusSeconds(20))).withPolicy(JobPolicy.defaults()
                .withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(1))), ctx -> runs.incrementAndGet());
        clock.setInstant(T0.plusSeconds(19));
        manual.tick(); // housekeeping due by now is done: the next commit is the claim's
        clock.setInstant(T0.plusSeconds(22));

        dataSource.failNextCommits.set(1);
        manual.tick(); // the claim records the fire misfired and commits on the server; the engine is told it failed
        assertThat(dataSource.failedCommits).hasValue(1);
        assertThat(missed).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        manual.runDue();
        manual.advance(Duration.ofSeconds(10));

        assertThat(missed).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.MISFIRED);
            assertThat(e.count()).isEqualTo(1);
            assertThat(e.firstDue()).isEqualTo(T0.plusSeconds(20));
        });
        assertThat(runs).hasValue(0);
        assertThat(manual.scheduler().history("strict", 10)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.MISFIRED);
    }

    /** The same claim rolled back (the commit never reached the server): nothing is told for it; the next claim decides again. */
    @Test
    void aFireARolledBackClaimRecordedMisfiredIsToldOnlyByTheClaimThatRecordsIt() {
        manual.scheduler().register(JobDefinition.of("strict", Schedule.at(T0.plusSeconds(20))).withPolicy(JobPolicy.defaults()
                .withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(1))), ctx -> { });
        clock.setInstant(T0.plusSeconds(19));
        manual.tick();
        clock.setInstant(T0.plusSeconds(22));

        dataSource.rollBackNextCommits.set(1);
        manual.tick();
        assertThat(dataSource.failedCommits).hasValue(1);
        assertThat(history("strict")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        manual.runDue();
        manual.advance(Duration.ofSeconds(10));

        assertThat(history("strict")).extracting(ExecutionRecord::outcome).containsExactly(Outcome.MISFIRED);
        assertThat(missed).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.MISFIRED));
    }

    /**
     * A schedule fire skipped at max instances extends the job's summary row of skips, so the claim writes no row of its
     * own to find: the summary, extended that far, tells that the claim was committed. (A skipped trigger has a row of
     * its own, so schedule fires make the summary here.)
     */
    @Test
    void aSkipThatExtendedTheSummaryRowIsToldOnceWhenTheClaimIsFoundCommitted() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // fires at T0, T0 + 100 ms and T0 + 200 ms only: claims come between the heartbeats, so the next commit is a claim's
        manual.scheduler().register(JobDefinition.of("busy", Schedule.fixedRate(Duration.ofMillis(100))
                .between(null, T0.plusMillis(200))), ctx -> {
            started.countDown();
            assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
        });
        manual.tick(); // the run starts and holds the job's only instance
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(100));
        manual.tick(); // the next fire is skipped: a summary row of its own, told at once
        assertThat(missed).hasSize(1);
        clock.advance(Duration.ofMillis(100));

        dataSource.failNextCommits.set(1);
        manual.tick(); // skipped again: the claim extends the summary row and commits; the engine is told it failed
        assertThat(dataSource.failedCommits).hasValue(1);
        assertThat(missed).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        manual.tick();
        manual.tick();
        release.countDown();
        manual.awaitIdle();

        assertThat(missed).extracting(JobMissedEvent::outcome).containsExactly(Outcome.SKIPPED, Outcome.SKIPPED);
        assertThat(missed).extracting(JobMissedEvent::count).containsExactly(1L, 1L);
        assertThat(manual.scheduler().history("busy", 10)).extracting(ExecutionRecord::outcome, ExecutionRecord::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS, 1L),
                        org.assertj.core.groups.Tuple.tuple(Outcome.SKIPPED, 2L));
    }

    private List<ExecutionRecord> history(String jobId) {
        return manual.scheduler().history(jobId, 10);
    }

    private int inFlightRows() {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM punctual_execution WHERE end_time IS NULL)"
                     + " + (SELECT COUNT(*) FROM punctual_job WHERE run_id IS NOT NULL)")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
