package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop that begins while the engine's claim is under way lets the fires of that claim run: they are in flight in the
 * store from its commit, and recorded {@code interrupted} without having run, a job with no retry left (every job by
 * default) would lose them. Seen as a rare failure of a real-clock test on MariaDB, where a claim takes long enough for a
 * close to begin during it. Real time: the claim is held in the store until the stop has begun.
 */
class StopDuringClaimTest {

    @Test
    void theFiresOfAClaimUnderWayWhenTheStopBeginsRunAndSucceed() throws Exception {
        InMemoryJobStore real = new InMemoryJobStore();
        CountDownLatch claiming = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobStore store = (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[]{JobStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("completeAndClaim") && args.length == 5 && (int) args[3] > 0
                            && real.nextDueTime().map(due -> !due.isAfter(Instant.now())).orElse(false)) {
                        claiming.countDown();
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AtomicInteger runs = new AtomicInteger();
        JobScheduler scheduler = JobScheduler.builder().store(store).nodeId("n1").build();
        scheduler.register(JobDefinition.of("once", Schedule.at(Instant.now())), ctx -> runs.incrementAndGet());
        scheduler.start();
        assertThat(claiming.await(30, TimeUnit.SECONDS)).as("the claim of the due fire began").isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(scheduler::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.info().state() == SchedulerState.STOPPING);
        release.countDown();
        stopped.get(30, TimeUnit.SECONDS);

        assertThat(runs).as("the fire claimed as the stop began ran").hasValue(1);
        assertThat(real.history("once", 5)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.SUCCESS);
        scheduler.close();
    }
}
