package io.punctual.scheduler.store;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link JobStore} must do. Each store's test extends this and supplies an empty store.
 * Times carry microseconds so that a store which truncates or shifts them by a zone is caught.
 */
public abstract class JobStoreContractTest implements ClaimOrderContract {

    protected static final Instant T0 = Instant.parse("2026-03-29T00:59:59.123456Z");
    protected static final String NODE = "node-a";

    protected JobStore store;

    /** A new, empty store. */
    protected abstract JobStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    @Override
    public JobStore claimOrderStore() {
        return store;
    }

    protected static JobDefinition everyMinute(String id) {
        return JobDefinition.of(id, Schedule.fixedRate(Duration.ofMinutes(1)));
    }

    private static Completion success(Fire fire, Instant end) {
        return new Completion(fire, Outcome.SUCCESS, end.minusMillis(5), end, NODE, null, null, null, null);
    }

    @Test
    void newJobGetsItsFirstFireAndIsListed() {
        JobRecord saved = store.save(everyMinute("a").withInitialDelay(Duration.ofSeconds(5)), T0);

        assertThat(saved.next().due()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.find("a")).contains(saved);
        assertThat(store.findAll()).extracting(JobRecord::id).containsExactly("a");
        assertThat(store.nextDueTime()).contains(T0.plusSeconds(5));
    }

    @Test
    void savingAnUnchangedJobKeepsItsNextFireAndPause() {
        store.save(everyMinute("a"), T0);
        store.setPaused("a", true);

        JobRecord again = store.save(everyMinute("a").withTags(Set.of("x")), T0.plusSeconds(30));

        assertThat(again.next().due()).isEqualTo(T0);
        assertThat(again.paused()).isTrue();
        assertThat(again.definition().tags()).containsExactly("x");
    }

    @Test
    void savingAChangedScheduleRecomputesTheNextFire() {
        store.save(everyMinute("a"), T0);

        JobRecord changed = store.save(JobDefinition.of("a", Schedule.fixedRate(Duration.ofHours(1)))
                .withInitialDelay(Duration.ofSeconds(1)), T0.plusSeconds(30));

        assertThat(changed.next().due()).isEqualTo(T0.plusSeconds(31));
    }

