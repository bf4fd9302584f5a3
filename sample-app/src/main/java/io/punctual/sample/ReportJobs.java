package io.punctual.sample;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A cron job read in a named zone, and a one-time job at a local date-time in that zone. */
@Component
class ReportJobs {

    private static final Logger log = LoggerFactory.getLogger(ReportJobs.class);

    /** Every minute on the minute, Berlin time: a 6-field (Spring) cron. */
    @ScheduledJob(id = "report", cron = "0 * * * * *", zone = "Europe/Berlin", tags = "reports")
    void minutelyReport(JobContext context) {
        log.info("[report] cron report for {} (Europe/Berlin)", context.scheduledTime());
    }

    /** Once, on Christmas Eve at 17:30 Berlin time. */
    @ScheduledJob(id = "christmas-greeting", at = "2026-12-24T17:30", zone = "Europe/Berlin", tags = "reports")
    void christmasGreeting() {
        log.info("[christmas-greeting] Frohe Weihnachten!");
    }
}
