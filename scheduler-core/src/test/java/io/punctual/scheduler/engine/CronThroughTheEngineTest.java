package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobAttributes;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CronThroughTheEngineTest {

    @Test
    void readmeExampleRunsTheDailyReportOncePerDay() {
        MutableClock clock = MutableClock.at("2026-01-05T05:59:00Z");
        JobDefinition daily = JobAttributes.toDefinition("report", Map.of("cron", "0 0 7 * * *", "zone", "Europe/Berlin"), ZoneOffset.UTC);
        RecordingJob reports = new RecordingJob();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).job(daily, reports))) {
            manual.runUntil(Instant.parse("2026-01-07T12:00:00Z"));
            assertThat(manual.scheduler().history("report", 10)).hasSize(3);
        }
        assertThat(reports.scheduledTimes()).containsExactly(Instant.parse("2026-01-05T06:00:00Z"),
                Instant.parse("2026-01-06T06:00:00Z"), Instant.parse("2026-01-07T06:00:00Z"));
    }

    @Test
    void fixedTimeCronRunsOnceOnTheNightTheClocksGoBackAndAtTheEndOfTheGapWhenTheyGoForward() {
        RecordingJob job = new RecordingJob();
        JobDefinition night = JobDefinition.of("night", Schedule.cron("0 30 2 * * *", ZoneId.of("Europe/Berlin")));
        for (String[] span : new String[][] {{"2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"},
                {"2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z"}}) {
            MutableClock clock = MutableClock.at(span[0]);
            try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).job(night, job))) {
                manual.runUntil(Instant.parse(span[1]));
            }
        }
        assertThat(job.scheduledTimes()).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),  // 02:30 CET
                Instant.parse("2026-03-29T01:00:00Z"),  // 02:30 does not exist: end of the gap, 03:00 CEST
                Instant.parse("2026-10-24T00:30:00Z"),  // 02:30 CEST
                Instant.parse("2026-10-25T00:30:00Z")); // 02:30 happens twice: only the first, CEST
    }
}
