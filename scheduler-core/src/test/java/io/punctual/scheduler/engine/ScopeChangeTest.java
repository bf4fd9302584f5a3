package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobScope;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A job whose scope changed between restarts lives in exactly one store, so it runs once per fire. */
class ScopeChangeTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

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
