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
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
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

    /**
     * Driven by hand on a manual clock, twice on fresh tables: without the constraint, then with it. The second run
     * must record exactly what the first did (outcomes, attempts, times, the job's failures, retries and fixed-delay next
     * fire) but the refused error texts, each replaced by a note of its length.
     */
    static void onAManualClock(JpaTestDatabase database, Supplier<JobStore> freshStore) throws Exception {
        ManualRun accepted = manualRun(freshStore.get(), null);
        assertThat(accepted.poisoned()).extracting(ExecutionRecord::error)
                .containsExactly(poisonError(1), poisonError(2), poisonError(1), poisonError(2), poisonError(1));
        ManualRun refused;
        JobStore store = freshStore.get(); // empties the tables: the constraint must hold for every row
        try (AutoCloseable refusal = refusePoison(database); LogCapture capture = LogCapture.start()) {
            refused = manualRun(store, capture);
        }
        assertThat(refused.steadyRuns()).as("the node's other job fired at each of its due times").isEqualTo(7);
        assertThat(refused.steady()).extracting(ExecutionRecord::outcome).hasSize(7).containsOnly(Outcome.SUCCESS);
        assertThat(refused.poisoned()).extracting(RefusedOutcomeScenarios::withoutIds)
                .containsExactlyElementsOf(accepted.poisoned().stream().map(r -> withoutIds(r)).toList());
        assertThat(refused.poisoned()).allSatisfy(r -> assertThat(r.error()).isEqualTo(refusedNote(poisonError(r.attempt()).length())));
        assertThat(refused.poisonedJob()).isEqualTo(accepted.poisonedJob());
        assertThat(refused.failures()).as("listeners are told of each failure once, with the job's own exception")
                .isEqualTo(accepted.failures()).hasSize(5);
        assertThat(runsInFlight(database)).isZero();
    }

    private record ManualRun(int steadyRuns, List<ExecutionRecord> steady, List<ExecutionRecord> poisoned, JobInfo poisonedJob,
                             List<String> failures) {
    }

    /**
     * A job every 10 s beside one with a fixed delay of 30 s and a retry after 5 s, failing every attempt with "poison" in
     * its message, for a minute.
     */
    private static ManualRun manualRun(JobStore store, LogCapture capture) {
        MutableClock clock = MutableClock.at(START);
        AtomicInteger steadyRuns = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        JobListener listener = new JobListener() {
            @Override
            public void jobFailed(JobFinishedEvent event) {
                failures.add(event.jobId() + " " + event.error().getMessage());
            }
        };
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1").store(store)
                .random(new SplittableRandom(5)).listener(listener))) {
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
            List<ExecutionRecord> poisoned = s.history("poisoned", 20);
            if (capture != null) {
                List<String> errors = capture.lines("ERROR");
                assertThat(errors).as(capture.text()).noneMatch(l -> l.contains("unreachable"));
                for (ExecutionRecord r : poisoned) {
                    assertThat(errors).as("one ERROR for execution %s", r.executionId())
                            .filteredOn(l -> l.contains(r.executionId())).singleElement().satisfies(l -> assertThat(l)
                                    .contains("'poisoned'").contains(poisonError(r.attempt())).containsIgnoringCase("constraint"));
                }
            }
            return new ManualRun(steadyRuns.get(), s.history("steady", 20), poisoned, s.job("poisoned").orElseThrow(), failures);
        }
    }

    /** A history row without its execution id and error text: what must not depend on the store refusing the text. */
    private static List<Object> withoutIds(ExecutionRecord r) {
        return java.util.Arrays.asList(r.jobId(), r.scheduledTime(), r.startTime(), r.endTime(), r.outcome(), r.node(),
                r.attempt(), r.count(), r.detail());
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
            // a fire due while the refused outcome waited to be written apart found the job's instance taken: it is
            // recorded skipped or coalesced, as for any run that outlasts its period
            poisoned = store.history("poisoned", 100);
            List<String> errors = capture.lines("ERROR");
            assertThat(errors).as(capture.text()).noneMatch(l -> l.contains("unreachable"));
            assertThat(poisoned).filteredOn(r -> r.outcome() == Outcome.FAILURE).hasSizeGreaterThanOrEqualTo(3).allSatisfy(r -> {
                assertThat(r.error()).isEqualTo(refusedNote(poisonError(1).length()));
                assertThat(errors).as("one ERROR for execution %s in %s", r.executionId(), errors)
                        .filteredOn(l -> l.contains(r.executionId())).hasSize(1);
            });
            assertThat(poisoned).extracting(ExecutionRecord::outcome).doesNotContain(Outcome.SUCCESS, Outcome.LOST, Outcome.INTERRUPTED);
        }
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
             ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM " + database.prefix + "execution WHERE end_time IS NULL)"
                     + " + (SELECT COUNT(*) FROM " + database.prefix + "job WHERE run_id IS NOT NULL)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
