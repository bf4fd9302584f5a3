package com.example.reports;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.annotation.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

@Component
class Invoices {

    private static final Logger log = LoggerFactory.getLogger(Invoices.class);

    record Invoice(String number, long cents) {
    }

    private final JobScheduler jobScheduler;
    private final Clock clock;                    // Punctual's clock: a test can move it

    Invoices(JobScheduler jobScheduler, Clock clock) {
        this.jobScheduler = jobScheduler;
        this.clock = clock;
    }

    /** Sends the invoice in an hour, even if the application restarts meanwhile (with a database). */
    String sendLater(Invoice invoice) {
        return jobScheduler.schedule("send-invoice", Schedule.at(clock.instant().plus(Duration.ofHours(1))), invoice);
    }

    @JobHandler("send-invoice")
    void sendInvoice(Invoice invoice, JobContext context) {   // the payload is stored as JSON
        log.info("sending invoice {} for {} cents (job {})", invoice.number(), invoice.cents(), context.jobId());
    }
}
