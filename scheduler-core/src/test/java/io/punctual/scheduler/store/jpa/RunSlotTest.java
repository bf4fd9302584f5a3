package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import jakarta.persistence.EntityManagerFactory;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's first run in flight is held on its job row ({@link JobEntity#runId}), not in an execution row: the claim
 * writes no execution row for it and the completion writes its history row once, whole. Read with SQL on H2, as the
 * tables hold them; the contract tests show the same behaviour through the store's API on every database.
 */
class RunSlotTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private JpaTestDatabase database;
    private EntityManagerFactory factory;
    private JpaJobStore store;

    @BeforeEach
    void start() {
        database = JpaTestDatabase.h2("run-slot-" + UUID.randomUUID(), "punctual_").createSchema();
        factory = database.entityManagerFactory(Map.of());
        store = new JpaJobStore(factory);
    }

    @AfterEach
    void stop() {
        factory.close();
    }

    @Test
    void theFirstRunInFlightIsOnItsJobRowAndItsHistoryRowIsWrittenOnceWhenItEnds() throws SQLException {
        store.save(JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1))), T0);
        store.heartbeat("node-a", T0);

        Fire fire = store.claimDue(T0, 1, "node-a").fires().get(0);

        assertThat(count("select count(*) from punctual_execution")).as("no execution row at the claim").isZero();
        assertThat(text("select run_id from punctual_job where id = 'report'")).isEqualTo(fire.executionId());
        assertThat(text("select run_node from punctual_job where id = 'report'")).isEqualTo("node-a");
        assertThat(store.runsInFlight(List.of(fire.executionId(), "other"))).containsExactly(fire.executionId());
        assertThat(store.nodes("node-a")).singleElement().satisfies(n -> assertThat(n.runsInFlight()).isEqualTo(1));

        assertThat(store.complete(success(fire, T0.plusSeconds(2)))).isTrue();

        assertThat(text("select run_id from punctual_job where id = 'report'")).isNull();
        assertThat(count("select running from punctual_job where id = 'report'")).isZero();
        assertThat(store.history("report", 5)).singleElement().satisfies(r -> {
            assertThat(r.executionId()).isEqualTo(fire.executionId());
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(r.scheduledTime()).isEqualTo(T0);
            assertThat(r.startTime()).isEqualTo(T0);
            assertThat(r.endTime()).isEqualTo(T0.plusSeconds(2));
            assertThat(r.node()).isEqualTo("node-a");
            assertThat(r.attempt()).isEqualTo(1);
        });
        assertThat(text("select origin from punctual_execution")).isEqualTo("SCHEDULE");
        assertThat(count("select fence from punctual_execution")).isEqualTo(fire.fence());
    }

    @Test
    void aCompletionTriedAgainAfterItsCommitIsRecordedOnceAndAForeignOneIsRefused() throws SQLException {
        store.save(JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1))), T0);
        Fire fire = store.claimDue(T0, 1, "node-a").fires().get(0);
        store.complete(success(fire, T0.plusSeconds(1)));

        assertThat(store.complete(success(fire, T0.plusSeconds(1)))).as("the same outcome again: already recorded").isTrue();
        Completion other = new Completion(fire, Outcome.FAILURE, T0, T0.plusSeconds(1), "node-a", "boom", null, null, null);
        assertThat(store.complete(other)).as("another outcome for a recorded run").isFalse();

        assertThat(count("select count(*) from punctual_execution")).isEqualTo(1);
        assertThat(store.history("report", 5)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
    }

    @Test
    void aSecondRunInFlightGetsItsExecutionRowAtItsClaim() throws SQLException {
        JobDefinition twoAtOnce = JobDefinition.of("report", Schedule.fixedRate(Duration.ofSeconds(1)))
                .withPolicy(JobPolicy.defaults().withMaxInstances(2));
        store.save(twoAtOnce, T0);
        Fire first = store.claimDue(T0, 1, "node-a").fires().get(0);
        Fire second = store.claimDue(T0.plusSeconds(1), 1, "node-b").fires().get(0);

        assertThat(text("select run_id from punctual_job where id = 'report'")).isEqualTo(first.executionId());
        assertThat(text("select id from punctual_execution where end_time is null")).isEqualTo(second.executionId());
        assertThat(count("select running from punctual_job where id = 'report'")).isEqualTo(2);

        assertThat(store.complete(success(second, T0.plusSeconds(3)))).isTrue();
        assertThat(store.complete(success(first, T0.plusSeconds(4)))).isTrue();

        assertThat(store.history("report", 5)).extracting(ExecutionRecord::executionId)
                .containsExactly(first.executionId(), second.executionId());
        assertThat(count("select count(*) from punctual_execution where end_time is null")).isZero();
        assertThat(text("select run_id from punctual_job where id = 'report'")).isNull();
        assertThat(count("select running from punctual_job where id = 'report'")).isZero();
    }

    @Test
    void aLostNodesHeldRunIsRecordedLostAndRetried() throws SQLException {
        JobDefinition retried = JobDefinition.of("report", Schedule.fixedRate(Duration.ofHours(1)))
                .withPolicy(JobPolicy.defaults().withRetries(1).withRetryBackoff(Duration.ofSeconds(5)));
        store.save(retried, T0);
        store.heartbeat("node-a", T0);
        store.heartbeat("node-b", T0.plusSeconds(60));
        Fire fire = store.claimDue(T0, 1, "node-a").fires().get(0);

        List<ExecutionRecord> lost = store.recoverLostRuns(T0.plusSeconds(60), Duration.ofSeconds(30));

        assertThat(lost).singleElement().satisfies(r -> {
            assertThat(r.executionId()).isEqualTo(fire.executionId());
            assertThat(r.outcome()).isEqualTo(Outcome.LOST);
            assertThat(r.node()).isEqualTo("node-a");
        });
        assertThat(text("select run_id from punctual_job where id = 'report'")).isNull();
        assertThat(count("select running from punctual_job where id = 'report'")).isZero();
        assertThat(count("select count(*) from punctual_pending_fire where job_id = 'report' and attempt = 2")).isEqualTo(1);
        assertThat(store.complete(success(fire, T0.plusSeconds(61)))).as("the lost node's late outcome").isFalse();
    }

    @Test
    void aRestartedNodeRecordsTheRunItsPreviousProcessHeldAsLost() throws SQLException {
        store.save(JobDefinition.of("report", Schedule.fixedRate(Duration.ofHours(1))), T0);
        Fire fire = store.claimDue(T0, 1, "node-a").fires().get(0);

        List<ExecutionRecord> lost = store.recoverRunsOfPreviousProcess("node-a", T0.plusSeconds(5));

        assertThat(lost).extracting(ExecutionRecord::executionId).containsExactly(fire.executionId());
        assertThat(text("select run_id from punctual_job where id = 'report'")).isNull();
        assertThat(count("select count(*) from punctual_execution where end_time is null")).isZero();
        assertThat(text("select outcome from punctual_execution")).isEqualTo("LOST");
    }

    private static Completion success(Fire fire, Instant end) {
        return new Completion(fire, Outcome.SUCCESS, fire.dueTime(), end, "node-a", null, null, null, null);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
