package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.schedule.WindowedSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/** WARN lines for start-up decisions that would otherwise go unnoticed. */
final class StartupWarnings {

    private static final Logger log = LoggerFactory.getLogger(StartupWarnings.class);

    private StartupWarnings() {
    }

    /** A one-time job whose {@code at} has passed (and that has not run yet) fires at once or is dropped. */
    static void oneTimeJobsInThePast(Collection<JobInfo> jobs, Instant now) {
        for (JobInfo job : jobs) {
            if (!job.schedule().startsWith("at ") || job.state() != JobState.SCHEDULED || job.nextFireTime() == null
                    || !job.nextFireTime().isBefore(now)) {
                continue;
            }
            JobPolicy policy = job.definition().policy();
            Duration late = Duration.between(job.nextFireTime(), now);
            String what = policy.misfire() == MisfirePolicy.SKIP && late.compareTo(policy.misfireGrace()) > 0
                    ? "it will not run: it is recorded as misfired (misfire=skip, later than misfire-grace=" + policy.misfireGrace() + ")"
                    : "it fires once now";
            log.warn("Job '{}': at {} is in the past (now {}); {}", job.id(), job.nextFireTime(), now, what);
        }
    }

    /**
     * A job whose {@code endAt} has passed fires no more: its schedule ended before this start-up. Said for every enabled
     * job (a disabled one never fires anyway), whether or not it ran before the end.
     */
    static void jobsEndedBeforeStartUp(Collection<JobInfo> jobs, Instant now) {
        for (JobInfo job : jobs) {
            if (job.definition() == null || job.state() == JobState.DISABLED
                    || !(job.definition().schedule() instanceof WindowedSchedule window)
                    || window.endAt() == null || !window.endAt().isBefore(now)) {
                continue;
            }
            log.warn("Job '{}': end-at {} is in the past (now {}); its schedule fires no more, so it is {} (move or remove "
                    + "endAt, or the property punctual.jobs.{}.end-at, to let it fire)", job.id(), window.endAt(), now,
                    job.state().word(), job.id());
        }
    }

    /** A {@code punctual.jobs.<id>.<kind>} property replacing a schedule of another kind set on the annotation. */
    static void scheduleKindReplaced(String jobId, String annotationKind, String annotationValue, String property, String value) {
        log.warn("Job '{}': property {}={} replaces @ScheduledJob({} = \"{}\")", jobId, property, value,
                annotationKind, annotationValue);
    }
}
