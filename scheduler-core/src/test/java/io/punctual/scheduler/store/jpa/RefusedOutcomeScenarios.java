package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.LogCapture;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run whose outcome the database refuses for good, by a real refusal: a CHECK constraint on the execution table that
 * no error text containing "poison" passes. The engine must go on claiming for the node's other jobs, record the
 * refused outcome in a shortened form that keeps its outcome, retry and next fire, leave no run in flight and log one
 * ERROR for it. Run on each database by {@link JpaJobStoreTestBase}.
 */
final class RefusedOutcomeScenarios {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private RefusedOutcomeScenarios() {
    }

    /** What the engine records instead of an error text of {@code length} characters the store refused. */
    static String refusedNote(int length) {
        return "[refused by the store: " + length + " characters, logged by the node that ran this]";
    }

    static String poisonError(int attempt) {
        return "java.lang.IllegalStateException: poison pill in attempt " + attempt;
    }

    /** Driven by hand on a manual clock: every record checked exactly. */
    static void onAManualClock(JpaTestDatabase database, JobStore store) throws Exception {
        MutableClock clock = MutableClock.at(START);
        AtomicInteger steadyRuns = new AtomicInteger();
        List<JobFinishedEvent> failed = new CopyOnWriteArrayList<>();
        JobListener listener = new JobListener() {
            @Override
            public void jobFailed(JobFinishedEvent event) {
                failed.add(event);
            }
        };
        List<ExecutionRecord> poisoned;
        JobInfo poisonedJob;
        String log;
        try (AutoCloseable refusal = refusePoison(database); LogCapture capture = LogCapture.start();
             ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1").store(store)
                     .listener(listener))) {
            JobScheduler s = manual.scheduler();
            s.register(JobDefinition.of("steady", Schedule.fixedRate(Duration.ofSeconds(10))), ctx -> steadyRuns.incrementAndGet());
            s.register(JobDefinition.of("poisoned", Schedule.fixedDelay(Duration.ofSeconds(30))).withPolicy(JobPolicy.defaults()
                    .withRetries(1).withRetryBackoff(Duration.ofSeconds(5))), ctx -> {
                throw new IllegalStateException("poison pill in attempt " + ctx.attempt());
            });
            for (int second = 0; second <= 60; second += 10) {
                clock.setInstant(START.plusSeconds(second));
                manual.tick();
            }
            assertThat(steadyRuns).as("the node's other job fired at each of its due times").hasValue(7);
            assertThat(s.history("steady", 20)).hasSize(7).extracting(ExecutionRecord::outcome).containsOnly(Outcome.SUCCESS);
            poisoned = s.history("poisoned", 20);
            poisonedJob = s.job("poisoned").orElseThrow();
            log = capture.text();
            assertThat(capture.lines("ERROR")).as(log).noneMatch(l -> l.contains("unreachable"));
            for (ExecutionRecord r : poisoned) {
                assertThat(capture.lines("ERROR")).as("one ERROR for execution %s", r.executionId())
                        .filteredOn(l -> l.contains(r.executionId())).singleElement().satisfies(l -> assertThat(l)
                                .contains("'poisoned'").contains("poison").containsIgnoringCase("constraint"));
            }
        }
        // attempt 1 at 0 s fails, its retry (due 5 s) runs at 10 s and fails; the fixed delay counts from its end: 40 s
        assertThat(poisoned).extracting(ExecutionRecord::attempt).containsExactly(2, 1, 2, 1);
        assertThat(poisoned).extracting(ExecutionRecord::scheduledTime).containsExactly(START.plusSeconds(40),
                START.plusSeconds(40), START, START);
        assertThat(poisoned).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(r.error()).isEqualTo(refusedNote(poisonError(r.attempt()).length()));
            assertThat(r.endTime()).isNotNull();
        });
        assertThat(poisonedJob.consecutiveFailures()).isEqualTo(4);
        assertThat(poisonedJob.running()).isZero();
        assertThat(poisonedJob.nextFireTime()).isEqualTo(START.plusSeconds(80));
        assertThat(failed).as("listeners are told of each failure once, with the job's own exception")
                .extracting(e -> e.error().getMessage()).containsExactly("poison pill in attempt 1", "poison pill in attempt 2",
                        "poison pill in attempt 1", "poison pill in attempt 2");
        assertThat(runsInFlight(database)).isZero();
    }

    /** On the real clock, with outcomes riding the node's claims. */
    static void onTheRealClock(JpaTestDatabase database, JobStore store) throws Exception {
        AtomicInteger steadyRuns = new AtomicInteger();
        AtomicInteger poisonRuns = new AtomicInteger();
        List<ExecutionRecord> poisoned;
        try (AutoCloseable refusal = refusePoison(database); LogCapture capture = LogCapture.start()) {
            try (JobScheduler s = JobScheduler.builder().nodeId("n1").store(store).pollInterval(Duration.ofMillis(500)).build()) {
                s.register(JobDefinition.of("steady", Schedule.fixedRate(Duration.ofMillis(50))), ctx -> steadyRuns.incrementAndGet());
                s.register(JobDefinition.of("poisoned", Schedule.fixedRate(Duration.ofMillis(200))), ctx -> {
                    poisonRuns.incrementAndGet();
                    throw new IllegalStateException("poison pill in attempt " + ctx.attempt());
                });
                s.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> poisonRuns.get() >= 3);
                int steadyThen = steadyRuns.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> steadyRuns.get() >= steadyThen + 10
                        && s.history("poisoned", 100).size() >= 3);
            }
            poisoned = store.history("poisoned", 100);
            assertThat(capture.lines("ERROR")).noneMatch(l -> l.contains("unreachable"));
            for (ExecutionRecord r : poisoned) {
                assertThat(capture.lines("ERROR")).filteredOn(l -> l.contains(r.executionId())).hasSize(1);
            }
        }
        assertThat(poisoned).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(r.error()).isEqualTo(refusedNote(poisonError(1).length()));
        });
        assertThat(runsInFlight(database)).isZero();
    }

    /** A CHECK constraint on the execution table, dropped on close. */
    static AutoCloseable refusePoison(JpaTestDatabase database) throws SQLException {
        String table = database.prefix + "execution";
        String constraint = database.prefix + "no_poison";
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + constraint
                    + " CHECK (error IS NULL OR error NOT LIKE '%poison%')");
        }
        return () -> {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
            }
        };
    }

    static long runsInFlight(JpaTestDatabase database) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + database.prefix + "execution WHERE end_time IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
