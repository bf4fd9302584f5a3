package io.punctual.scheduler.store.memory;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.PendingFire;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory store does not hold every dynamic one-time job it ever ran: the newest
 * {@link InMemoryJobStore#FINISHED_KEPT} finished ones stay visible with their history, older ones are forgotten,
 * so a node scheduling thousands of one-time jobs a second keeps a bounded heap.
 */
class FinishedOneTimeJobsTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private static void runOnce(InMemoryJobStore store, String id) {
        store.save(JobDefinition.of(id, Schedule.at(T0)).withHandler("h", "\"p\""), T0);
        List<Fire> fires = store.claimDue(T0, 1, "n").fires();
        assertThat(fires).extracting(Fire::jobId).containsExactly(id);
        store.completeAll(List.of(new Completion(fires.get(0), Outcome.SUCCESS, T0, T0.plusMillis(1), "n", null, null, null, null)));
    }

    @Test
    void theNewestFinishedOneTimeJobsStayVisibleAndOlderOnesAreForgotten() {
        InMemoryJobStore store = new InMemoryJobStore();
        int total = InMemoryJobStore.FINISHED_KEPT + 5;
        for (int i = 0; i < total; i++) {
            runOnce(store, "job-" + i);
        }

        assertThat(store.find("job-0")).as("among the oldest finished: forgotten").isEmpty();
        assertThat(store.find("job-4")).isEmpty();
        assertThat(store.find("job-5")).as("the oldest one kept").isPresent();
        assertThat(store.find("job-" + (total - 1))).hasValueSatisfying(r -> {
            assertThat(r.next()).isNull();
            assertThat(r.lastOutcome()).isEqualTo(Outcome.SUCCESS);
        });
        assertThat(store.history("job-" + (total - 1), 5)).extracting(r -> r.outcome()).containsExactly(Outcome.SUCCESS);
        assertThat(store.findAll()).hasSize(InMemoryJobStore.FINISHED_KEPT);
    }

    @Test
    void aFinishedJobTriggeredAgainRunsAgainAndDeclaredOrRecurringJobsAreNeverForgotten() {
        InMemoryJobStore store = new InMemoryJobStore();
        store.save(JobDefinition.of("declared", Schedule.at(T0)), T0);
        store.save(JobDefinition.of("recurring", Schedule.fixedRate(Duration.ofHours(1))).withHandler("h", "\"p\""), T0);
        runOnce(store, "again");
        store.addPendingFire(new PendingFire("again", T0, T0, 1, FireOrigin.TRIGGER, null));
        List<Fire> fires = store.claimDue(T0, 10, "n").fires();
        assertThat(fires).extracting(Fire::jobId).contains("again", "declared", "recurring");
        fires.forEach(f -> store.completeAll(List.of(new Completion(f, Outcome.SUCCESS, T0, T0.plusMillis(1), "n", null, null, null, null))));

        for (int i = 0; i < InMemoryJobStore.FINISHED_KEPT + 1; i++) {
            runOnce(store, "filler-" + i);
        }
        assertThat(store.find("again")).as("dynamic, one-time, finished long ago").isEmpty();
        assertThat(store.find("declared")).as("declared in code").isPresent();
        assertThat(store.find("recurring")).as("recurring").isPresent();
    }

    @Test
    void historyPurgedToNothingForgetsAFinishedJob() {
        InMemoryJobStore store = new InMemoryJobStore();
        runOnce(store, "old");
        store.deleteHistoryBefore(T0.plusSeconds(1));
        assertThat(store.find("old")).isEmpty();
    }
}
