package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobScope;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.JobStoreContractTest;
import io.punctual.scheduler.store.PendingFire;
import io.punctual.scheduler.store.Turnover;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract plus what only a JPA store has: exact columns, fences, lost nodes, scripts. */
abstract class JpaJobStoreTestBase extends JobStoreContractTest {

    protected abstract JpaTestDatabase database();

    protected abstract EntityManagerFactory factory();

    /** {@code h2} or {@code postgresql}. */
    protected abstract String databaseName();

    @Override
    protected JobStore createStore() {
        database().truncate();
        JpaTestDatabase.STATEMENTS.clear();
        JpaJobStore store = new JpaJobStore(factory(), database().prefix);
        return newJobsThroughDataSource() ? store.insertNewJobsThrough(new TestDataSource(database().url, database().user)) : store;
    }

    /** Whether new dynamic jobs are written through a DataSource (as the starter does) or through the entity manager. */
    protected boolean newJobsThroughDataSource() {
        return true;
    }

    private static Completion completion(Fire fire, Outcome outcome, Instant end, PendingFire retry) {
        return new Completion(fire, outcome, end.minusMillis(1), end, NODE, outcome.isFailure() ? "x.Boom: no" : null, null, retry, null);
    }

    @Test
    void everyPartOfADefinitionRoundTripsExactly() {
        JobPolicy policy = new JobPolicy(MisfirePolicy.SKIP, Duration.ofMillis(1500), false, 7, 3, 2,
                Duration.ofSeconds(2).plusNanos(5), Duration.ofMinutes(5), JobScope.CLUSTER, -4, Duration.ofMillis(250));
        Schedule windowed = Schedule.fixedRate(Duration.ofSeconds(90))
                .between(T0.plusNanos(1_000), T0.plus(Duration.ofDays(400)).plusNanos(999_000));
        String payload = "{\"text\":\"" + "é✓ ".repeat(40_000) + "\"}";
        JobDefinition definition = new JobDefinition("job/with:odd chars é", windowed, policy, Set.of("a", "b c", "ü"), true,
                Duration.ofSeconds(3), "handler-1", payload);

        store.save(definition, T0);

        assertThat(store.find(definition.id()).orElseThrow().definition()).isEqualTo(definition);
        assertThat(store.findAll().get(0).definition()).isEqualTo(definition);
    }

    @Test
    void oneTimeFixedDelayAndDisabledDefinitionsRoundTrip() {
        JobDefinition at = JobDefinition.of("at", Schedule.at(T0.plusSeconds(7))).withTags(Set.of("t"));
        JobDefinition delay = JobDefinition.of("delay", Schedule.fixedDelay(Duration.ZERO)).withEnabled(false);
        store.save(at, T0);
        store.save(delay, T0);

        assertThat(store.find("at").orElseThrow().definition()).isEqualTo(at);
        assertThat(store.find("delay").orElseThrow().definition()).isEqualTo(delay);
        assertThat(store.find("delay").orElseThrow().next()).isNull();
    }

    @Test
    void aCronScheduleKeepsItsExpressionZoneAndWindow() {
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Paris");
        Schedule cron = Schedule.cron("0 */5 * * * *", zone).between(T0, null);
        store.save(JobDefinition.of("cron", cron), T0);
        io.punctual.scheduler.store.NextFire first = store.find("cron").orElseThrow().next();

        Schedule read = store.find("cron").orElseThrow().definition().schedule();

        assertThat(read.description()).isEqualTo("cron 0 */5 * * * *");
        assertThat(read.zone()).contains(zone);
        assertThat(read).isInstanceOfSatisfying(io.punctual.scheduler.schedule.WindowedSchedule.class,
                w -> assertThat(w.startAt()).isEqualTo(T0));
        assertThat(store.save(JobDefinition.of("cron", cron), T0.plus(Duration.ofMinutes(7))).next())
                .as("the same cron declared again keeps its next fire").isEqualTo(first);
    }

    @Test
    void timesAreStoredAsUtcMicrosecondsWhateverTheZones() throws SQLException {
        store.save(everyMinute("a"), T0);

        long expected = T0.getEpochSecond() * 1_000_000L + T0.getNano() / 1_000;
        try (Connection c = database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT next_due FROM " + database().prefix + "job WHERE id = 'a'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(expected);
        }
        assertThat(store.nextDueTime()).contains(T0);
    }

