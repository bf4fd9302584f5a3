package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.LogCapture;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.ClaimBatch;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.CompletionResult;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.FireOrigin;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.PendingFire;
import io.punctual.scheduler.store.StoreUnavailableException;
import io.punctual.scheduler.store.Turnover;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link OutcomeQueue}'s handling of an outcome the store refuses, on a memory store that refuses, like a database
 * constraint would, every batch holding an error text with "poison" (the real refusals by H2, PostgreSQL and MariaDB are
 * in {@code RefusedOutcomeScenarios}). Time is a manual clock; nothing sleeps.
 */
class OutcomeQueueRefusalTest {

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(1);

    private final MutableClock clock = MutableClock.at(T0);
    private final InMemoryJobStore real = new InMemoryJobStore();
    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile boolean refuseNotes;
    private final AtomicInteger transientFailures = new AtomicInteger();
    private final JobStore store = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                if (down && !method.getName().equals("name")) {
                    throw new StoreUnavailableException("connection refused (simulated outage)", null);
                }
                if (method.getName().equals("completeAll")) {
                    @SuppressWarnings("unchecked")
                    List<Completion> completions = (List<Completion>) args[0];
                    batches.add(completions.size());
                    refuse(completions);
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final AtomicInteger released = new AtomicInteger();
    private final OutcomeQueue queue = new OutcomeQueue(store, released::incrementAndGet, clock::instant, POLL);

    private void refuse(List<Completion> completions) {
        for (Completion c : completions) {
            String error = String.valueOf(c.error());
            if (error.contains("poison") || (refuseNotes && error.contains("refused by the store"))) {
                throw new IllegalStateException("CHECK constraint no_poison violated");
            }
            if (error.contains("deadlock") && transientFailures.getAndDecrement() > 0) {
                throw new IllegalStateException(new SQLTransactionRollbackException("deadlock detected", "40P01"));
            }
        }
    }

    /** {@code n} jobs claimed, their failed outcomes with error texts {@code errors}. */
    private List<Completion> failedRuns(String... errors) {
        for (int i = 0; i < errors.length; i++) {
            real.save(JobDefinition.of("job-" + i, Schedule.fixedDelay(Duration.ofMinutes(1))), T0);
        }
        List<Fire> fires = new ArrayList<>(real.claimDue(T0, errors.length, "n").fires());
        fires.sort(java.util.Comparator.comparing(Fire::jobId));
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            Fire f = fires.get(i);
            completions.add(new Completion(f, Outcome.FAILURE, T0, T0.plusSeconds(1), "n", errors[i], "a detail",
                    new PendingFire(f.jobId(), T0.plusSeconds(5), T0, 2, FireOrigin.RETRY, "a note"), null));
        }
        return completions;
    }

    private ExecutionRecord recorded(Completion c) {
        return real.history(c.fire().jobId(), 10).stream().filter(r -> r.executionId().equals(c.fire().executionId()))
                .findFirst().orElseThrow(() -> new AssertionError("not recorded: " + c.fire().executionId()));
    }

    @Test
    void aRefusedOutcomeInABatchIsFoundByHalvingAndRecordedShortenedWhileTheOthersAreRecordedAsTheyAre() {
        List<Completion> runs = failedRuns("x.A: 0", "x.A: 1", "x.A: 2", "x.A: 3", "x.A: 4", "x.A: poison", "x.A: 6", "x.A: 7");
        runs.forEach(queue::add);

        try (LogCapture log = LogCapture.start()) {
            queue.writeAll();

            assertThat(log.lines("ERROR")).singleElement().satisfies(l -> assertThat(l).contains("'job-5'")
                    .contains(runs.get(5).fire().executionId()).contains("CHECK constraint no_poison violated")
                    .contains("The original error (11 characters): x.A: poison"));
        }
        assertThat(queue.size()).isZero();
        assertThat(queue.held()).isZero();
        for (int i = 0; i < runs.size(); i++) {
            ExecutionRecord r = recorded(runs.get(i));
            assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(r.error()).isEqualTo(i == 5 ? OutcomeText.refusedNote(11) : "x.A: " + i);
            assertThat(r.detail()).isEqualTo(i == 5 ? OutcomeText.refusedNote(8) : "a detail");
        }
        // the refused one's effects as the original's: its slot released, its retry queued
        assertThat(real.find("job-5").orElseThrow().running()).isZero();
        assertThat(real.find("job-5").orElseThrow().pendingFires()).isEqualTo(1);
        assertThat(real.find("job-5").orElseThrow().consecutiveFailures()).isEqualTo(1);
        // 8 (refused), 4 (taken), 4 (refused), 2 (refused), 1 (taken), 1 (refused), its shortened form, 2 (taken)
        assertThat(batches).containsExactly(8, 4, 4, 2, 1, 1, 1, 2);
        assertThat(released).hasPositiveValue();
    }

