package com.example.reports;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.boot.test.AutoConfigurePunctualTest;
import io.punctual.scheduler.test.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {
        "punctual.test.clock=2026-01-05T05:59:00Z",      // a Monday, 06:59 in Berlin
        "punctual.jobs.reports.poll.enabled=false"})     // not the subject of this test
@AutoConfigurePunctualTest                               // a MutableClock and a ManualScheduler: nothing fires by itself
class ReportsTest {

    @Autowired
    ManualScheduler manual;

    @Autowired
    Invoices invoices;

    @Test
    void dailyReportRunsAtSevenInBerlinOnWeekdays() {
        manual.runUntil(Instant.parse("2026-01-11T12:00:00Z"));    // through Sunday, in milliseconds

        assertThat(manual.scheduler().history("reports.dailyReport", 10))
                .extracting(ExecutionRecord::scheduledTime)
                .containsExactly(Instant.parse("2026-01-09T06:00:00Z"), Instant.parse("2026-01-08T06:00:00Z"),
                        Instant.parse("2026-01-07T06:00:00Z"), Instant.parse("2026-01-06T06:00:00Z"),
                        Instant.parse("2026-01-05T06:00:00Z"));       // newest first; no run on the weekend
    }

    @Test
    void anInvoiceIsSentAnHourLater() {
        String id = invoices.sendLater(new Invoices.Invoice("2026-0001", 12_500));

        manual.advance(Duration.ofMinutes(59));
        assertThat(manual.scheduler().history(id, 10)).isEmpty();
        manual.advance(Duration.ofMinutes(1));
        assertThat(manual.scheduler().history(id, 10)).extracting(ExecutionRecord::outcome).containsExactly(Outcome.SUCCESS);
    }
}
