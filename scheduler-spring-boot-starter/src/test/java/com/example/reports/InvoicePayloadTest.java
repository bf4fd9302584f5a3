package com.example.reports;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With nothing but the starter, a record payload is stored as JSON and handed back to its handler. */
@SpringBootTest(properties = "punctual.jobs.reports.poll.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class InvoicePayloadTest {

    @Autowired
    JobScheduler jobScheduler;

    @Autowired
    Clock clock;

    @Test
    void aRecordPayloadRoundTripsThroughTheRealSchedulerWithOnlyTheStarter(CapturedOutput output) {
        String id = jobScheduler.schedule("send-invoice", Schedule.at(clock.instant()), new Invoices.Invoice("2026-0002", 100));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jobScheduler.history(id, 1))
                .extracting(ExecutionRecord::outcome).containsExactly(Outcome.SUCCESS));
        assertThat(output).contains("sending invoice 2026-0002 for 100 cents (job " + id + ")");
    }
}