    @Test
    void twoRefusedOutcomesInOneBatchAreEachFoundAndLoggedOnce() {
        List<Completion> runs = failedRuns("x.A: poison 0", "x.A: 1", "x.A: 2", "x.A: 3", "x.A: poison 4");
        runs.forEach(queue::add);

        try (LogCapture log = LogCapture.start()) {
            queue.writeAll();

            assertThat(log.lines("ERROR")).hasSize(2).anySatisfy(l -> assertThat(l).contains(runs.get(0).fire().executionId()))
                    .anySatisfy(l -> assertThat(l).contains(runs.get(4).fire().executionId()));
        }
        assertThat(runs).extracting(c -> recorded(c).error()).containsExactly(OutcomeText.refusedNote(13), "x.A: 1", "x.A: 2",
                "x.A: 3", OutcomeText.refusedNote(13));
        assertThat(queue.size() + queue.held()).isZero();
    }

    @Test
    void aClaimFailingWithItsOutcomesIsMadeAloneAndTheOutcomesAreWrittenApartAfterIt() {
        List<Completion> runs = failedRuns("x.A: fine", "x.A: poison");
        runs.forEach(queue::add);
        List<Integer> offered = new ArrayList<>();

        Turnover turnover = queue.writeWith(done -> {
            offered.add(done.size());
            CompletionResult completed = done.isEmpty() ? CompletionResult.NOTHING : store.completeAll(done);
            return new Turnover(completed, ClaimBatch.EMPTY, Optional.empty());
        });

        assertThat(turnover.claimed()).isEqualTo(ClaimBatch.EMPTY);
        assertThat(offered).containsExactly(2, 0);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.hasWorkApart()).isTrue();

        queue.writeApartIfIdle();

