package io.punctual.scheduler.engine;

import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.event.JobMissedEvent;
import io.punctual.scheduler.event.JobStartedEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection (issue 9, "a loop that cannot die"): a listener that throws an {@link Error}, not an exception,
 * must neither leak the run's max-instances slot nor stop the scheduler.
 */
class ListenerErrorTest {

    @Test
    void aListenerThrowingAnErrorWhenARunStartsAndEndsDoesNotKeepTheJobFromFiringAgain() {
        AtomicInteger runs = new AtomicInteger();
        JobListener throwing = new JobListener() {
            @Override
            public void jobStarted(JobStartedEvent event) {
                throw new AssertionError("a listener's bug");
            }

            @Override
            public void jobSucceeded(JobFinishedEvent event) {
                throw new AssertionError("a listener's bug");
            }
        };
        try (JobScheduler scheduler = JobScheduler.builder().listener(throwing).build()) {
            scheduler.register(JobDefinition.of("fast", Schedule.fixedRate(Duration.ofMillis(50))), ctx -> runs.incrementAndGet());
            scheduler.start();

            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(runs).as("runs of a 50 ms fixed rate whose listener throws an Error at every start and end").hasValueGreaterThanOrEqualTo(5));
        }
    }

    @Test
    void aListenerThrowingAnErrorOnTheSchedulersOwnThreadDoesNotStopTheScheduler() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger skips = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobListener throwing = new JobListener() {
            @Override
            public void jobSkipped(JobMissedEvent event) {
                skips.incrementAndGet();
                throw new AssertionError("a listener's bug");
            }
        };
        try (JobScheduler scheduler = JobScheduler.builder().listener(throwing).build()) {
            // one instance; the first run holds until released: a trigger meanwhile is skipped, told from the loop
            scheduler.register(JobDefinition.of("slow", Schedule.fixedRate(Duration.ofHours(1)))
                    .withPolicy(JobPolicy.defaults().withMaxInstances(1)), ctx -> {
                if (runs.incrementAndGet() == 1) {
                    running.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
            });
            scheduler.start();
            assertThat(running.await(10, TimeUnit.SECONDS)).as("the first run started").isTrue();

            scheduler.trigger("slow");
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(skips).as("the trigger found the job at its limit").hasValue(1));
            release.countDown();

            // the loop survived the listener's Error: a trigger now runs
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> scheduler.info().state() == SchedulerState.RUNNING
                    && scheduler.history("slow", 10).stream().anyMatch(r -> r.outcome() == io.punctual.scheduler.Outcome.SUCCESS));
            scheduler.trigger("slow");
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(runs).as("runs after the skip").hasValue(2));
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
        }
    }
}
