package io.punctual.scheduler.engine;

import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The loop thread on the real clock: it sleeps until the next fire and wakes at once when told. */
class RealTimeEngineTest {

    @Test
    void loopFiresAFixedRateJobRepeatedly() {
        AtomicInteger runs = new AtomicInteger();
        try (JobScheduler scheduler = JobScheduler.builder().build()) {
            scheduler.register(JobDefinition.of("fast", Schedule.fixedRate(Duration.ofMillis(50))), ctx -> runs.incrementAndGet());
            scheduler.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 5);
        }
    }

    @Test
    void triggerWakesTheLoopWithoutWaitingForThePollInterval() {
        AtomicInteger runs = new AtomicInteger();
        try (JobScheduler scheduler = JobScheduler.builder().pollInterval(Duration.ofHours(1)).build()) {
            scheduler.register(JobDefinition.of("later", Schedule.at(Instant.now(Clock.systemUTC()).plus(Duration.ofDays(1)))),
                    ctx -> runs.incrementAndGet());
            scheduler.start();

            scheduler.trigger("later");

            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
        }
    }

    @Test
    void jobAddedWhileTheLoopSleepsFiresWithoutWaitingForThePollInterval() {
        AtomicInteger runs = new AtomicInteger();
        try (JobScheduler scheduler = JobScheduler.builder().pollInterval(Duration.ofHours(1)).build()) {
            scheduler.start();
            scheduler.register(JobDefinition.of("new", Schedule.at(Instant.now(Clock.systemUTC()).plusMillis(200))),
                    ctx -> runs.incrementAndGet());

            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
        }
    }
}
