package com.example.reports;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
class Reports {

    private static final Logger log = LoggerFactory.getLogger(Reports.class);

    @ScheduledJob(cron = "0 0 7 * * MON-FRI", zone = "Europe/Berlin", retries = "2", retryBackoff = "30s")
    void dailyReport(JobContext context) {        // the parameter is optional
        log.info("report due {}, attempt {}", context.scheduledTime(), context.attempt());
    }

    @ScheduledJob(fixedRate = "${poll.rate:10s}", jitter = "2s", maxInstances = "1", tags = "io")
    void poll() {
        log.info("polling");
    }
}
