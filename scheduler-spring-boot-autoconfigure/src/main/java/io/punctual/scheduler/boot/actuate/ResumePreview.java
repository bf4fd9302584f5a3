package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.MisfirePolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What resuming a paused job will do, in words: a paused job keeps the next fire time it had when paused,
 * which after a while (or a restart) lies in the past, so its {@code nextFireTime} alone misleads.
 */
final class ResumePreview {

    /** How many missed fires are counted before saying "at least". */
    static final int COUNT_LIMIT = 100;

    private ResumePreview() {
    }

    /**
     * @param upcoming the job's next fire times from its stored next fire on (up to {@link #COUNT_LIMIT} + 1)
     * @return null unless the job is paused
     */
    static String describe(JobInfo job, List<Instant> upcoming, Instant now) {
        if (job.state() != JobState.PAUSED) {
            return null;
        }
        if (upcoming.isEmpty()) {
            return "nothing: the schedule has no further fire";
        }
        List<Instant> missed = upcoming.stream().filter(t -> !t.isAfter(now)).toList();
        Instant following = upcoming.stream().filter(t -> t.isAfter(now)).findFirst().orElse(null);
        String then = following == null ? "" : ", then at " + following;
        if (missed.isEmpty()) {
            return "fires at " + following + " as scheduled";
        }
        String count = (missed.size() > COUNT_LIMIT ? "more than " + COUNT_LIMIT : String.valueOf(missed.size()))
                + " missed fire(s) since " + missed.get(0);
        JobPolicy policy = job.definition().policy();
        Duration newestLate = Duration.between(missed.get(missed.size() - 1), now);
        if (policy.misfire() == MisfirePolicy.SKIP && newestLate.compareTo(policy.misfireGrace()) > 0) {
            return count + " are recorded as misfired (misfire=skip, later than misfire-grace=" + policy.misfireGrace()
                    + ")" + then;
        }
        if (policy.coalesce()) {
            return "runs once at once for " + count + " (coalesce=true)" + then;
        }
        return "runs " + count + " one by one, oldest first (coalesce=false, at most max-catch-up="
                + policy.maxCatchUp() + ")" + then;
    }
}
