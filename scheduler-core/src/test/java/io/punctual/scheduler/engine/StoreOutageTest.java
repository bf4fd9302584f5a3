package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.StoreUnavailableException;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The store going away and coming back: the engine survives, keeps outcomes, fires nothing twice and catches up. */
class StoreOutageTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryJobStore real = new InMemoryJobStore();
    private volatile boolean down;
    private final JobStore store = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                if (down && !method.getName().equals("name")) {
                    throw new StoreUnavailableException("connection refused (simulated outage)", null);
                }
                try {
                    return method.invoke(real, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    private final ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store));

    @AfterEach
    void close() {
        down = false;
        manual.close();
    }

    @Test
    void engineSurvivesAnOutageAndCatchesUpByTheMisfirePolicyAfterwards() {
        RecordingJob job = new RecordingJob();
        manual.scheduler().register(JobDefinition.of("tick", Schedule.fixedRate(Duration.ofMinutes(1))), job);
        manual.runDue();

        down = true;
        for (int i = 1; i <= 5; i++) {
            clock.setInstant(START.plus(Duration.ofMinutes(i)));
            manual.tick();
        }
        assertThat(manual.scheduler().info().storeReachable()).isFalse();
        assertThat(job.runs).hasSize(1);

        down = false;
        manual.runDue();

        assertThat(manual.scheduler().info().storeReachable()).isTrue();
        assertThat(job.scheduledTimes()).containsExactly(START, START.plus(Duration.ofMinutes(5)));
        assertThat(real.history("tick", 10)).extracting(ExecutionRecord::outcome)
                .containsExactly(Outcome.SUCCESS, Outcome.COALESCED, Outcome.SUCCESS);
    }

    @Test
    void outcomeOfARunThatEndsDuringTheOutageIsKeptAndRecordedOnceTheStoreIsBack() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        manual.scheduler().register(JobDefinition.of("long", Schedule.at(START)), ctx -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
        });
        manual.tick();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        down = true;
        release.countDown();
        manual.awaitIdle();
        assertThat(real.history("long", 5)).isEmpty();

        down = false;
        manual.runDue();

        assertThat(real.history("long", 5)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
    }

}
