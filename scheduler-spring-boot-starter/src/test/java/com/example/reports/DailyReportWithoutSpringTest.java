package com.example.reports;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class DailyReportWithoutSpringTest {

    @Test
    void runsAtSevenInBerlinEveryDay() {
        MutableClock clock = MutableClock.at("2026-01-05T05:59:00Z");
        JobDefinition daily = JobDefinition.of("report", Schedule.cron("0 0 7 * * *", ZoneId.of("Europe/Berlin")));
        List<Instant> due = new CopyOnWriteArrayList<>();

        try (ManualScheduler manual = ManualScheduler.create(
                JobScheduler.builder().clock(clock).job(daily, context -> due.add(context.scheduledTime())))) {
            manual.runUntil(Instant.parse("2026-01-07T12:00:00Z"));     // steps through each due time

            assertThat(due).containsExactly(Instant.parse("2026-01-05T06:00:00Z"),
                    Instant.parse("2026-01-06T06:00:00Z"), Instant.parse("2026-01-07T06:00:00Z"));
            assertThat(manual.scheduler().history("report", 10)).hasSize(3);
        }
    }
}
