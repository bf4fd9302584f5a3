package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.PayloadCodec;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store may answer a claim with fewer fires than asked for even though more are due: the JPA store locks at most
 * {@link JobStore#maxClaim} jobs in one transaction. A node with more free slots than that must ask for no more, so
 * that a claim that comes back with all it asked for reads as "more may be due" and the next claim follows at once,
 * instead of being taken for the end of the backlog.
 */
class ClaimCapTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
    private static final int CAP = 3;
    private static final int JOBS = 7;

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryJobStore real = new InMemoryJobStore();
    private final List<Integer> asked = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final JobRegistry registry = new JobRegistry(PayloadCodec.strings());
    private final Listeners listeners = new Listeners(List.of());
    /** One worker and a queue of 9: 10 slots, more than the store's cap. A test's clock: no claim ahead, no estimate. */
    private final EngineSettings settings = new EngineSettings("node-a", Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofDays(1), 1, 9, false, false);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    /** The memory store, answering at most {@link #CAP} fires a claim, and saying so; every claim's limit is recorded. */
    private JobStore capped() {
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[]{JobStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("maxClaim")) {
                        return CAP;
                    }
                    if (method.getName().equals("completeAndClaim") && args.length == 5) {
                        asked.add((Integer) args[3]);
                        args[3] = Math.min((Integer) args[3], CAP);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aNodeAsksForNoMoreThanTheStoreClaimsAtOnceAndClaimsAgainWhileItGetsAllItAskedFor() {
        for (int i = 0; i < JOBS; i++) {
            String id = "job-" + i;
            real.save(JobDefinition.of(id, Schedule.at(START)), START);
            registry.putJob(id, ctx -> release.await(30, TimeUnit.SECONDS));
        }
        StoreLane lane = new StoreLane(capped(), clock, settings, listeners, () -> { });
        RunExecutor runs = new RunExecutor(clock, pool, settings.slots(), registry, listeners, new Random(1), "node-a",
                () -> { }, () -> { });

        Instant first = lane.pass(runs, true, false, false);
        Instant second = lane.pass(runs, true, false, false);
        Instant third = lane.pass(runs, true, false, false);

        assertThat(asked).as("the limits asked for").containsExactly(CAP, CAP, CAP);
        assertThat(first).as("after a claim of all it asked for: at once").isEqualTo(clock.instant());
        assertThat(second).as("after a claim of all it asked for: at once").isEqualTo(clock.instant());
        assertThat(runs.inFlightCount()).as("fires claimed").isEqualTo(JOBS);
        assertThat(third).as("the backlog claimed: nothing more is due, look again when woken").isNull();
    }
}
