package io.punctual.scheduler.boot.actuate;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ResumePreviewTest {

    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");
    private static final List<Instant> MINUTES = List.of(Instant.parse("2026-01-05T11:58:00Z"),
            Instant.parse("2026-01-05T11:59:00Z"), Instant.parse("2026-01-05T12:00:00Z"), Instant.parse("2026-01-05T12:01:00Z"));

    private static JobInfo job(JobState state, JobPolicy policy) {
        JobDefinition definition = JobDefinition.of("j", Schedule.fixedRate(Duration.ofMinutes(1))).withPolicy(policy);
        return new JobInfo("j", "fixedRate PT1M", null, state, 0, MINUTES.get(0), null, null, 0, Set.of(), definition);
    }

    @Test
    void aJobThatIsNotPausedHasNoPreview() {
        assertThat(ResumePreview.describe(job(JobState.SCHEDULED, JobPolicy.defaults()), MINUTES, NOW)).isNull();
    }

    @Test
    void aPausedJobWithMissedFiresAndCoalesceRunsOnceAtOnce() {
        assertThat(ResumePreview.describe(job(JobState.PAUSED, JobPolicy.defaults()), MINUTES, NOW))
                .isEqualTo("runs once at once for 3 missed fire(s) since 2026-01-05T11:58:00Z (coalesce=true), then at 2026-01-05T12:01:00Z");
    }

    @Test
    void withoutCoalesceEachMissedFireRunsOldestFirst() {
        assertThat(ResumePreview.describe(job(JobState.PAUSED, JobPolicy.defaults().withCoalesce(false)), MINUTES, NOW))
                .startsWith("runs 3 missed fire(s) since 2026-01-05T11:58:00Z one by one, oldest first (coalesce=false, at most max-catch-up=");
    }

    @Test
    void withMisfireSkipAndFiresLaterThanTheGraceTheyAreRecordedAsMisfired() {
        JobPolicy skip = JobPolicy.defaults().withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ZERO);
        assertThat(ResumePreview.describe(job(JobState.PAUSED, skip), MINUTES, NOW.plusSeconds(1)))
                .isEqualTo("3 missed fire(s) since 2026-01-05T11:58:00Z are recorded as misfired (misfire=skip, later than "
                        + "misfire-grace=PT0S), then at 2026-01-05T12:01:00Z");
    }

    @Test
    void aPausedJobWhoseNextFireIsAheadFiresAsScheduled() {
        assertThat(ResumePreview.describe(job(JobState.PAUSED, JobPolicy.defaults()), MINUTES, Instant.parse("2026-01-05T11:00:00Z")))
                .isEqualTo("fires at 2026-01-05T11:58:00Z as scheduled");
    }
}
