package io.punctual.scheduler.store;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim takes due fires in one order whichever source they come from (the job's schedule, or a pending retry or
 * trigger): due time, then priority, then job id. So the earlier of two fires of a job at its instance limit runs, and the
 * later one meets the max-instances rule. Part of every store's contract ({@link JobStoreContractTest} implements it).
 */
public interface ClaimOrderContract {

    Instant T = Instant.parse("2026-05-04T10:00:00.000100Z");
    String NODE = "node-a";

    /** The store under test, empty at the start of each test. */
    JobStore claimOrderStore();

    private static JobDefinition oneInstance(String id) {
        return JobDefinition.of(id, Schedule.fixedRate(Duration.ofMinutes(1)));
    }

    private static PendingFire trigger(String id, Instant due) {
        return new PendingFire(id, due, due, 1, FireOrigin.TRIGGER);
    }

    /** The sample app's case: the schedule fire, due first, runs; the trigger 7 ms later finds the job at its limit. */
    @Test
    default void aScheduleFireDueBeforeATriggerRunsAndTheTriggerIsSkipped() {
        JobStore store = claimOrderStore();
        store.save(oneInstance("a"), T);
        store.addPendingFire(trigger("a", T.plusMillis(7)));

        ClaimBatch batch = store.claimDue(T.plusMillis(10), 10, NODE);

        assertThat(batch.fires()).singleElement().satisfies(f -> {
            assertThat(f.origin()).isEqualTo(FireOrigin.SCHEDULE);
            assertThat(f.scheduledTime()).isEqualTo(T);
        });
        assertThat(batch.notRun()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(r.scheduledTime()).isEqualTo(T.plusMillis(7));
            assertThat(r.detail()).startsWith("max-instances");
        });
        assertThat(store.find("a").orElseThrow().next().due()).isEqualTo(T.plus(Duration.ofMinutes(1)));
    }

    /**
     * The reverse: the trigger, due first, runs. The schedule fire then finds the job at its limit, and since it was due
     * when that run started it waits for the run's end (FirePlanner's backlog rule): it is neither run nor dropped.
     */
    @Test
    default void aTriggerDueBeforeTheScheduleFireRunsAndTheScheduleFireWaitsForIt() {
        JobStore store = claimOrderStore();
        store.save(oneInstance("a"), T.plusMillis(7));
        store.addPendingFire(trigger("a", T));

        ClaimBatch batch = store.claimDue(T.plusMillis(10), 10, NODE);

        assertThat(batch.fires()).singleElement().satisfies(f -> assertThat(f.origin()).isEqualTo(FireOrigin.TRIGGER));
        assertThat(batch.notRun()).isEmpty();
        assertThat(store.find("a").orElseThrow().next().due()).isEqualTo(T.plusMillis(7));
        Fire triggered = batch.fires().get(0);
        store.complete(new Completion(triggered, Outcome.SUCCESS, T.plusMillis(10), T.plusMillis(20), NODE, null, null, null, null));
        assertThat(store.claimDue(T.plusMillis(20), 10, NODE).fires()).singleElement().satisfies(f -> {
            assertThat(f.origin()).isEqualTo(FireOrigin.SCHEDULE);
            assertThat(f.scheduledTime()).isEqualTo(T.plusMillis(7));
        });
    }

    /**
     * At the same instant a job's pending fire goes first, so that neither is lost: the trigger runs, and the schedule
     * fire, due when that run started, waits for its end instead of being skipped.
     */
    @Test
    default void atTheSameInstantAJobsTriggerGoesFirstAndItsScheduleFireWaits() {
        JobStore store = claimOrderStore();
        store.save(oneInstance("a"), T);
        store.addPendingFire(trigger("a", T));

        ClaimBatch batch = store.claimDue(T, 10, NODE);

        assertThat(batch.fires()).singleElement().satisfies(f -> assertThat(f.origin()).isEqualTo(FireOrigin.TRIGGER));
        assertThat(batch.notRun()).isEmpty();
        store.complete(new Completion(batch.fires().get(0), Outcome.SUCCESS, T, T.plusMillis(5), NODE, null, null, null, null));
        assertThat(store.claimDue(T.plusMillis(5), 10, NODE).fires()).singleElement().satisfies(f -> {
            assertThat(f.origin()).isEqualTo(FireOrigin.SCHEDULE);
            assertThat(f.scheduledTime()).isEqualTo(T);
        });
    }

    /** A trigger due before the schedule fire, on a job that allows two runs: both run, the trigger first. */
    @Test
    default void underItsLimitAJobsFiresComeInDueOrderAcrossSources() {
        JobStore store = claimOrderStore();
        store.save(oneInstance("a").withPolicy(JobPolicy.defaults().withMaxInstances(2)), T.plusMillis(7));
        store.addPendingFire(trigger("a", T));

        assertThat(store.claimDue(T.plusMillis(10), 10, NODE).fires()).extracting(Fire::origin)
                .containsExactly(FireOrigin.TRIGGER, FireOrigin.SCHEDULE);
    }

    /**
     * With one free worker the earlier fire is claimed, whichever source it comes from; the later one is left for the next
     * claims, which decide it per policy (a trigger at the limit is skipped). A store may need more claims than another
     * to get there (a claim that decided only a skip), but each claims at most one fire, and in the same order.
     */
    @Test
    default void withOneFreeWorkerTheEarlierFireIsClaimedAndTheLaterOneLeftForTheNextClaim() {
        JobStore store = claimOrderStore();
        store.save(oneInstance("schedule-first"), T);
        store.addPendingFire(trigger("schedule-first", T.plusMillis(7)));
        store.save(oneInstance("trigger-first").withPolicy(JobPolicy.defaults().withMaxInstances(2)), T.plusSeconds(1).plusMillis(7));
        store.addPendingFire(trigger("trigger-first", T.plusSeconds(1)));

        Instant now = T.plusSeconds(2);
        List<String> decided = new ArrayList<>();
        for (int claims = 0; claims < 10; claims++) {
            ClaimBatch batch = store.claimDue(now, 1, NODE);
            if (batch.isEmpty()) {
                break;
            }
            assertThat(batch.fires()).hasSizeLessThanOrEqualTo(1);
            batch.notRun().forEach(r -> decided.add(r.outcome() + " " + r.jobId() + " " + r.scheduledTime()));
            batch.fires().forEach(f -> decided.add(f.origin() + " " + f.jobId() + " " + f.scheduledTime()));
        }

        assertThat(decided).containsExactly(
                "SCHEDULE schedule-first " + T,
                "SKIPPED schedule-first " + T.plusMillis(7),
                "TRIGGER trigger-first " + T.plusSeconds(1),
                "SCHEDULE trigger-first " + T.plusSeconds(1).plusMillis(7));
    }

    /**
     * Retries and schedule fires of different jobs, more due than free workers: the claim takes the earliest, across
     * sources, and leaves the rest, in the same order, to the next claims.
     */
    @Test
    default void retriesAndScheduleFiresOfDifferentJobsAreClaimedInDueOrder() {
        JobStore store = claimOrderStore();
        for (int i = 0; i < 6; i++) {
            String id = "job-" + i;
            if (i % 2 == 0) {
                store.save(oneInstance(id), T.plusMillis(i));
            } else { // a retry of a fire that failed, due at T + i ms; the job's own next fire is far off
                store.save(oneInstance(id).withInitialDelay(Duration.ofHours(1)), T);
                store.addPendingFire(new PendingFire(id, T.plusMillis(i), T.minusSeconds(10), 2, FireOrigin.RETRY));
            }
        }

        Instant now = T.plusSeconds(1);
        List<String> first = store.claimDue(now, 4, NODE).fires().stream().map(ClaimOrderContract::describe).toList();
        List<String> rest = store.claimDue(now, 4, NODE).fires().stream().map(ClaimOrderContract::describe).toList();

        assertThat(first).containsExactly("job-0 SCHEDULE", "job-1 RETRY", "job-2 SCHEDULE", "job-3 RETRY");
        assertThat(rest).containsExactly("job-4 SCHEDULE", "job-5 RETRY");
    }

    /**
     * Fires a claim decides without running them (retries held back by their paused jobs) take no worker, yet the
     * fires after them still come in order: the retry due before the schedule fire runs first, in the same claim or an
     * earlier one. (A store that reads a bounded number of rows of each source may stop at the last row it read.)
     */
    @Test
    default void heldRetriesLetNoLaterFirePassAnEarlierOne() {
        JobStore store = claimOrderStore();
        for (String id : List.of("paused-1", "paused-2", "retried")) {
            store.save(oneInstance(id).withInitialDelay(Duration.ofHours(1)), T);
        }
        store.setPaused("paused-1", true);
        store.setPaused("paused-2", true);
        store.addPendingFire(new PendingFire("paused-1", T.plusMillis(1), T.minusSeconds(10), 2, FireOrigin.RETRY));
        store.addPendingFire(new PendingFire("paused-2", T.plusMillis(2), T.minusSeconds(10), 2, FireOrigin.RETRY));
        store.addPendingFire(new PendingFire("retried", T.plusMillis(3), T.minusSeconds(10), 2, FireOrigin.RETRY));
        store.save(oneInstance("scheduled"), T.plusMillis(4));

        List<String> claimed = new ArrayList<>();
        for (int claims = 0; claims < 5; claims++) {
            store.claimDue(T.plusSeconds(1), 2, NODE).fires().forEach(f -> claimed.add(describe(f)));
        }

        assertThat(claimed).containsExactly("retried RETRY", "scheduled SCHEDULE");
    }

    /** At one instant, priority then job id decide across sources, as they do among schedule fires. */
    @Test
    default void atOneInstantPriorityThenJobIdDecideAcrossSources() {
        JobStore store = claimOrderStore();
        store.save(oneInstance("b-schedule"), T);
        store.save(oneInstance("a-trigger").withInitialDelay(Duration.ofHours(1)), T);
        store.addPendingFire(trigger("a-trigger", T));
        store.save(oneInstance("c-urgent").withPolicy(JobPolicy.defaults().withPriority(5)).withInitialDelay(Duration.ofHours(1)), T);
        store.addPendingFire(trigger("c-urgent", T));

        assertThat(store.claimDue(T, 10, NODE).fires()).extracting(Fire::jobId)
                .containsExactly("c-urgent", "a-trigger", "b-schedule");
    }

    private static String describe(Fire fire) {
        return fire.jobId() + " " + fire.origin();
    }
}
