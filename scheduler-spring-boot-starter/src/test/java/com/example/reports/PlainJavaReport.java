package com.example.reports;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;

import java.time.ZoneId;

public class PlainJavaReport {

    public static void main(String[] args) throws InterruptedException {
        try (JobScheduler scheduler = JobScheduler.builder()
                .job(JobDefinition.of("report", Schedule.cron("0 0 7 * * MON-FRI", ZoneId.of("Europe/Berlin"))),
                        context -> System.out.println("report due " + context.scheduledTime()))
                .build()) {
            scheduler.start();
            Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "86400000"));   // until the JVM stops
        }
    }
}
