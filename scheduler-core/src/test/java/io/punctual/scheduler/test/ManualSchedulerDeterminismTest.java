package io.punctual.scheduler.test;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test kit that flakes is worse than none: {@code tick()} returns only once the run it started has been recorded,
 * so {@code tick()} then {@code advance(...)} gives the same history every time (before, a run still being recorded
 * when the clock moved made the next fires {@code skipped} in some repeats and {@code coalesced} in others).
 */
class ManualSchedulerDeterminismTest {

    private static final Instant START = Instant.parse("2026-05-04T05:59:00Z");

    @RepeatedTest(25)
    void tickThenAdvanceGivesTheSameHistoryEveryTime() {
        MutableClock clock = MutableClock.at(START);
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock)
                .job(JobDefinition.of("report", Schedule.fixedRate(Duration.ofMinutes(1))), ctx -> { }))) {
            manual.tick();
            manual.advance(Duration.ofMinutes(10));

            List<String> history = manual.scheduler().history("report", 10).stream()
                    .map(ManualSchedulerDeterminismTest::describe).toList();
            assertThat(history).containsExactly("success@2026-05-04T06:09:00Z x1", "coalesced@2026-05-04T06:00:00Z x9",
                    "success@2026-05-04T05:59:00Z x1");
        }
    }

    private static String describe(ExecutionRecord r) {
        return r.outcome().word() + "@" + r.scheduledTime() + " x" + r.count();
    }
}
