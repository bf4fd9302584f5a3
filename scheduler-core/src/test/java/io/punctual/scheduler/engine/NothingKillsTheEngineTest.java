package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobScope;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.event.JobStartedEvent;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Whatever a listener or a job throws, Errors included, runs end, slots are released and the loop goes on. */
class NothingKillsTheEngineTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private static final JobListener THROWS_ERRORS = new JobListener() {
        @Override
        public void jobStarted(JobStartedEvent event) {
            throw new Error("listener broke on start");
        }

        @Override
        public void jobSucceeded(JobFinishedEvent event) {
            throw new Error("listener broke on success");
        }
    };

    @Test
    void listenerThatThrowsAnErrorNeitherLosesTheOutcomeNorHoldsTheSlot() {
        MutableClock clock = MutableClock.at(START);
        AtomicInteger runs = new AtomicInteger();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).listener(THROWS_ERRORS))) {
            manual.scheduler().register(JobDefinition.of("tick", Schedule.fixedRate(Duration.ofMinutes(1))), ctx -> runs.incrementAndGet());
            manual.runDue();
            manual.advance(Duration.ofMinutes(1));

            assertThat(runs).hasValue(2);
            assertThat(manual.scheduler().history("tick", 10)).extracting(ExecutionRecord::outcome)
                    .containsExactly(Outcome.SUCCESS, Outcome.SUCCESS);
            assertThat(manual.scheduler().job("tick").orElseThrow().running()).isZero();
        }
    }

    @Test
    void loopThreadKeepsFiringAfterAJobAndAListenerThrowErrors() {
        AtomicInteger runs = new AtomicInteger();
        try (JobScheduler scheduler = JobScheduler.builder().listener(THROWS_ERRORS).pollInterval(Duration.ofMillis(100)).build()) {
            scheduler.register(JobDefinition.of("fails-hard", Schedule.fixedRate(Duration.ofMillis(50))), ctx -> {
                runs.incrementAndGet();
                throw new StackOverflowError("job broke");
            });
            scheduler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= 5);
            assertThat(scheduler.info().state()).isEqualTo("running");
            assertThat(scheduler.history("fails-hard", 1)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.FAILURE);
        }
    }

    @Test
    void jobWhoseScopeChangedBetweenRestartsLivesInExactlyOneStore() {
        MutableClock clock = MutableClock.at(START);
        InMemoryJobStore shared = new InMemoryJobStore(); // stands for the database that outlives the restarts
        JobDefinition cluster = JobDefinition.of("refresh", Schedule.fixedRate(Duration.ofMinutes(1)));
        JobDefinition node = cluster.withPolicy(JobPolicy.defaults().withScope(JobScope.NODE));
        AtomicInteger runs = new AtomicInteger();
        try (ManualScheduler first = ManualScheduler.create(JobScheduler.builder().clock(clock).store(SharedStoreView.of(shared)))) {
            first.scheduler().register(cluster, ctx -> runs.incrementAndGet());
            first.runDue();
        }
        try (ManualScheduler second = ManualScheduler.create(JobScheduler.builder().clock(clock).store(SharedStoreView.of(shared)))) {
            second.scheduler().register(node, ctx -> runs.incrementAndGet());
            assertThat(shared.find("refresh")).as("left the shared store").isEmpty();
            manual(second, clock);
            assertThat(runs).hasValue(2); // once per fire: not once from each store
        }
    }

    private static void manual(ManualScheduler scheduler, MutableClock clock) {
        clock.advance(Duration.ofMinutes(1));
        scheduler.runDue();
    }
}
