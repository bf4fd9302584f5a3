package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.event.JobListener;
import io.punctual.scheduler.event.JobMissedEvent;
import io.punctual.scheduler.event.JobRetryEvent;
import io.punctual.scheduler.event.JobStartedEvent;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerEventsTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = MutableClock.at(START);
    private final ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock)
            .listener(new JobListener() {
                @Override
                public void jobStarted(JobStartedEvent e) {
                    events.add("started " + e.jobId() + " attempt " + e.attempt() + " late " + e.lateness());
                }

                @Override
                public void jobSucceeded(JobFinishedEvent e) {
                    events.add("succeeded " + e.jobId());
                }

                @Override
                public void jobFailed(JobFinishedEvent e) {
                    events.add("failed " + e.jobId() + " " + e.outcome().word());
                }

                @Override
                public void jobRetryScheduled(JobRetryEvent e) {
                    events.add("retry " + e.jobId() + " attempt " + e.nextAttempt());
                }

                @Override
                public void jobMisfired(JobMissedEvent e) {
                    events.add("misfired " + e.jobId() + " x" + e.count());
                }

                @Override
                public void jobCoalesced(JobMissedEvent e) {
                    events.add("coalesced " + e.jobId() + " x" + e.count());
                }

                @Override
                public void jobSkipped(JobMissedEvent e) {
                    events.add("skipped " + e.jobId() + " " + e.reason());
                }
            })
            .listener(new JobListener() {
                @Override
                public void jobStarted(JobStartedEvent event) {
                    throw new IllegalStateException("a broken listener must not hurt the others");
                }
            }));

    @AfterEach
    void close() {
        manual.close();
    }

    @Test
    void successFailureAndRetryAreTold() {
        manual.scheduler().register(JobDefinition.of("flaky", Schedule.at(START.plusSeconds(2))).withPolicy(
                JobPolicy.defaults().withRetries(1).withRetryBackoff(Duration.ofSeconds(1))), new RecordingJob().failingFirst(1));

        manual.runUntil(START.plusSeconds(10));

        assertThat(events).containsExactly("started flaky attempt 1 late PT0S", "failed flaky failure",
                "retry flaky attempt 2", "started flaky attempt 2 late PT0S", "succeeded flaky");
    }

    @Test
    void coalescedMisfiredAndSkippedFiresAreTold() throws Exception {
        manual.scheduler().register(JobDefinition.of("merge", Schedule.fixedRate(Duration.ofMinutes(1))), ctx -> { });
        manual.scheduler().register(JobDefinition.of("strict", Schedule.fixedRate(Duration.ofMinutes(1)))
                .withPolicy(JobPolicy.defaults().withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(1))), ctx -> { });
        manual.runDue();
        events.clear();

        manual.advance(Duration.ofMinutes(3));

        assertThat(events).contains("coalesced merge x2", "misfired strict x2", "started merge attempt 1 late PT0S");

        BlockingJob blocking = new BlockingJob();
        manual.scheduler().register(JobDefinition.of("busy", Schedule.fixedRate(Duration.ofMinutes(1))), blocking);
        manual.tick();
        blocking.awaitStarted();
        clock.advance(Duration.ofMinutes(1));
        manual.tick();
        blocking.release.countDown();
        manual.awaitIdle();

        assertThat(events).contains("skipped busy max-instances");
        assertThat(manual.scheduler().history("busy", 5)).extracting(r -> r.outcome()).contains(Outcome.SKIPPED);
    }
}
