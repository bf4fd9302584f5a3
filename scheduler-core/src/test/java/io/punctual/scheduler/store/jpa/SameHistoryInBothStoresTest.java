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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One script of events (failures and retries, a trigger at the instance limit, a pause across due fires, a trigger due
 * just after a schedule fire not claimed yet, downtime with coalescing, misfires under skip, catch-up without coalescing,
 * a fixed delay, a trigger skipped between two skipped schedule fires) through the memory store and
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
            assertThat(memory).filteredOn(line -> line.startsWith("single ") && line.contains("12:05:2")).containsExactly(
                    "single success 2026-06-01T12:05:20Z 2026-06-01T12:05:20.007Z 2026-06-01T12:05:21.007Z attempt=1 count=1 null null",
                    "single skipped 2026-06-01T12:05:20.007Z null 2026-06-01T12:05:20.007Z attempt=1 count=1"
                            + " max-instances; trigger due 2026-06-01T12:05:20.007Z null");
            // a trigger while a run is in flight between two skipped schedule fires: a row of its own saying it was a
            // trigger, not folded into the schedule's skip summary, which does not run on across it either
            assertThat(memory).filteredOn(line -> line.startsWith("busy ")).containsExactly(
                    "busy success 2026-06-01T12:16:15Z 2026-06-01T12:16:15Z 2026-06-01T12:18:16Z attempt=1 count=1 null null",
                    "busy skipped 2026-06-01T12:18:15Z null 2026-06-01T12:18:15Z attempt=1 count=1"
                            + " max-instances; due 2026-06-01T12:18:15Z null",
                    "busy skipped 2026-06-01T12:17:20Z null 2026-06-01T12:17:20Z attempt=1 count=1"
                            + " max-instances; trigger due 2026-06-01T12:17:20Z null",
                    "busy skipped 2026-06-01T12:17:15Z null 2026-06-01T12:17:15Z attempt=1 count=1"
                            + " max-instances; due 2026-06-01T12:17:15Z null");
        } finally {
            factory.close();
        }
    }

    private static List<String> script(JobStore store) {
        MutableClock clock = MutableClock.at(T0);
        AtomicInteger flakyRuns = new AtomicInteger();
        List<String> ids = List.of("flaky", "rate", "strict", "catch-up", "delay", "single", "busy");
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
            AtomicReference<CountDownLatch> singleGate = new AtomicReference<>();
            s.register(JobDefinition.of("single", Schedule.fixedRate(Duration.ofMinutes(1))).withInitialDelay(Duration.ofSeconds(20)),
                    ctx -> {
                        CountDownLatch gate = singleGate.get();
                        if (gate != null) {
                            gate.await();
                        }
                    });

            AtomicReference<CountDownLatch> busyGate = new AtomicReference<>();
            s.register(JobDefinition.of("busy", Schedule.fixedRate(Duration.ofMinutes(1))
                    .between(T0.plus(Duration.ofMinutes(16)).plusSeconds(15), null)), ctx -> busyGate.get().await());

            manual.runUntil(T0.plus(Duration.ofMinutes(3)));
            s.trigger("rate");
            manual.runDue();
            s.pause("rate");
            manual.runUntil(T0.plus(Duration.ofMinutes(5)));
            s.resume("rate");
            manual.runDue();
            // single's fire due at 5:20 and a trigger 7 ms later, claimed together: the schedule fire runs (until a second
            // later, so that its row and the skip's do not end at one instant), the trigger is skipped
            CountDownLatch gate = new CountDownLatch(1);
            singleGate.set(gate);
            clock.setInstant(T0.plus(Duration.ofMinutes(5)).plusSeconds(20).plusMillis(7));
            s.trigger("single");
            manual.tick();
            singleGate.set(null);
            clock.advance(Duration.ofSeconds(1));
            gate.countDown();
            manual.runDue();
            manual.advance(Duration.ofMinutes(7)); // downtime: coalesce, misfire under skip, catch-up without coalescing
            manual.runUntil(T0.plus(Duration.ofMinutes(15)));
            // busy's first run holds on (max-instances 1) while its next fire, a trigger and the fire after are due
            CountDownLatch busy = new CountDownLatch(1);
            busyGate.set(busy);
            manual.runUntil(T0.plus(Duration.ofMinutes(16)));
            clock.setInstant(T0.plus(Duration.ofMinutes(16)).plusSeconds(15));
            manual.tick();
            clock.setInstant(T0.plus(Duration.ofMinutes(17)).plusSeconds(15));
            manual.tick();
            clock.setInstant(T0.plus(Duration.ofMinutes(17)).plusSeconds(20));
            s.trigger("busy");
            manual.tick();
            clock.setInstant(T0.plus(Duration.ofMinutes(18)).plusSeconds(15));
            manual.tick();
            clock.advance(Duration.ofSeconds(1));
            busy.countDown();
            manual.runDue();

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
