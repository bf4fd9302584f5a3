package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.StoreUnavailableException;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.lang.reflect.Proxy;
import java.sql.SQLSyntaxErrorException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class JobsHealthIndicatorTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final MutableClock clock = MutableClock.at(START);
    private final ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1"));
    private final JobScheduler scheduler = manual.scheduler();
    private final JobsHealthIndicator health = new JobsHealthIndicator(scheduler, clock, 3, Duration.ofMinutes(5));
    private final AtomicBoolean failing = new AtomicBoolean(true);

    @AfterEach
    void close() {
        manual.close();
    }

    @Test
    void isUpWithTheSchedulerRunningAndNoJobAtFault() {
        scheduler.register(JobDefinition.of("ok", Schedule.fixedRate(MINUTE)), context -> { });
        manual.runDue();

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("state", "running").containsEntry("store", "memory")
                .containsEntry("node", "n1").containsEntry("storeReachable", true).containsEntry("storeStatus", "reachable")
                .containsEntry("jobs", 1).doesNotContainKeys("failing", "overdue", "storeError");
    }

    @Test
    void goesDownWhenAJobFailsTheThresholdNumberOfTimesInARowAndNamesIt() {
        scheduler.register(JobDefinition.of("flaky", Schedule.fixedRate(MINUTE)), this::maybeFail);

        manual.runUntil(START.plus(MINUTE));          // 2 failures
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        manual.runUntil(START.plus(MINUTE.multipliedBy(2)));   // 3 failures

        Health h = health.health();
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).extractingByKey("failing").isEqualTo(Map.of("flaky",
                Map.of("consecutiveFailures", 3, "lastOutcome", "failure", "maxConsecutiveFailures", 3)));
    }

    @Test
    void isBackUpAfterTheFailingJobSucceeds() {
        scheduler.register(JobDefinition.of("flaky", Schedule.fixedRate(MINUTE)), this::maybeFail);
        manual.runUntil(START.plus(MINUTE.multipliedBy(2)));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

        failing.set(false);
        manual.runUntil(START.plus(MINUTE.multipliedBy(3)));

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void goesDownWhenADueFireHasNotStartedWithinOverdueAfterAndUpOnceItRuns() {
        scheduler.register(JobDefinition.of("report", Schedule.fixedRate(Duration.ofHours(1))), context -> { });
        manual.runDue();                                            // next fire due at START + 1h

        clock.setInstant(START.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(5)));   // exactly at the limit
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        clock.advance(Duration.ofSeconds(1));                       // the engine never claimed it

        Health h = health.health();
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).extractingByKey("overdue").isEqualTo(Map.of("report", Map.of(
                "nextFireTime", "2026-05-04T09:00:00Z", "overdueBy", "PT5M1S", "overdueAfter", "PT5M")));

        manual.runDue();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void pausedJobsAreNotOverdue() {
        scheduler.register(JobDefinition.of("report", Schedule.fixedRate(Duration.ofHours(1))), context -> { });
        manual.runDue();
        scheduler.pause("report");

        clock.advance(Duration.ofHours(2));

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void goesDownWhenTheSchedulerIsStopped() {
        scheduler.stop();

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsEntry("state", "stopped");
    }

    @Test
    void saysClosedOnceTheSchedulerIsClosed() {
        scheduler.close();

        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsEntry("state", "closed");
    }

    @Test
    void goesDownWhileTheStoreIsUnreachableAndUpWhenItIsBack() {
        InMemoryJobStore real = new InMemoryJobStore();
        AtomicBoolean down = new AtomicBoolean();
        JobStore failing = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                    if (down.get() && !method.getName().equals("name")) {
                        throw new StoreUnavailableException("connection refused (simulated outage)", null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (ManualScheduler outage = ManualScheduler.create(JobScheduler.builder().clock(clock).store(failing))) {
            outage.scheduler().register(JobDefinition.of("tick", Schedule.fixedRate(Duration.ofMinutes(1))), ctx -> { });
            outage.runDue();
            JobsHealthIndicator indicator = new JobsHealthIndicator(outage.scheduler(), clock, 3, Duration.ofMinutes(5));
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            down.set(true);
            clock.advance(Duration.ofMinutes(1));
            outage.tick();
            Health h = indicator.health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsEntry("storeReachable", false).containsEntry("storeStatus", "unreachable")
                    .containsEntry("storeError", "connection refused (simulated outage)");

            down.set(false);
            outage.runDue();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    /**
     * The database answers and refuses the claim (PostgreSQL's words for a column the claim reads that is not there):
     * DOWN as for an unreachable store, and the details say refusing, with the database's message.
     */
    @Test
    void goesDownWhileTheStoreRefusesTheClaimAndSaysRefusingWithTheDatabasesMessage() {
        InMemoryJobStore real = new InMemoryJobStore();
        AtomicBoolean refusing = new AtomicBoolean();
        AtomicBoolean refusingAll = new AtomicBoolean();
        JobStore store = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                    if (refusingAll.get() && !method.getName().equals("name")
                            || refusing.get() && method.getName().equals("completeAndClaim")) {
                        throw new IllegalStateException("could not execute statement", new SQLSyntaxErrorException(
                                "ERROR: column j.claim_due does not exist", "42703"));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (ManualScheduler refused = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store))) {
            refused.scheduler().register(JobDefinition.of("tick", Schedule.fixedRate(Duration.ofMinutes(1))), ctx -> { });
            refused.runDue();
            JobsHealthIndicator indicator = new JobsHealthIndicator(refused.scheduler(), clock, 3, Duration.ofMinutes(5));

            refusing.set(true);
            clock.advance(Duration.ofMinutes(1));
            refused.tick();
            Health h = indicator.health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsEntry("storeReachable", false).containsEntry("storeStatus", "refusing")
                    .containsEntry("storeError", "ERROR: column j.claim_due does not exist (SQL state 42703)")
                    .containsEntry("jobs", 1);

            refusingAll.set(true); // the indicator's own read is refused too
            h = indicator.health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsEntry("storeReachable", false).containsEntry("storeStatus", "refusing")
                    .containsEntry("storeError", "ERROR: column j.claim_due does not exist (SQL state 42703)");

            refusingAll.set(false);
            refusing.set(false);
            refused.runDue();
            h = indicator.health();
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails()).containsEntry("storeStatus", "reachable").doesNotContainKey("storeError");
        }
    }

    private void maybeFail(io.punctual.scheduler.JobContext context) {
        if (failing.get()) {
            throw new IllegalStateException("upstream down");
        }
    }
}
