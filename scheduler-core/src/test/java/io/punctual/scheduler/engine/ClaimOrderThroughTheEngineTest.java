package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The sample app's case through the scheduler: a job with max instances 1 whose schedule fire is due, and a manual
 * trigger 7 ms later, both due when the scheduler claims. The earlier fire, the schedule's, runs; the trigger finds the
 * job at its limit and is recorded skipped (before, the trigger was taken first).
 */
class ClaimOrderThroughTheEngineTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
    private static final Instant DUE = START.plus(Duration.ofMinutes(1));

    private final MutableClock clock = MutableClock.at(START);
    private final ManualScheduler manual = ManualScheduler.create(
            JobScheduler.builder().clock(clock).nodeId("n1").random(new SplittableRandom(7)));
    private final JobScheduler scheduler = manual.scheduler();

    @AfterEach
    void close() {
        manual.close();
    }

    @Test
    void aScheduleFireDueBeforeATriggerRunsAndTheTriggerIsSkippedMaxInstances() {
        RecordingJob job = new RecordingJob();
        scheduler.register(JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1))).withInitialDelay(Duration.ofMinutes(1)), job);
        clock.setInstant(DUE.plusMillis(7)); // nothing claimed in between: both fires are due at the next claim
        scheduler.trigger("report");

        manual.runDue();

        assertThat(job.scheduledTimes()).containsExactly(DUE);
        assertThat(scheduler.history("report", 10))
                .extracting(ExecutionRecord::outcome, ExecutionRecord::scheduledTime, ExecutionRecord::count)
                .containsExactly(tuple(Outcome.SUCCESS, DUE, 1L), tuple(Outcome.SKIPPED, DUE.plusMillis(7), 1L));
        assertThat(scheduler.history("report", 10).get(1).detail()).startsWith("max-instances");
        assertThat(scheduler.job("report").orElseThrow().nextFireTime()).isEqualTo(DUE.plus(Duration.ofMinutes(1)));
    }
}