    @Test
    void aPurgeLeavesAFinishedJobThatAnotherTransactionHoldsForNextTime() throws Exception {
        store.save(JobDefinition.of("once", Schedule.at(T0)).withHandler("h", "\"p\""), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);
        assertThat(store.complete(completion(fire, Outcome.SUCCESS, T0.plusSeconds(1), null))).isTrue();

        // another node holds the job's row, as a trigger does before it adds a pending fire: had the purge deleted the
        // job once that committed, the pending fire would have been left without its job, due for ever
        try (Connection other = database().connect()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM " + database().prefix + "job WHERE id = 'once' FOR UPDATE")) {
                assertThat(rs.next()).isTrue();
            }
            int deleted = java.util.concurrent.CompletableFuture.supplyAsync(() -> store.deleteHistoryBefore(T0.plusSeconds(2)))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS); // it does not wait for the other transaction either
            assertThat(deleted).isEqualTo(1);
            other.rollback();
        }
        assertThat(store.find("once")).as("held by another transaction: left for the next purge").isPresent();

        store.deleteHistoryBefore(T0.plusSeconds(2));
        assertThat(store.find("once")).as("the next purge").isEmpty();
    }

    @Test
    void aCompletionCarryingAStaleFenceIsRefused() {
        store.save(everyMinute("a"), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);
        Fire stale = new Fire(fire.executionId(), fire.jobId(), fire.scheduledTime(), fire.dueTime(), fire.attempt(),
                fire.origin(), fire.fence() + 1, fire.definition());

        assertThat(store.complete(completion(stale, Outcome.SUCCESS, T0.plusSeconds(1), null))).isFalse();
        assertThat(store.history("a", 10)).isEmpty();
        assertThat(store.complete(completion(fire, Outcome.SUCCESS, T0.plusSeconds(1), null))).isTrue();
    }

    @Test
    void aJobWaitingForCapacityLeavesTheClaimIndexUntilItsRunEnds() {
        JobPolicy catchUp = JobPolicy.defaults().withCoalesce(false).withMisfireGrace(Duration.ofHours(1));
        store.save(everyMinute("a").withPolicy(catchUp), T0);
        Instant late = T0.plus(Duration.ofMinutes(2)).plusSeconds(1);
        Fire first = store.claimDue(late, 10, NODE).fires().get(0);

        ClaimBatch waiting = store.claimDue(late, 10, NODE);

        assertThat(first.scheduledTime()).isEqualTo(T0);
        assertThat(waiting.isEmpty()).isTrue();
        assertThat(store.nextDueTime()).isEmpty();
        assertThat(store.find("a").orElseThrow().next().due()).isEqualTo(T0.plus(Duration.ofMinutes(1)));

        store.complete(completion(first, Outcome.SUCCESS, late.plusSeconds(1), null));

        assertThat(store.nextDueTime()).contains(T0.plus(Duration.ofMinutes(1)));
        assertThat(store.claimDue(late.plusSeconds(1), 10, NODE).fires()).singleElement()
                .satisfies(f -> assertThat(f.scheduledTime()).isEqualTo(T0.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aRetryDueWhileTheJobIsAtMaxInstancesWaitsForTheRunToEnd() {
        store.save(everyMinute("a"), T0);
        Fire running = store.claimDue(T0, 10, NODE).fires().get(0);
        store.addPendingFire(new PendingFire("a", T0.plusSeconds(1), T0.minus(Duration.ofMinutes(1)), 2, FireOrigin.RETRY));

        assertThat(store.claimDue(T0.plusSeconds(1), 10, NODE).isEmpty()).isTrue();
        assertThat(store.nextDueTime()).contains(T0.plus(Duration.ofMinutes(1)));

        store.complete(completion(running, Outcome.SUCCESS, T0.plusSeconds(2), null));

        assertThat(store.nextDueTime()).contains(T0.plusSeconds(1));
        assertThat(store.claimDue(T0.plusSeconds(2), 10, NODE).fires()).singleElement().satisfies(f -> {
            assertThat(f.origin()).isEqualTo(FireOrigin.RETRY);
            assertThat(f.attempt()).isEqualTo(2);
            assertThat(f.scheduledTime()).isEqualTo(T0.minus(Duration.ofMinutes(1)));
        });
    }

    /** The turnover's next due time is read after its claim held the retry back, not before: no wasted claim for it. */
    @Test
    void aTurnoverThatHoldsARetryBackDoesNotReportItDue() {
        store.save(everyMinute("a"), T0);
        store.claimDue(T0, 10, NODE);
        store.addPendingFire(new PendingFire("a", T0.plusSeconds(1), T0.minus(Duration.ofMinutes(1)), 2, FireOrigin.RETRY));

        Turnover turnover = store.completeAndClaim(java.util.List.of(), T0.plusSeconds(1), Duration.ZERO, 10, NODE);

        assertThat(turnover.claimed().isEmpty()).isTrue();
        assertThat(turnover.nextDue()).contains(T0.plus(Duration.ofMinutes(1)));
    }

    @Test
    void runsOfASilentNodeAreRecordedLostAndRetriedOnALiveNode() {
        store.save(everyMinute("a").withPolicy(JobPolicy.defaults().withRetries(1)), T0);
        store.save(everyMinute("b"), T0);
        store.heartbeat("node-a", T0);
        java.util.List<Fire> fires = store.claimDue(T0, 10, "node-a").fires();
        Instant later = T0.plusSeconds(40);
        store.heartbeat("node-b", later);

        java.util.List<ExecutionRecord> lost = store.recoverLostRuns(later, Duration.ofSeconds(30));

        assertThat(lost).extracting(ExecutionRecord::jobId).containsExactly("a", "b");
        assertThat(lost).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.LOST);
            assertThat(r.node()).isEqualTo("node-a");
            assertThat(r.endTime()).isEqualTo(later);
        });
        assertThat(store.recoverLostRuns(later, Duration.ofSeconds(30))).isEmpty();
        assertThat(store.find("a").orElseThrow()).satisfies(r -> {
            assertThat(r.running()).isZero();
            assertThat(r.lastOutcome()).isEqualTo(Outcome.LOST);
            assertThat(r.consecutiveFailures()).isEqualTo(1);
            assertThat(r.pendingFires()).isEqualTo(1);
        });
        // retried with the backoff of any failed attempt (1s, plus up to 10 %)
        assertThat(store.claimDue(later.plusMillis(999), 10, "node-b").fires()).isEmpty();
        assertThat(store.claimDue(later.plusMillis(1_100), 10, "node-b").fires()).singleElement().satisfies(f -> {
            assertThat(f.jobId()).isEqualTo("a");
            assertThat(f.attempt()).isEqualTo(2);
            assertThat(f.origin()).isEqualTo(FireOrigin.RETRY);
            assertThat(f.scheduledTime()).isEqualTo(T0);
        });
        assertThat(fires).allSatisfy(f -> assertThat(store.complete(completion(f, Outcome.SUCCESS, later, null))).isFalse());
    }

    /**
     * A fixed delay counts from the end of its schedule's run, never from a trigger's: a triggered run recorded lost with
     * its node leaves the job's next fire to the schedule's run still in flight on another node (max instances 2), as
     * the triggered run's own end would have. Given one, the job would have two chains of fires.
     */
    @Test
    void aLostTriggeredRunOfAFixedDelayJobLeavesItsNextFireToTheScheduledRunInFlight() {
        store.save(JobDefinition.of("d", Schedule.fixedDelay(Duration.ofSeconds(10)))
                .withPolicy(JobPolicy.defaults().withMaxInstances(2)), T0);
        store.heartbeat("node-a", T0);
        Fire scheduled = store.claimDue(T0, 10, "node-b").fires().get(0);
        store.addPendingFire(new PendingFire("d", T0.plusSeconds(1), T0.plusSeconds(1), 1, FireOrigin.TRIGGER, "triggered by alice"));
        Fire triggered = store.claimDue(T0.plusSeconds(1), 10, "node-a").fires().get(0);
        assertThat(triggered.origin()).isEqualTo(FireOrigin.TRIGGER);
        Instant later = T0.plusSeconds(40);
        store.heartbeat("node-b", later);

        assertThat(store.recoverLostRuns(later, Duration.ofSeconds(30))).singleElement()
                .satisfies(r -> assertThat(r.executionId()).isEqualTo(triggered.executionId()));

        assertThat(store.find("d").orElseThrow().next()).as("the scheduled run in flight gives the next fire").isNull();
        assertThat(store.claimDue(later.plusSeconds(10), 10, "node-b").isEmpty()).isTrue();
        io.punctual.scheduler.store.NextFire fromItsEnd = new io.punctual.scheduler.store.NextFire(later.plusSeconds(15),
                later.plusSeconds(15));
        assertThat(store.complete(new Completion(scheduled, Outcome.SUCCESS, T0, later.plusSeconds(5), "node-b", null, null,
                null, fromItsEnd))).isTrue();
        assertThat(store.find("d").orElseThrow().next()).isEqualTo(fromItsEnd);
    }

    /** The same for a retry's run: a retry of a fixed-delay job does not move its schedule, lost or not. */
    @Test
    void aLostRetryRunOfAFixedDelayJobLeavesItsNextFireToTheScheduledRunInFlight() {
        store.save(JobDefinition.of("d", Schedule.fixedDelay(Duration.ofSeconds(10)))
                .withPolicy(JobPolicy.defaults().withMaxInstances(2).withRetries(3)), T0);
        store.heartbeat("node-a", T0);
        Fire first = store.claimDue(T0, 10, "node-a").fires().get(0);
        store.complete(new Completion(first, Outcome.FAILURE, T0, T0.plusSeconds(1), "node-a", "x.Boom: no", null,
                new PendingFire("d", T0.plusSeconds(20), T0, 2, FireOrigin.RETRY),
                new io.punctual.scheduler.store.NextFire(T0.plusSeconds(11), T0.plusSeconds(11))));
        Fire scheduled = store.claimDue(T0.plusSeconds(11), 10, "node-b").fires().get(0);
        Fire retry = store.claimDue(T0.plusSeconds(20), 10, "node-a").fires().get(0);
        assertThat(retry.origin()).isEqualTo(FireOrigin.RETRY);
        Instant later = T0.plusSeconds(40);
        store.heartbeat("node-b", later);

        assertThat(store.recoverLostRuns(later, Duration.ofSeconds(30))).singleElement()
                .satisfies(r -> assertThat(r.executionId()).isEqualTo(retry.executionId()));

        assertThat(store.find("d").orElseThrow().next()).as("the scheduled run in flight gives the next fire").isNull();
        assertThat(store.find("d").orElseThrow().running()).isEqualTo(1);
        assertThat(scheduled.origin()).isEqualTo(FireOrigin.SCHEDULE);
    }

    /** The schedule's own run, lost with its node, gives a fixed-delay job its next fire from the loss, as its end would. */
    @Test
    void aLostScheduledRunOfAFixedDelayJobGivesItsNextFire() {
        store.save(JobDefinition.of("d", Schedule.fixedDelay(Duration.ofSeconds(10))), T0);
        store.heartbeat("node-a", T0);
        store.claimDue(T0, 10, "node-a");
        Instant later = T0.plusSeconds(40);
        store.heartbeat("node-b", later);

        assertThat(store.recoverLostRuns(later, Duration.ofSeconds(30))).hasSize(1);

        assertThat(store.find("d").orElseThrow().next().due()).isEqualTo(later.plusSeconds(10));
    }

    /**
     * A node declared lost may still be claiming (silent, not dead): a run it claims while recovery waits for the locks of
     * the jobs it found is not recovered in that transaction. The node's row then stays, so that the next recovery finds
     * that run; deleted, it would leave the run in flight for ever if the node then died, holding its job's slot.
     */
    @Test
    void aLostNodesRowStaysWhileARunOfItsIsLeftInFlight() throws Exception {
        store.save(everyMinute("x"), T0);
        store.heartbeat("node-a", T0);
        Fire x = store.claimDue(T0, 10, "node-a").fires().get(0);
        store.save(JobDefinition.of("y", Schedule.at(T0.plusSeconds(39))), T0);
        Instant later = T0.plusSeconds(40);
        store.heartbeat("node-b", later);

        java.util.List<ExecutionRecord> first;
        Fire y;
        try (Connection other = database().connect()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM " + database().prefix + "job WHERE id = 'x' FOR UPDATE")) {
                assertThat(rs.next()).isTrue(); // another transaction holds x, as a completion or a trigger does
            }
            java.util.concurrent.CompletableFuture<java.util.List<ExecutionRecord>> recovery =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> store.recoverLostRuns(later, Duration.ofSeconds(30)));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lockWaits() > 0);
            y = store.claimDue(later, 10, "node-a").fires().get(0); // meanwhile, the silent node claims y
            other.rollback();
            first = recovery.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        assertThat(first).extracting(ExecutionRecord::executionId).containsExactly(x.executionId());
        assertThat(store.nodes("node-b")).extracting(io.punctual.scheduler.NodeInfo::id).as("y's run is left").contains("node-a");
        assertThat(store.recoverLostRuns(later.plusSeconds(1), Duration.ofSeconds(30))).extracting(ExecutionRecord::executionId)
                .containsExactly(y.executionId());
        assertThat(store.find("y").orElseThrow().running()).isZero();
        assertThat(store.nodes("node-b")).extracting(io.punctual.scheduler.NodeInfo::id).as("nothing left").containsExactly("node-b");
    }

    /**
     * How many statements wait for a lock on job rows that another transaction holds, by the database's own view of its
     * sessions: only statements that lock job rows count (any other wait, say of a transaction another test left behind,
     * once let a test go on before the store's statement had even started).
     */
    private int lockWaits() throws SQLException {
        // FOR UPDATE, or FOR NO KEY UPDATE as Hibernate writes it on PostgreSQL
        String jobRowsLocked = "'%" + database().prefix.toLowerCase(java.util.Locale.ROOT) + "job%for %update%'";
        String sql = switch (databaseName()) {
            case "h2" -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                    + " AND LOWER(EXECUTING_STATEMENT) LIKE " + jobRowsLocked;
            case "postgresql" -> "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND LOWER(query) LIKE " + jobRowsLocked;
            default -> "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'"
                    + " AND LOWER(trx_query) LIKE " + jobRowsLocked;
        };
        try (Connection c = database().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** What tells whether a claim whose commit answer was lost wrote its rows of fires that did not run. */
    @Test
    void theRowsOfFiresNotRunAClaimWroteAreFoundByTheirIdsAndAnExtendedSummaryByItsEnd() {
        store.save(everyMinute("a"), T0);
        Instant first = store.find("a").orElseThrow().next().due();
        store.claimDue(first, 10, NODE); // holds a's only instance
        // its next two schedule fires are skipped: one summary row (a skipped trigger would have a row of its own)
        ExecutionRecord own = store.claimDue(first.plus(Duration.ofMinutes(1)), 10, NODE).notRun().get(0);
        ExecutionRecord extending = store.claimDue(first.plus(Duration.ofMinutes(2)), 10, NODE).notRun().get(0);
        ExecutionRecord neverWritten = new ExecutionRecord(java.util.UUID.randomUUID().toString(), "a", T0, null,
                first.plus(Duration.ofMinutes(2)), Outcome.SKIPPED, NODE, 1, 1, null, "max-instances; due " + T0);
        ExecutionRecord extendingLater = new ExecutionRecord(own.executionId(), "a", first.plus(Duration.ofMinutes(3)), null,
                first.plus(Duration.ofMinutes(3)), Outcome.SKIPPED, NODE, 1, 1, null,
                "max-instances; due " + first.plus(Duration.ofMinutes(3)));

        assertThat(extending.executionId()).as("the summary it extended").isEqualTo(own.executionId());
        assertThat(extending.count()).as("these fires alone").isEqualTo(1);
        assertThat(store.notRunRecorded(java.util.List.of(own))).containsExactly(own.executionId());
        assertThat(store.notRunRecorded(java.util.List.of(extending))).containsExactly(own.executionId());
        assertThat(store.notRunRecorded(java.util.List.of(neverWritten, extendingLater))).isEmpty();
    }

    @Test
    void aNodeThatKeepsHeartbeatingIsNotLost() {
        store.save(everyMinute("a"), T0);
        store.heartbeat(NODE, T0);
        store.claimDue(T0, 10, NODE);
        store.heartbeat(NODE, T0.plusSeconds(25));

        assertThat(store.recoverLostRuns(T0.plusSeconds(50), Duration.ofSeconds(30))).isEmpty();
        assertThat(store.find("a").orElseThrow().running()).isEqualTo(1);
    }

    @Test
    void aFailedRunQueuesItsRetryAndCountsAFailure() {
        store.save(everyMinute("a"), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);
        PendingFire retry = new PendingFire("a", T0.plusSeconds(5), T0, 2, FireOrigin.RETRY);

        store.complete(completion(fire, Outcome.FAILURE, T0.plusSeconds(1), retry));

        assertThat(store.find("a").orElseThrow().pendingFires()).isEqualTo(1);
        assertThat(store.history("a", 1).get(0).error()).isEqualTo("x.Boom: no");
        assertThat(store.nextDueTime()).contains(T0.plusSeconds(5));
    }

    /**
     * A job's exception message is the job's text: one holding a NUL character (PostgreSQL's text refuses it) must not
     * fail the outcome's transaction, which the engine would hand again forever, with every claim it rides.
     */
    @Test
    void anOutcomeWhoseErrorHoldsANulCharacterIsRecorded() {
        store.save(everyMinute("a"), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);

        assertThat(store.complete(new Completion(fire, Outcome.FAILURE, T0, T0.plusSeconds(1), NODE,
                "x.Boom: read \u0000\u0001 from the socket", null, null, null))).isTrue();

        assertThat(store.find("a").orElseThrow().running()).isZero();
        assertThat(store.history("a", 1)).singleElement()
                .satisfies(r -> assertThat(r.error()).isEqualTo("x.Boom: read \uFFFD\u0001 from the socket"));
    }

    /**
     * A job's exception message holding NUL characters and longer than the cap: the engine bounds it and replaces NUL
     * once, before any store, so this database records exactly what the memory store records.
     */
    @Test
    void aLongErrorWithNulCharactersIsRecordedAsTheMemoryStoreRecordsIt() {
        String message = "read \u0000 from the socket " + "\u00e9\u2713".repeat(10_000);

        String here = errorRecorded(store, message);

        assertThat(here).isEqualTo(errorRecorded(new InMemoryJobStore(), message));
        assertThat(here).hasSize(8_192).startsWith("java.lang.IllegalStateException: read \uFFFD from the socket \u00e9\u2713")
                .doesNotContain("\u0000").endsWith("\u00e9... [11895 more characters cut]"); // 20,056 characters, 8,161 kept
    }

    private static String errorRecorded(JobStore store, String message) {
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(MutableClock.at(T0)).nodeId(NODE)
                .store(store))) {
            manual.scheduler().register(JobDefinition.of("failing", Schedule.at(T0)), ctx -> {
                throw new IllegalStateException(message);
            });
            manual.runDue();
            return manual.scheduler().history("failing", 1).get(0).error();
        }
    }

    /**
     * An outcome the database refuses for good (here a CHECK constraint on the error text) must not stop the node: its
     * other jobs keep being claimed, and the refused outcome is recorded in a shortened form that keeps its effects.
     */
    @Test
    void anOutcomeTheDatabaseRefusesIsRecordedShortenedWhileTheNodesOtherJobsKeepFiring() throws Exception {
        RefusedOutcomeScenarios.onAManualClock(database(), this::createStore);
    }

    @Test
    void onTheRealClockAnOutcomeTheDatabaseRefusesDoesNotStopTheNodesClaims() throws Exception {
        RefusedOutcomeScenarios.onTheRealClock(database(), store);
    }

    /**
     * A job row this node cannot read (a value edited by hand, a zone this JVM does not know, a word a newer version
     * wrote) must not stop the claims of the node's other jobs, nor be lost: see {@link UnreadableRowScenarios}.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(UnreadableRowScenarios.Corruption.class)
    void aJobRowThatCannotBeReadDoesNotStopTheOtherJobsOfANodeWithOneWorker(UnreadableRowScenarios.Corruption corruption)
            throws Exception {
        UnreadableRowScenarios.anotherJobKeepsFiring(database(), this::createStore, corruption, 1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(UnreadableRowScenarios.Corruption.class)
    void aJobRowThatCannotBeReadDoesNotStopTheOtherJobsOfANodeWithEightWorkers(UnreadableRowScenarios.Corruption corruption)
            throws Exception {
        UnreadableRowScenarios.anotherJobKeepsFiring(database(), this::createStore, corruption, 8);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = UnreadableRowScenarios.Corruption.class, names = {"CRON", "KIND"})
    void onTheRealClockAJobRowThatCannotBeReadNeitherStopsNorSpinsTheClaims(UnreadableRowScenarios.Corruption corruption)
            throws Exception {
        UnreadableRowScenarios.onTheRealClock(database(), store, corruption);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(UnreadableRowScenarios.Corruption.class)
    void aJobRowThatCannotBeReadIsListedAndASaveRepairsIt(UnreadableRowScenarios.Corruption corruption) throws Exception {
        UnreadableRowScenarios.listingAndSavingAgain(database(), store, corruption);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(UnreadableRowScenarios.Corruption.class)
    void aJobRowThatCannotBeReadDoesNotStopTheRecoveryOfALostNode(UnreadableRowScenarios.Corruption corruption) throws Exception {
        UnreadableRowScenarios.recoveryOfALostNode(database(), store, corruption);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(UnreadableRowScenarios.Corruption.class)
    void aJobRowThatCannotBeReadDoesNotStopTheHistoryPurge(UnreadableRowScenarios.Corruption corruption) throws Exception {
        UnreadableRowScenarios.historyPurge(database(), store, corruption);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(UnreadableRowScenarios.Corruption.class)
    void aJobRowThatCannotBeReadIsListedFoundPausedRescheduledAndCancelledThroughTheScheduler(
            UnreadableRowScenarios.Corruption corruption) throws Exception {
        UnreadableRowScenarios.throughTheScheduler(database(), store, corruption);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(UnreadableRowScenarios.Corruption.class)
    void aDynamicJobWhoseRowCannotBeReadIsRepairedBySchedulingItAgain(UnreadableRowScenarios.Corruption corruption)
            throws Exception {
        UnreadableRowScenarios.aDynamicJobScheduledAgain(database(), store, corruption);
    }

    @Test
    void aRowAnotherTransactionHeldWhileABacklogDrainsIsClaimedWithinAFullScan() throws Exception {
        ClaimFloorScenarios.aRowAnotherTransactionHeldIsClaimedWithinAFullScan(database(), store);
    }

    /** Whether {@link #createStore} reads rows through the provider's queries ({@link JpaJobStore#readingThroughTheProvider}). */
    protected boolean readsThroughTheProvider() {
        return false;
    }

    @Test
    void aBacklogDueAtOneInstantIsClaimedInOrderFromTheKeyOfTheLastClaimsFirstRow() {
        ClaimFloorScenarios.aBacklogDueAtOneInstantIsClaimedInOrderFromTheKeyOfTheLastClaimsFirstRow(store, readsThroughTheProvider());
    }

    @Test
    void jobsThisNodeSavesAtTheFloorsDueTimeBeforeItsKeyAreClaimedByTheNextClaim() {
        ClaimFloorScenarios.jobsThisNodeSavesAtTheFloorsDueTimeBeforeItsKeyAreClaimedByTheNextClaim(store);
    }

    @Test
    void aJobATurnoversOutcomeReleasesAtTheFloorsDueTimeIsClaimedByTheNextClaim() {
        ClaimFloorScenarios.aJobATurnoversOutcomeReleasesAtTheFloorsDueTimeIsClaimedByTheNextClaim(store);
    }

    @Test
    void anotherNodesJobAtTheFloorsDueTimeBeforeItsKeyIsClaimedWithinAFullScan() {
        ClaimFloorScenarios.anotherNodesJobAtTheFloorsDueTimeBeforeItsKeyIsClaimedWithinAFullScan(store,
                new JpaJobStore(factory(), database().prefix));
    }

    @Test
    void anotherNodesJobDueBeforeTheFloorOfABacklogIsClaimedWithinAFullScan() {
        ClaimFloorScenarios.anotherNodesJobDueBeforeTheFloorIsClaimedWithinAFullScan(store,
                new JpaJobStore(factory(), database().prefix));
    }

    @Test
    void aJobRowThatCannotBeReadIsSetAsideByThisNodeOnlyAndReadAgainAtItsNextHeartbeat() throws Exception {
        UnreadableRowScenarios.setAsideByThisNodeOnly(database(), store, new JpaJobStore(factory(), database().prefix));
    }

    @Test
    void theStoreCreatesItsSchemaIdempotently() {
        JpaJobStore jpa = (JpaJobStore) store;
        jpa.createSchema(databaseName());
        jpa.createSchema(databaseName());

        store.save(everyMinute("a"), T0);
        assertThat(store.findAll()).hasSize(1);
    }
}