    @Test
    void dueFireIsClaimedOnceAndTheJobAdvances() {
        store.save(everyMinute("a"), T0);

        ClaimBatch first = store.claimDue(T0, 10, NODE);
        ClaimBatch second = store.claimDue(T0, 10, NODE);

        assertThat(first.fires()).singleElement().satisfies(f -> {
            assertThat(f.jobId()).isEqualTo("a");
            assertThat(f.scheduledTime()).isEqualTo(T0);
            assertThat(f.attempt()).isEqualTo(1);
            assertThat(f.origin()).isEqualTo(FireOrigin.SCHEDULE);
        });
        assertThat(second.fires()).isEmpty();
        assertThat(store.find("a").orElseThrow()).satisfies(r -> {
            assertThat(r.running()).isEqualTo(1);
            assertThat(r.next().due()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        });
    }

    @Test
    void fireIsNotClaimedBeforeItIsDue() {
        store.save(everyMinute("a").withInitialDelay(Duration.ofSeconds(1)), T0);

        assertThat(store.claimDue(T0.plusMillis(999), 10, NODE).fires()).isEmpty();
        assertThat(store.claimDue(T0.plusSeconds(1), 10, NODE).fires()).hasSize(1);
    }

    @Test
    void claimsComeInOrderOfDueTimeThenPriority() {
        store.save(everyMinute("low").withPolicy(JobPolicy.defaults().withPriority(-1)), T0);
        store.save(everyMinute("high").withPolicy(JobPolicy.defaults().withPriority(5)), T0);
        store.save(everyMinute("earlier").withPolicy(JobPolicy.defaults().withPriority(-9)), T0.minusSeconds(1));

        assertThat(store.claimDue(T0, 10, NODE).fires()).extracting(Fire::jobId).containsExactly("earlier", "high", "low");
    }

    @Test
    void pausedJobIsNotClaimedUntilResumed() {
        store.save(everyMinute("a"), T0);
        store.setPaused("a", true);

        assertThat(store.claimDue(T0, 10, NODE).fires()).isEmpty();
        assertThat(store.find("a").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        store.setPaused("a", false);
        assertThat(store.claimDue(T0, 10, NODE).fires()).hasSize(1);
    }

    @Test
    void fireDueWhileTheJobIsAtMaxInstancesIsRecordedAsSkipped() {
        store.save(everyMinute("a"), T0);
        store.claimDue(T0, 10, NODE);

        ClaimBatch batch = store.claimDue(T0.plus(Duration.ofMinutes(1)), 10, NODE);

        assertThat(batch.fires()).isEmpty();
        assertThat(batch.notRun()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED));
        assertThat(store.history("a", 10)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.SKIPPED);
    }

    @Test
    void consecutiveSkipsExtendOneSummaryRowUntilSomethingElseIsRecorded() {
        store.save(everyMinute("a"), T0);
        Fire running = store.claimDue(T0, 10, NODE).fires().get(0);
        for (int i = 1; i <= 3; i++) {
            ClaimBatch batch = store.claimDue(T0.plus(Duration.ofMinutes(i)), 10, NODE);
            assertThat(batch.notRun()).singleElement().satisfies(r -> assertThat(r.count()).as("what listeners are told").isEqualTo(1));
        }
        assertThat(store.history("a", 10)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(r.count()).isEqualTo(3);
            assertThat(r.scheduledTime()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
            assertThat(r.detail()).isEqualTo("max-instances; 3 fires due " + T0.plus(Duration.ofMinutes(1)) + " to "
                    + T0.plus(Duration.ofMinutes(3)));
        });

        store.complete(success(running, T0.plus(Duration.ofMinutes(3)).plusSeconds(30)));
        Fire next = store.claimDue(T0.plus(Duration.ofMinutes(4)), 10, NODE).fires().get(0);
        store.claimDue(T0.plus(Duration.ofMinutes(5)), 10, NODE);

        assertThat(store.history("a", 10)).extracting(ExecutionRecord::outcome, ExecutionRecord::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SKIPPED, 1L),
                        org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS, 1L),
                        org.assertj.core.groups.Tuple.tuple(Outcome.SKIPPED, 3L));
        assertThat(next.scheduledTime()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
    }