        assertThat(queue.size()).isZero();
        assertThat(recorded(runs.get(0)).error()).isEqualTo("x.A: fine");
        assertThat(recorded(runs.get(1)).error()).isEqualTo(OutcomeText.refusedNote(11));
    }

    @Test
    void whenTheClaimAloneFailsTooTheStoreIsTakenAsUnreachableAndTheOutcomesStayQueuedInOrder() {
        List<Completion> runs = failedRuns("x.A: 0", "x.A: 1");
        runs.forEach(queue::add);
        List<Integer> offered = new ArrayList<>();

        assertThatThrownBy(() -> queue.writeWith(done -> {
            offered.add(done.size());
            throw new IllegalStateException("the claim fails as well: attempt " + offered.size());
        })).hasMessageContaining("attempt 2").satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));

        assertThat(offered).containsExactly(2, 0);
        assertThat(queue.hasWorkApart()).isFalse();
        List<List<Completion>> handed = new ArrayList<>();
        queue.writeWith(done -> {
            handed.add(done);
            return new Turnover(CompletionResult.NOTHING, ClaimBatch.EMPTY, Optional.empty());
        });
        assertThat(handed).containsExactly(runs);
    }

    @Test
    void anUnreachableStoreIsNotAskedForTheClaimAloneNorSplit() {
        List<Completion> runs = failedRuns("x.A: 0", "x.A: poison");
        runs.forEach(queue::add);
        down = true;
        List<Integer> offered = new ArrayList<>();

        assertThatThrownBy(() -> queue.writeWith(done -> {
            offered.add(done.size());
            return store.completeAndClaim(done, T0, 8, "n");
        })).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(queue::writeAll).isInstanceOf(StoreUnavailableException.class);

        assertThat(offered).containsExactly(2);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.hasWorkApart()).isFalse();
        assertThat(batches).isEmpty();

        down = false;
        queue.writeAll();
        assertThat(queue.size()).isZero();
        assertThat(recorded(runs.get(1)).error()).isEqualTo(OutcomeText.refusedNote(11));
    }

    @Test
    void aShortenedFormRefusedTooIsHeldAndTriedAgainWithBackoffUpToThePollIntervalWithoutHoldingUpOthers() {
        refuseNotes = true;
        List<Completion> runs = failedRuns("x.A: poison", "x.A: 1");
        queue.add(runs.get(0));

        try (LogCapture log = LogCapture.start()) {
            queue.writeAll();
            assertThat(log.lines("ERROR")).singleElement().satisfies(l -> assertThat(l)
                    .contains(runs.get(0).fire().executionId()).contains("was refused too"));
        }
        assertThat(queue.held()).isEqualTo(1);
        assertThat(queue.size()).isZero();
        assertThat(queue.nextRetry()).isEqualTo(T0.plusMillis(100));
        assertThat(queue.hasWorkApart()).isFalse();

        queue.add(runs.get(1)); // others go on meanwhile
        queue.writeAll();
        assertThat(recorded(runs.get(1)).error()).isEqualTo("x.A: 1");

        List<Instant> tries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.setInstant(queue.nextRetry());
            tries.add(clock.instant());
            assertThat(queue.hasWorkApart()).isTrue();
            queue.writeApartIfIdle();
        }
        assertThat(tries).containsExactly(T0.plusMillis(100), T0.plusMillis(300), T0.plusMillis(700), T0.plusMillis(1500),
                T0.plusMillis(2500), T0.plusMillis(3500));
        assertThat(queue.held()).isEqualTo(1);
        assertThat(real.find("job-0").orElseThrow().running()).isEqualTo(1);

        refuseNotes = false;
        clock.setInstant(queue.nextRetry());
        queue.writeApartIfIdle();

        assertThat(queue.held()).isZero();
        assertThat(queue.nextRetry()).isNull();
        assertThat(recorded(runs.get(0)).error()).isEqualTo(OutcomeText.refusedNote(11));
        assertThat(real.find("job-0").orElseThrow().running()).isZero();
    }

    @Test
    void aHeldOutcomeIsTriedOnceMoreWhenTheSchedulerStops() {
        refuseNotes = true;
        List<Completion> runs = failedRuns("x.A: poison");
        queue.add(runs.get(0));
        queue.writeAll();
        assertThat(queue.held()).isEqualTo(1);

        refuseNotes = false;
        queue.writeAll(false);
        assertThat(queue.held()).as("its retry is not due").isEqualTo(1);
        queue.writeAll(true);
        assertThat(queue.held()).isZero();
        assertThat(recorded(runs.get(0)).error()).isEqualTo(OutcomeText.refusedNote(11));
    }

    @Test
    void anOutcomeThatFailsAloneWithATransientErrorIsTriedAgainAsItIsNotShortened() {
        transientFailures.set(2); // the batch's try and the lone try fail; the next one passes
        List<Completion> runs = failedRuns("x.A: deadlock victim once", "x.A: 1");
        runs.forEach(queue::add);

        try (LogCapture log = LogCapture.start()) {
            queue.writeAll();
            assertThat(queue.held()).isEqualTo(1);
            clock.setInstant(queue.nextRetry());
            queue.writeApartIfIdle();
            assertThat(log.lines("ERROR")).isEmpty();
        }
        assertThat(queue.held()).isZero();
        assertThat(recorded(runs.get(0)).error()).isEqualTo("x.A: deadlock victim once");
        assertThat(recorded(runs.get(1)).error()).isEqualTo("x.A: 1");
    }

    @Test
    void anOutageWhileTheRefusedOneIsSoughtKeepsTheRestForWhenTheStoreAnswers() {
        List<Completion> runs = failedRuns("x.A: 0", "x.A: poison", "x.A: 2", "x.A: 3");
        runs.forEach(queue::add);
        queue.writeWith(done -> {
            if (!done.isEmpty()) {
                store.completeAll(done);
            }
            return new Turnover(CompletionResult.NOTHING, ClaimBatch.EMPTY, Optional.empty());
        });
        assertThat(queue.size()).isEqualTo(4);

        down = true;
        assertThatThrownBy(queue::writeApartIfIdle).isInstanceOf(StoreUnavailableException.class);
        assertThat(queue.size()).isEqualTo(4);

        down = false;
        queue.writeApartIfIdle();
        assertThat(queue.size()).isZero();
        assertThat(runs).extracting(c -> recorded(c).error())
                .containsExactly("x.A: 0", OutcomeText.refusedNote(11), "x.A: 2", "x.A: 3");
    }
}
