package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One script of events (failures and retries, a trigger at the instance limit, a pause across due fires, downtime
 * with coalescing, misfires under skip, catch-up without coalescing, a fixed delay) through the memory store and
 * the JPA store: the decisions live in {@code policy}, so both must write the same history.
 */
class SameHistoryInBothStoresTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void memoryAndJpaStoresRecordTheSameHistoryForOneScript() {
        List<String> memory = script(new InMemoryJobStore());
        JpaTestDatabase database = JpaTestDatabase.h2("same", "punctual_").createSchema();
        EntityManagerFactory factory = database.entityManagerFactory(Map.of());
        try {
            List<String> jpa = script(new JpaJobStore(factory));
            assertThat(jpa).isEqualTo(memory);
            assertThat(memory).hasSizeGreaterThan(15);
        } finally {
            factory.close();
        }
    }

    private static List<String> script(JobStore store) {
        MutableClock clock = MutableClock.at(T0);
        AtomicInteger flakyRuns = new AtomicInteger();
        List<String> ids = List.of("flaky", "rate", "strict", "catch-up", "delay");
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store).nodeId("n")
                .random(new SplittableRandom(7)))) {
            JobScheduler s = manual.scheduler();
            s.register(JobDefinition.of("flaky", Schedule.fixedRate(Duration.ofMinutes(1))).withPolicy(JobPolicy.defaults()
                    .withRetries(2).withRetryBackoff(Duration.ofSeconds(10))), ctx -> {
                if (flakyRuns.incrementAndGet() % 3 != 0) {
                    throw new IllegalStateException("attempt " + ctx.attempt());
                }
            });
            s.register(JobDefinition.of("rate", Schedule.fixedRate(Duration.ofSeconds(30))), ctx -> { });
            s.register(JobDefinition.of("strict", Schedule.fixedRate(Duration.ofMinutes(1))).withPolicy(JobPolicy.defaults()
                    .withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(5))), ctx -> { });
            s.register(JobDefinition.of("catch-up", Schedule.fixedRate(Duration.ofMinutes(1))).withPolicy(JobPolicy.defaults()
                    .withCoalesce(false).withMaxCatchUp(3)), ctx -> { });
            s.register(JobDefinition.of("delay", Schedule.fixedDelay(Duration.ofSeconds(45))), ctx -> { });

            manual.runUntil(T0.plus(Duration.ofMinutes(3)));
            s.trigger("rate");
            manual.runDue();
            s.pause("rate");
            manual.runUntil(T0.plus(Duration.ofMinutes(5)));
            s.resume("rate");
            manual.runDue();
            manual.advance(Duration.ofMinutes(7)); // downtime: coalesce, misfire under skip, catch-up without coalescing
            manual.runUntil(T0.plus(Duration.ofMinutes(15)));

            List<String> history = new ArrayList<>();
            for (String id : ids) {
                for (ExecutionRecord r : s.history(id, 100)) {
                    history.add(String.join(" ", id, r.outcome().word(), String.valueOf(r.scheduledTime()),
                            String.valueOf(r.startTime()), String.valueOf(r.endTime()), "attempt=" + r.attempt(),
                            "count=" + r.count(), String.valueOf(r.detail()), String.valueOf(r.error())));
                }
            }
            return history;
        }
    }
}
