package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.NoSuchJobException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The {@code jobs} Actuator endpoint (SPEC §6): lists the jobs, shows one with its next fire times and
 * history, and triggers, pauses or resumes one. It reads and acts only through the public {@link JobScheduler}.
 * An unknown id answers {@code null} (404 over HTTP); an unknown action throws
 * {@link InvalidEndpointRequestException} (400). Over HTTP, {@link JobsEndpointWebExtension} adds a JSON body
 * to both errors.
 */
@Endpoint(id = "jobs")
public class JobsEndpoint {

    /** How many next due times the detail shows. */
    public static final int NEXT_FIRE_TIMES = 5;

    /** How many history rows the detail shows, newest first. */
    public static final int HISTORY_ROWS = 20;

    private static final Logger log = LoggerFactory.getLogger(JobsEndpoint.class);

    private final JobScheduler scheduler;
    private final Clock clock;

    public JobsEndpoint(JobScheduler scheduler) {
        this(scheduler, Clock.systemUTC());
    }

    /** @param clock the scheduler's clock, to tell what resuming a paused job will do */
    public JobsEndpoint(JobScheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** The scheduler and every job in id order. */
    @ReadOperation
    public JobsDescriptor jobs() {
        return new JobsDescriptor(JobsDescriptor.SchedulerDescriptor.of(scheduler.info()),
                scheduler.jobs().stream().map(this::summary).toList());
    }

    /** One job with its next fire times and newest history rows, or null when there is no such job. */
    @ReadOperation
    public JobDetail job(@Selector String id) {
        try {
            return scheduler.job(id).map(job -> JobDetail.of(summary(job),
                    scheduler.nextFireTimes(id, NEXT_FIRE_TIMES).stream().map(JobSummary::iso).toList(),
                    scheduler.history(id, HISTORY_ROWS).stream().map(ExecutionDescriptor::of).toList())).orElse(null);
        } catch (NoSuchJobException e) {
            return null; // cancelled between the reads
        }
    }

    /**
     * Triggers, pauses or resumes a job and returns its summary afterwards; null when there is no such job.
     *
     * @throws InvalidEndpointRequestException when {@code action} is not one of {@link JobAction#words()}
     */
    @WriteOperation
    public JobSummary act(@Selector String id, @Nullable String action) {
        if (!exists(id)) {
            return null;
        }
        JobAction chosen = JobAction.of(action).orElseThrow(() -> new InvalidEndpointRequestException(
                unknownAction(id, action), "Unknown action"));
        try {
            chosen.apply(scheduler, id);
            log.info("Job '{}': {} requested through the jobs endpoint", id, chosen.word());
            return scheduler.job(id).map(this::summary).orElse(null);
        } catch (NoSuchJobException e) {
            return null;
        }
    }

    private JobSummary summary(JobInfo job) {
        if (job.state() != JobState.PAUSED) {
            return JobSummary.of(job);
        }
        try {
            List<Instant> upcoming = scheduler.nextFireTimes(job.id(), ResumePreview.COUNT_LIMIT + 2);
            return JobSummary.of(job, ResumePreview.describe(job, upcoming, clock.instant()));
        } catch (NoSuchJobException e) {
            return JobSummary.of(job);
        }
    }

    boolean exists(String id) {
        return scheduler.job(id).isPresent();
    }

    static String unknownAction(String id, String action) {
        if (action == null || action.isBlank()) {
            return "No action for job '" + id + "': send a JSON body such as {\"action\": \"pause\"}; allowed: "
                    + String.join(", ", JobAction.words());
        }
        return "Unknown action '" + action + "' for job '" + id + "'; allowed: " + String.join(", ", JobAction.words());
    }

    static String unknownJob(String id) {
        return "No job with id '" + id + "'; GET /actuator/jobs lists the jobs";
    }
}
