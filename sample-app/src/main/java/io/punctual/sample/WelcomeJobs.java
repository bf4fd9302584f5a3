package io.punctual.sample;

import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.annotation.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/** A dynamic job: scheduled at run time through {@link JobScheduler}, run by a {@code @JobHandler} with a payload. */
@Component
class WelcomeJobs {

    private static final Logger log = LoggerFactory.getLogger(WelcomeJobs.class);

    /** The payload, stored as JSON so that it survives a restart with a persistent store. */
    record Welcome(String name, String language) {
    }

    /** The id of the welcome job: one per database, however often the application restarts. */
    static final String WELCOME_ID = "welcome-ada";

    private final JobScheduler scheduler;
    private final Clock clock;

    WelcomeJobs(JobScheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Ten seconds after the first start-up, send a one-off welcome: a deferred job, like APScheduler's
     * add_job(run_date=...). The job has a fixed id, so a restart on a persistent store finds it and schedules no
     * second one; its policy is null, so punctual.defaults.* apply.
     */
    @EventListener(ApplicationReadyEvent.class)
    void scheduleWelcome() {
        if (scheduler.job(WELCOME_ID).isPresent()) {
            log.info("[welcome] dynamic job {} already exists ({}); not scheduling it again", WELCOME_ID,
                    scheduler.job(WELCOME_ID).get().state().word());
            return;
        }
        String id = scheduler.schedule(WELCOME_ID, "welcome", Schedule.at(clock.instant().plus(Duration.ofSeconds(10))),
                new Welcome("Ada", "en"), null);
        log.info("[welcome] scheduled dynamic job {}", id);
    }

    @JobHandler("welcome")
    void welcome(Welcome welcome, JobContext context) {
        log.info("[welcome] hello {} ({}), from job {}", welcome.name(), welcome.language(), context.jobId());
    }
}
