package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Schedule;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pauseTag} and {@code resumeTag} leave a disabled or orphaned job alone and do not count it, as {@code pause}
 * and {@code resume} refuse it; run on each store.
 */
public final class TagPauseScenario {

    private TagPauseScenario() {
    }

    public static void run(JobScheduler scheduler) {
        Schedule minutely = Schedule.fixedRate(Duration.ofMinutes(1));
        JobDefinition on = JobDefinition.of("on", minutely).withTags(Set.of("billing"));
        JobDefinition off = JobDefinition.of("off", minutely).withTags(Set.of("billing")).withEnabled(false);
        JobDefinition gone = JobDefinition.of("gone", minutely).withTags(Set.of("billing"));
        JobDefinition other = JobDefinition.of("other", minutely);
        for (JobDefinition definition : new JobDefinition[] {on, off, gone, other}) {
            scheduler.register(definition, ctx -> { });
        }
        assertThat(scheduler.markOrphans(Set.of("on", "off", "other"))).containsExactly("gone");

        assertThat(scheduler.pauseTag("billing")).as("only 'on' is paused").isEqualTo(1);
        assertThat(scheduler.pauseTag("billing")).as("an already paused job counts; the others still not").isEqualTo(1);
        assertThat(state(scheduler, "on")).isEqualTo(JobState.PAUSED);
        assertThat(state(scheduler, "off")).isEqualTo(JobState.DISABLED);
        assertThat(state(scheduler, "gone")).isEqualTo(JobState.ORPHANED);
        assertThat(state(scheduler, "other")).isEqualTo(JobState.SCHEDULED);

        // the pause flags of the disabled and the orphaned job were left alone: enabled or declared again, they fire
        scheduler.register(off.withEnabled(true), ctx -> { });
        scheduler.register(gone, ctx -> { });
        assertThat(state(scheduler, "off")).isEqualTo(JobState.SCHEDULED);
        assertThat(state(scheduler, "gone")).isEqualTo(JobState.SCHEDULED);

        // a paused job disabled (or orphaned) afterwards is not resumed by its tag, nor counted
        assertThat(scheduler.pauseTag("billing")).isEqualTo(3);
        scheduler.register(off, ctx -> { });
        assertThat(scheduler.markOrphans(Set.of("on", "off", "other"))).containsExactly("gone");
        assertThat(scheduler.resumeTag("billing")).as("only 'on' is resumed").isEqualTo(1);
        assertThat(state(scheduler, "on")).isEqualTo(JobState.SCHEDULED);
        scheduler.register(off.withEnabled(true), ctx -> { });
        scheduler.register(gone, ctx -> { });
        assertThat(state(scheduler, "off")).as("still paused: resumeTag left it alone").isEqualTo(JobState.PAUSED);
        assertThat(state(scheduler, "gone")).as("still paused: resumeTag left it alone").isEqualTo(JobState.PAUSED);

        assertThat(scheduler.pauseTag("no-such-tag")).isZero();
        assertThat(scheduler.resumeTag("no-such-tag")).isZero();
    }

    private static JobState state(JobScheduler scheduler, String id) {
        return scheduler.job(id).orElseThrow().state();
    }
}
