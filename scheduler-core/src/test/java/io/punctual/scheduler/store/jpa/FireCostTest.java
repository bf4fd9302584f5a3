package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.PendingFire;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.punctual.scheduler.store.Turnover;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim batch and a completion batch each cost the same few statements whatever their size (1, 10 or 100 fires)
 * and whatever the store holds (10 or 100,000 jobs, one or 200 history rows a job): nothing on the hot path grows
 * with the batch or the tables. Statements are counted as they are prepared on the transaction's connection, by
 * Hibernate or by the store's own JDBC ({@link FireRows}); a JDBC batch (of inserts, of updates) is one statement.
 */
class FireCostTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private static JpaTestDatabase database;
    private static EntityManagerFactory factory;

    @BeforeAll
    static void start() {
        database = JpaTestDatabase.h2("cost", "punctual_").createSchema();
        factory = database.entityManagerFactory(Map.of());
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    /**
     * Statements of: one claim batch, one completion batch of its fires, one next-due look-up, and one turnover (the
     * outcomes of a batch written with the claim of the next and the next due time, in one transaction: what a node
     * does while runs keep ending).
     */
    private record Cost(int claim, int complete, int nextDue, int turnover) {
    }

    private static Cost cost(int firesPerBatch, int idleJobs, int pastRuns) {
        database.truncate();
        insertIdleJobs(idleJobs);
        JpaJobStore store = new JpaJobStore(factory);
        for (int i = 0; i < firesPerBatch; i++) {
            store.save(JobDefinition.of("busy-" + i, Schedule.fixedRate(Duration.ofMinutes(1))), T0);
        }
        Instant now = T0;
        for (int i = 0; i < pastRuns; i++) {
            List<Fire> fires = store.claimDue(now, firesPerBatch, "n").fires();
            store.completeAll(fires.stream().map(f -> success(f, T0)).toList());
            now = now.plus(Duration.ofMinutes(1));
        }

        JpaTestDatabase.STATEMENTS.clear();
        List<Fire> fires = store.claimDue(now, firesPerBatch, "n").fires();
        int claim = JpaTestDatabase.STATEMENTS.size();
        assertThat(fires).hasSize(firesPerBatch);
        JpaTestDatabase.STATEMENTS.clear();
        Instant end = now.plusSeconds(1);
        store.completeAll(fires.stream().map(f -> success(f, end)).toList());
        int complete = JpaTestDatabase.STATEMENTS.size();
        JpaTestDatabase.STATEMENTS.clear();
        store.nextDueTime();
        int nextDue = JpaTestDatabase.STATEMENTS.size();

        Instant later = now.plus(Duration.ofMinutes(1));
        List<Fire> again = store.claimDue(later, firesPerBatch, "n").fires();
        JpaTestDatabase.STATEMENTS.clear();
        // one more than the batch may claim, so that the store reads the next due time too
        Turnover turnover = store.completeAndClaim(again.stream().map(f -> success(f, later)).toList(),
                later.plus(Duration.ofMinutes(1)), firesPerBatch + 1, "n");
        assertThat(turnover.claimed().fires()).hasSize(firesPerBatch);
        assertThat(turnover.nextDue()).isPresent();
        return new Cost(claim, complete, nextDue, JpaTestDatabase.STATEMENTS.size());
    }

    private static Completion success(Fire f, Instant end) {
        return new Completion(f, Outcome.SUCCESS, end.minusMillis(5), end, "n", null, null, null, null);
    }

    /** Jobs not due for a month, inserted with plain JDBC: saving 100,000 through the store would only be slow. */
    private static void insertIdleJobs(int count) {
        long due = Micros.of(T0.plus(Duration.ofDays(30)));
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO punctual_job"
                + " (id, schedule_kind, schedule_expression, misfire, misfire_grace, coalesce_fires, max_catch_up, max_instances,"
                + " retries, retry_backoff, job_scope, priority, jitter, enabled, initial_delay, paused, orphaned, waiting,"
                + " running, next_nominal, next_due, claim_due, consecutive_failures, version)"
                + " VALUES (?, 'at', ?, 'fire-now', 'PT1M', TRUE, 100, 1, 0, 'PT1S', 'cluster', 0, 'PT0S', TRUE, 'PT0S',"
                + " FALSE, FALSE, FALSE, 0, ?, ?, ?, 0, 0)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setString(1, "idle-" + i);
                insert.setString(2, T0.plus(Duration.ofDays(30)).toString());
                insert.setLong(3, due);
                insert.setLong(4, due);
                insert.setLong(5, due);
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void statementsPerClaimAndCompletionBatchDoNotGrowWithTheBatchTheJobsOrTheHistory() {
        Cost one = cost(1, 10, 1);
        Cost ten = cost(10, 10, 1);
        Cost hundred = cost(100, 10, 1);
        Cost bigStore = cost(10, 100_000, 200);

        System.out.printf("statements (claim, complete, next due, turnover): 1 fire %s, 10 fires %s, 100 fires %s, "
                + "10 fires among 100,000 jobs with 200 runs each %s%n", one, ten, hundred, bigStore);
        assertThat(List.of(ten, hundred, bigStore)).allSatisfy(c -> assertThat(c).isEqualTo(one));
        // claim: pending fires due, jobs due, inserts, updates; completion: lock jobs, read runs, two update batches
        assertThat(one.claim() + one.complete() + one.nextDue()).as("claim + complete + next due: %s", one)
                .isLessThanOrEqualTo(9);
        // both in one transaction, with the next due time: fewer than apart
        assertThat(one.turnover()).as("turnover: %s", one).isLessThan(one.claim() + one.complete() + one.nextDue());
    }

    /** A claim that takes schedule fires and triggers in turn, merged by due time, costs the same for 1 or 50 of each. */
    @Test
    void statementsOfAClaimTakingBothSourcesInTurnDoNotGrowWithTheBatch() {
        int one = mixedClaim(1);
        int fifty = mixedClaim(50);

        System.out.printf("statements of a claim taking schedule fires and triggers in turn: 1 of each %d, 50 of each %d%n",
                one, fifty);
        assertThat(fifty).isEqualTo(one);
    }

    private static int mixedClaim(int perSource) {
        database.truncate();
        JpaJobStore store = new JpaJobStore(factory);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perSource; i++) {
            store.save(JobDefinition.of("scheduled-" + i, Schedule.fixedRate(Duration.ofMinutes(1))), T0.plusMillis(2L * i));
            store.save(JobDefinition.of("triggered-" + i, Schedule.fixedRate(Duration.ofHours(1))).withInitialDelay(Duration.ofHours(1)), T0);
            Instant triggerDue = T0.plusMillis(2L * i + 1);
            store.addPendingFire(new PendingFire("triggered-" + i, triggerDue, triggerDue, 1,
                    FireOrigin.TRIGGER));
            expected.add("scheduled-" + i);
            expected.add("triggered-" + i);
        }

        JpaTestDatabase.STATEMENTS.clear();
        List<Fire> fires = store.claimDue(T0.plusSeconds(1), 2 * perSource, "n").fires();
        int statements = JpaTestDatabase.STATEMENTS.size();
        assertThat(fires).extracting(Fire::jobId).containsExactlyElementsOf(expected);
        return statements;
    }
}