    @Test
    void aTriggerSkippedAtMaxInstancesHasARowOfItsOwnBetweenTheSchedulesSkipSummaries() {
        store.save(everyMinute("a"), T0);
        store.claimDue(T0, 10, NODE); // holds a's only instance
        store.claimDue(T0.plus(Duration.ofMinutes(1)), 10, NODE);
        Instant triggered = T0.plus(Duration.ofMinutes(1)).plusSeconds(10);
        store.addPendingFire(new PendingFire("a", triggered, triggered, 1, FireOrigin.TRIGGER));
        ClaimBatch trigger = store.claimDue(triggered, 10, NODE);
        store.claimDue(T0.plus(Duration.ofMinutes(2)), 10, NODE);

        assertThat(trigger.notRun()).singleElement().satisfies(r ->
                assertThat(r.detail()).isEqualTo("max-instances; trigger due " + triggered));
        assertThat(store.history("a", 10)).extracting(ExecutionRecord::outcome, ExecutionRecord::count, ExecutionRecord::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Outcome.SKIPPED, 1L, "max-instances; due " + T0.plus(Duration.ofMinutes(2))),
                        org.assertj.core.groups.Tuple.tuple(Outcome.SKIPPED, 1L, "max-instances; trigger due " + triggered),
                        org.assertj.core.groups.Tuple.tuple(Outcome.SKIPPED, 1L, "max-instances; due " + T0.plus(Duration.ofMinutes(1))));
    }

    @Test
    void completionRecordsHistoryAndReleasesTheSlot() {
        store.save(everyMinute("a"), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);

        assertThat(store.complete(success(fire, T0.plusSeconds(2)))).isTrue();

        assertThat(store.find("a").orElseThrow()).satisfies(r -> {
            assertThat(r.running()).isZero();
            assertThat(r.lastOutcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(r.lastFireTime()).isEqualTo(T0);
        });
        assertThat(store.history("a", 10)).singleElement().satisfies(r -> {
            assertThat(r.executionId()).isEqualTo(fire.executionId());
            assertThat(r.scheduledTime()).isEqualTo(T0);
            assertThat(r.startTime()).isEqualTo(T0.plusSeconds(2).minusMillis(5));
            assertThat(r.endTime()).isEqualTo(T0.plusSeconds(2));
            assertThat(r.node()).isEqualTo(NODE);
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.count()).isEqualTo(1);
        });
    }

    @Test
    void completionHandedAgainIsRecordedOnceAndAnotherOutcomeForTheSameRunIsRefused() {
        store.save(everyMinute("a"), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);
        store.complete(success(fire, T0.plusSeconds(1)));

        // the same outcome again (a commit whose answer was lost is handed again): already recorded, nothing written
        assertThat(store.complete(success(fire, T0.plusSeconds(1)))).isTrue();
        // another outcome for a run already recorded: refused
        assertThat(store.complete(new Completion(fire, Outcome.FAILURE, T0, T0.plusSeconds(2), NODE, "x", null, null, null)))
                .isFalse();
        assertThat(store.history("a", 10)).hasSize(1);
        assertThat(store.find("a").orElseThrow().running()).isZero();
    }

    @Test
    void failuresCountUntilASuccess() {
        store.save(everyMinute("a"), T0);
        for (int i = 0; i < 3; i++) {
            Fire f = store.claimDue(T0.plus(Duration.ofMinutes(i)), 10, NODE).fires().get(0);
            store.complete(new Completion(f, Outcome.FAILURE, T0, T0.plus(Duration.ofMinutes(i)).plusSeconds(1), NODE,
                    "java.lang.RuntimeException: no", null, null, null));
        }
        assertThat(store.find("a").orElseThrow().consecutiveFailures()).isEqualTo(3);
        assertThat(store.history("a", 1).get(0).error()).isEqualTo("java.lang.RuntimeException: no");

        Fire f = store.claimDue(T0.plus(Duration.ofMinutes(3)), 10, NODE).fires().get(0);
        store.complete(success(f, T0.plus(Duration.ofMinutes(3)).plusSeconds(1)));
        assertThat(store.find("a").orElseThrow().consecutiveFailures()).isZero();
    }

    @Test
    void retryIsClaimedWhenDueAsTheNextAttemptOfTheSameFire() {
        store.save(JobDefinition.of("a", Schedule.at(T0)), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);
        PendingFire retry = new PendingFire("a", T0.plusSeconds(10), T0, 2, FireOrigin.RETRY);
        store.complete(new Completion(fire, Outcome.FAILURE, T0, T0.plusSeconds(1), NODE, "x", null, retry, null));

        assertThat(store.find("a").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(store.nextDueTime()).contains(T0.plusSeconds(10));
        assertThat(store.claimDue(T0.plusSeconds(9), 10, NODE).fires()).isEmpty();
        assertThat(store.claimDue(T0.plusSeconds(10), 10, NODE).fires()).singleElement().satisfies(f -> {
            assertThat(f.attempt()).isEqualTo(2);
            assertThat(f.scheduledTime()).isEqualTo(T0);
            assertThat(f.dueTime()).isEqualTo(T0.plusSeconds(10));
            assertThat(f.origin()).isEqualTo(FireOrigin.RETRY);
        });
    }

    @Test
    void triggerAtMaxInstancesIsSkipped() {
        store.save(everyMinute("a"), T0);
        store.claimDue(T0, 10, NODE);
        store.addPendingFire(new PendingFire("a", T0.plusSeconds(1), T0.plusSeconds(1), 1, FireOrigin.TRIGGER));

        ClaimBatch batch = store.claimDue(T0.plusSeconds(1), 10, NODE);

        assertThat(batch.fires()).isEmpty();
        assertThat(batch.notRun()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED));
    }

    @Test
    void aTriggersNoteReachesItsFireAndItsHistoryRow() {
        store.save(everyMinute("a"), T0);
        store.addPendingFire(new PendingFire("a", T0, T0, 1, FireOrigin.TRIGGER, "triggered by alice"));

        Fire fire = store.claimDue(T0, 10, NODE).fires().stream().filter(f -> f.origin() == FireOrigin.TRIGGER)
                .findFirst().orElseThrow();
        assertThat(fire.detail()).isEqualTo("triggered by alice");
        store.complete(new Completion(fire, Outcome.SUCCESS, T0, T0.plusSeconds(1), NODE, null, fire.detail(), null, null));

        assertThat(store.history("a", 1)).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("triggered by alice"));
    }

    @Test
    void aTriggerSkippedAtMaxInstancesKeepsItsNoteInItsRow() {
        store.save(everyMinute("a"), T0);
        store.claimDue(T0, 10, NODE); // holds a's only instance
        Instant triggered = T0.plusSeconds(10);
        store.addPendingFire(new PendingFire("a", triggered, triggered, 1, FireOrigin.TRIGGER, "triggered by alice"));

        ClaimBatch batch = store.claimDue(triggered, 10, NODE);

        String detail = "max-instances; trigger due " + triggered + "; triggered by alice";
        assertThat(batch.fires()).isEmpty();
        assertThat(batch.notRun()).singleElement().satisfies(r -> assertThat(r.detail()).isEqualTo(detail));
        assertThat(store.history("a", 10)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(r.detail()).isEqualTo(detail);
        });
    }

    @Test
    void fixedDelayGetsItsNextFireFromTheCompletion() {
        store.save(JobDefinition.of("d", Schedule.fixedDelay(Duration.ofSeconds(30))), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);
        assertThat(store.find("d").orElseThrow().next()).isNull();

        NextFire next = new NextFire(T0.plusSeconds(35), T0.plusSeconds(35));
        store.complete(new Completion(fire, Outcome.SUCCESS, T0, T0.plusSeconds(5), NODE, null, null, null, next));

        assertThat(store.find("d").orElseThrow().next()).isEqualTo(next);
    }

    /** A fixed delay counts from a run's end: a fire recorded misfired has none, yet the job must fire again. */
    @Test
    void aFixedDelayFireRecordedMisfiredLeavesTheJobItsNextFire() {
        store.save(JobDefinition.of("d", Schedule.fixedDelay(Duration.ofSeconds(30))).withPolicy(JobPolicy.defaults()
                .withMisfire(io.punctual.scheduler.MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(5))), T0);
        Instant late = T0.plusSeconds(60);

        assertThat(store.claimDue(late, 10, NODE).notRun()).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.MISFIRED));

        assertThat(store.find("d").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(store.find("d").orElseThrow().next().due()).isEqualTo(late.plusSeconds(30));
        assertThat(store.claimDue(late.plusSeconds(30), 10, NODE).fires()).singleElement()
                .satisfies(f -> assertThat(f.scheduledTime()).isEqualTo(late.plusSeconds(30)));
    }

    /**
     * A fixed delay's fire that comes due while its retry runs is skipped (max instances); the schedule's run is not in
     * flight, so no run's end will give the job its next fire: the skip must.
     */
    @Test
    void aFixedDelayFireSkippedWhileItsRetryRunsLeavesTheJobItsNextFire() {
        store.save(JobDefinition.of("d", Schedule.fixedDelay(Duration.ofSeconds(30))), T0);
        Fire first = store.claimDue(T0, 10, NODE).fires().get(0);
        NextFire afterFirst = new NextFire(T0.plusSeconds(31), T0.plusSeconds(31));
        store.complete(new Completion(first, Outcome.FAILURE, T0, T0.plusSeconds(1), NODE, "x", null,
                new PendingFire("d", T0.plusSeconds(2), T0, 2, FireOrigin.RETRY), afterFirst));
        Fire retry = store.claimDue(T0.plusSeconds(2), 10, NODE).fires().get(0);

        ClaimBatch whileRetryRuns = store.claimDue(T0.plusSeconds(31), 10, NODE);

        assertThat(whileRetryRuns.fires()).isEmpty();
        assertThat(whileRetryRuns.notRun()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED));
        store.complete(success(retry, T0.plusSeconds(40)));
        assertThat(store.find("d").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(store.claimDue(T0.plusSeconds(61), 10, NODE).fires()).singleElement()
                .satisfies(f -> assertThat(f.scheduledTime()).isEqualTo(T0.plusSeconds(61)));
    }

    @Test
    void oneTimeJobIsCompletedAfterItsRun() {
        store.save(JobDefinition.of("once", Schedule.at(T0)), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);
        store.complete(success(fire, T0.plusSeconds(1)));

        assertThat(store.find("once").orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(store.nextDueTime()).isEmpty();
    }

    @Test
    void jobsNoLongerDeclaredAreMarkedOrphanedAndNeverFire() {
        store.save(everyMinute("kept"), T0);
        store.save(everyMinute("gone"), T0);

        assertThat(store.markOrphans(Set.of("kept"))).containsExactly("gone");

        assertThat(store.find("gone").orElseThrow().state()).isEqualTo(JobState.ORPHANED);
        assertThat(store.claimDue(T0, 10, NODE).fires()).extracting(Fire::jobId).containsExactly("kept");
    }

    /** A retry held back while its job was orphaned waits for the job only: declared again, the job releases it. */
    @Test
    void aRetryHeldWhileItsJobWasOrphanedIsClaimedOnceTheJobIsDeclaredAgain() {
        JobDefinition later = everyMinute("a").withInitialDelay(Duration.ofHours(1)); // no scheduled fire in this test
        store.save(later, T0);
        store.addPendingFire(new PendingFire("a", T0, T0.minusSeconds(10), 2, FireOrigin.RETRY));
        store.markOrphans(Set.of());
        assertThat(store.claimDue(T0, 10, NODE).isEmpty()).as("held: its job is orphaned").isTrue();

        store.save(later, T0.plusSeconds(1)); // declared again (a later deployment)

        assertThat(store.claimDue(T0.plusSeconds(1), 10, NODE).fires()).singleElement().satisfies(f -> {
            assertThat(f.origin()).isEqualTo(FireOrigin.RETRY);
            assertThat(f.attempt()).isEqualTo(2);
        });
    }

    @Test
    void aRetryOfAJobDeclaredDisabledWaitsUntilTheJobIsEnabledAgain() {
        JobDefinition later = everyMinute("a").withInitialDelay(Duration.ofHours(1)); // no scheduled fire in this test
        store.save(later, T0);
        store.addPendingFire(new PendingFire("a", T0, T0.minusSeconds(10), 2, FireOrigin.RETRY));
        store.save(later.withEnabled(false), T0); // a deployment that disables the job: it never fires

        assertThat(store.claimDue(T0, 10, NODE).isEmpty()).as("held: its job is disabled").isTrue();

        store.save(later, T0.plusSeconds(1)); // enabled again
        assertThat(store.claimDue(T0.plusSeconds(1), 10, NODE).fires()).singleElement().satisfies(f -> {
            assertThat(f.origin()).isEqualTo(FireOrigin.RETRY);
            assertThat(f.attempt()).isEqualTo(2);
        });
    }

    @Test
    void removedJobIsGoneWithItsHistory() {
        store.save(everyMinute("a"), T0);
        store.complete(success(store.claimDue(T0, 10, NODE).fires().get(0), T0.plusSeconds(1)));

        assertThat(store.remove("a")).isTrue();
        assertThat(store.remove("a")).isFalse();
        assertThat(store.find("a")).isEmpty();
        assertThat(store.history("a", 10)).isEmpty();
    }

    @Test
    void historyIsNewestFirstAndOldRowsAreDeleted() {
        store.save(everyMinute("a"), T0);
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plus(Duration.ofMinutes(i));
            store.complete(success(store.claimDue(at, 10, NODE).fires().get(0), at.plusSeconds(1)));
        }

        assertThat(store.history("a", 2)).extracting(ExecutionRecord::scheduledTime)
                .containsExactly(T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(1)));
        assertThat(store.deleteHistoryBefore(T0.plus(Duration.ofMinutes(1)).plusSeconds(2))).isEqualTo(2);
        assertThat(store.history("a", 10)).hasSize(1);
    }

    @Test
    void aFinishedDynamicOneTimeJobGoesWithItsHistoryAndNothingElseDoes() {
        store.save(JobDefinition.of("once", Schedule.at(T0)).withHandler("h", "\"p\""), T0);
        store.save(JobDefinition.of("later", Schedule.at(T0.plus(Duration.ofDays(30)))).withHandler("h", "\"p\""), T0);
        store.save(JobDefinition.of("declared-once", Schedule.at(T0)), T0);
        store.save(JobDefinition.of("running", Schedule.at(T0)).withHandler("h", "\"p\""), T0);
        List<Fire> fires = store.claimDue(T0, 10, NODE).fires();
        assertThat(fires).extracting(Fire::jobId).containsExactlyInAnyOrder("once", "declared-once", "running");
        fires.stream().filter(f -> !f.jobId().equals("running"))
                .forEach(f -> store.complete(success(f, T0.plusSeconds(1))));

        store.deleteHistoryBefore(T0.plusSeconds(1)); // the runs ended at +1 s: their rows are kept
        assertThat(store.find("once")).isPresent();

        store.deleteHistoryBefore(T0.plusSeconds(2));
        assertThat(store.find("once")).as("dynamic, one-time, run, no history left").isEmpty();
        assertThat(store.find("later")).as("not due yet").isPresent();
        assertThat(store.find("declared-once")).as("declared in code").isPresent();
        assertThat(store.find("running")).as("a run in flight").isPresent();
    }

    @Test
    void theOutcomeOfARunWhoseJobWasRemovedIsRefusedAndRecordedNowhere() {
        store.save(everyMinute("a"), T0);
        Fire fire = store.claimDue(T0, 10, NODE).fires().get(0);
        assertThat(store.remove("a")).isTrue();

        CompletionResult result = store.completeAll(List.of(success(fire, T0.plusSeconds(1))));

        assertThat(result.refused()).extracting(c -> c.fire().executionId()).containsExactly(fire.executionId());
        assertThat(store.find("a")).isEmpty();
        assertThat(store.history("a", 10)).isEmpty();
    }

    @Test
    void claimLooksAtNoMoreThanTheLimit() {
        for (int i = 0; i < 5; i++) {
            store.save(everyMinute("j" + i), T0);
        }

        assertThat(store.claimDue(T0, 3, NODE).fires()).hasSize(3);
        assertThat(store.claimDue(T0, 3, NODE).fires()).hasSize(2);
    }

    @Test
    void dynamicJobKeepsItsHandlerAndPayload() {
        store.save(JobDefinition.of("mail-1", Schedule.at(T0)).withHandler("mail", "{\"to\":\"ada\"}"), T0);

        assertThat(store.find("mail-1").orElseThrow().definition()).satisfies(d -> {
            assertThat(d.handler()).isEqualTo("mail");
            assertThat(d.payload()).isEqualTo("{\"to\":\"ada\"}");
        });
        assertThat(store.markOrphans(Set.of())).isEmpty();
    }

    @Test
    void aDynamicJobSavedAgainUnderItsIdReplacesItsDefinitionInOneRow() {
        store.save(JobDefinition.of("mail-2", Schedule.at(T0.plusSeconds(5))).withHandler("mail", "{\"to\":\"ada\"}")
                .withTags(Set.of("a")), T0);
        JobDefinition again = JobDefinition.of("mail-2", Schedule.at(T0.plusSeconds(9))).withHandler("mail", "{\"to\":\"bob\"}")
                .withTags(Set.of("b"));

        store.save(again, T0.plusSeconds(1));

        assertThat(store.findAll()).singleElement().satisfies(r -> {
            assertThat(r.definition()).isEqualTo(again);
            assertThat(r.next().due()).isEqualTo(T0.plusSeconds(9));
        });
    }
}
