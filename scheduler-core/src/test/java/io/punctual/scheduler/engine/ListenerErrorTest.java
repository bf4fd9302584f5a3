package io.punctual.scheduler.engine;

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
    void aListenerThrowingAnErrorOnTheSchedulersOwnThreadDoesNotStopTheScheduler() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger skips = new AtomicInteger();
        JobListener throwing = new JobListener() {
            @Override
            public void jobSkipped(JobMissedEvent event) {
                skips.incrementAndGet();
                throw new AssertionError("a listener's bug");
            }
        };
        try (JobScheduler scheduler = JobScheduler.builder().listener(throwing).build()) {
            // runs of 300 ms every 50 ms with one instance: the fires in between are skipped, told from the loop
            scheduler.register(JobDefinition.of("slow", Schedule.fixedRate(Duration.ofMillis(50)))
                    .withPolicy(JobPolicy.defaults().withMaxInstances(1).withCoalesce(false)), ctx -> {
                runs.incrementAndGet();
                Thread.sleep(300);
            });
            scheduler.start();

            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat("runs=" + runs + " skips told=" + skips + " state=" + scheduler.info().state())
                            .isEqualTo("runs=" + Math.max(4, runs.get()) + " skips told=" + Math.max(1, skips.get()) + " state=running"));
        }
    }
}
