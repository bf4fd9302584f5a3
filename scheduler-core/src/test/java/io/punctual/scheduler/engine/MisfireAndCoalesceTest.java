package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class MisfireAndCoalesceTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final MutableClock clock = MutableClock.at(START);
    private final ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1"));
    private final RecordingJob job = new RecordingJob();

    @AfterEach
    void close() {
        manual.close();
    }

    private void everyMinute(JobPolicy policy) {
        manual.scheduler().register(JobDefinition.of("job", Schedule.fixedRate(MINUTE)).withPolicy(policy), job);
        manual.runDue(); // the first fire, at START
        job.runs.clear();
    }

    private List<ExecutionRecord> history() {
        return manual.scheduler().history("job", 100);
    }

    @Test
    void lateFireWithinGraceRunsAndKeepsItsScheduledTime() {
        everyMinute(JobPolicy.defaults().withMisfireGrace(Duration.ofSeconds(30)).withMisfire(MisfirePolicy.SKIP));

        manual.advance(MINUTE.plusSeconds(29));

        assertThat(job.runs).singleElement().satisfies(r -> {
            assertThat(r.scheduledTime()).isEqualTo(START.plus(MINUTE));
            assertThat(r.fireTime()).isEqualTo(START.plus(MINUTE).plusSeconds(29));
        });
    }

    @Test
    void misfireSkipRecordsTheLateFireAndRunsNothing() {
        everyMinute(JobPolicy.defaults().withMisfireGrace(Duration.ofSeconds(30)).withMisfire(MisfirePolicy.SKIP));

        manual.advance(MINUTE.plusSeconds(31));

        assertThat(job.runs).isEmpty();
        assertThat(history().get(0)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.MISFIRED);
            assertThat(r.scheduledTime()).isEqualTo(START.plus(MINUTE));
            assertThat(r.count()).isEqualTo(1);
        });
        assertThat(manual.scheduler().job("job").orElseThrow().nextFireTime()).isEqualTo(START.plus(MINUTE.multipliedBy(2)));
    }

    @Test
    void misfireFireNowRunsTheLateFire() {
        everyMinute(JobPolicy.defaults().withMisfireGrace(Duration.ofSeconds(30)));

        manual.advance(MINUTE.plusSeconds(31));

        assertThat(job.scheduledTimes()).containsExactly(START.plus(MINUTE));
    }

    @Test
    void coalesceAfterDowntimeRunsOnceAndRecordsOneSummaryRow() {
        everyMinute(JobPolicy.defaults());

        manual.advance(Duration.ofMinutes(10).plusSeconds(5));

        assertThat(job.scheduledTimes()).containsExactly(START.plus(Duration.ofMinutes(10)));
        assertThat(history()).extracting(ExecutionRecord::outcome, ExecutionRecord::count, ExecutionRecord::scheduledTime)
                .startsWith(tuple(Outcome.SUCCESS, 1L, START.plus(Duration.ofMinutes(10))),
                        tuple(Outcome.COALESCED, 9L, START.plus(MINUTE)));
        assertThat(history().get(1).detail()).contains("2026-05-04T08:01:00Z").contains("2026-05-04T08:09:00Z");
    }

    @Test
    void withoutCoalesceEachMissedFireRunsOldestFirst() {
        everyMinute(JobPolicy.defaults().withCoalesce(false));

        manual.advance(Duration.ofMinutes(4).plusSeconds(5));

        assertThat(job.scheduledTimes()).containsExactly(START.plus(MINUTE), START.plus(MINUTE.multipliedBy(2)),
                START.plus(MINUTE.multipliedBy(3)), START.plus(MINUTE.multipliedBy(4)));
        assertThat(history()).extracting(ExecutionRecord::outcome).containsOnly(Outcome.SUCCESS);
    }

    @Test
    void withoutCoalesceALongOutageRunsOnlyTheNewestMaxCatchUpFires() {
        everyMinute(JobPolicy.defaults().withCoalesce(false).withMaxCatchUp(5));

        manual.advance(Duration.ofHours(1));

        assertThat(job.scheduledTimes()).containsExactly(START.plus(Duration.ofMinutes(56)), START.plus(Duration.ofMinutes(57)),
                START.plus(Duration.ofMinutes(58)), START.plus(Duration.ofMinutes(59)), START.plus(Duration.ofMinutes(60)));
        assertThat(history()).filteredOn(r -> r.outcome() == Outcome.MISFIRED).singleElement()
                .satisfies(r -> assertThat(r.count()).isEqualTo(55));
    }

    @Test
    void withSkipNoMissedFireRunsAfterDowntime() {
        everyMinute(JobPolicy.defaults().withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(10)));

        manual.advance(Duration.ofMinutes(10).plusSeconds(30));

        assertThat(job.runs).isEmpty();
        assertThat(history()).filteredOn(r -> r.outcome() == Outcome.MISFIRED).singleElement()
                .satisfies(r -> assertThat(r.count()).isEqualTo(10));
    }

    @Test
    void pausedJobDoesNotFireAndCoalescesOnResumeWithFireNow() {
        everyMinute(JobPolicy.defaults());
        manual.scheduler().pause("job");

        manual.runUntil(START.plus(Duration.ofMinutes(5)).plusSeconds(10));
        assertThat(job.runs).isEmpty();
        manual.scheduler().resume("job");
        manual.runDue();

        assertThat(job.scheduledTimes()).containsExactly(START.plus(Duration.ofMinutes(5)));
        assertThat(history()).extracting(ExecutionRecord::outcome, ExecutionRecord::count)
                .startsWith(tuple(Outcome.SUCCESS, 1L), tuple(Outcome.COALESCED, 4L));
    }

    @Test
    void pausedJobResumedWithoutCoalesceRunsEachMissedFire() {
        everyMinute(JobPolicy.defaults().withCoalesce(false));
        manual.scheduler().pause("job");
        manual.runUntil(START.plus(Duration.ofMinutes(3)).plusSeconds(10));

        manual.scheduler().resume("job");
        manual.runDue();

        assertThat(job.scheduledTimes()).containsExactly(START.plus(MINUTE), START.plus(MINUTE.multipliedBy(2)),
                START.plus(MINUTE.multipliedBy(3)));
    }

    @Test
    void pausedJobResumedWithSkipRecordsMisfiresAndRunsNothing() {
        everyMinute(JobPolicy.defaults().withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(5)));
        manual.scheduler().pause("job");
        manual.runUntil(START.plus(Duration.ofMinutes(3)).plusSeconds(10));

        manual.scheduler().resume("job");
        manual.runDue();

        assertThat(job.runs).isEmpty();
        assertThat(history().get(0)).satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.MISFIRED);
            assertThat(r.count()).isEqualTo(3);
        });
        manual.runUntil(START.plus(Duration.ofMinutes(4)));
        assertThat(job.scheduledTimes()).containsExactly(START.plus(Duration.ofMinutes(4)));
    }

    @Test
    void pauseByTagHoldsEveryTaggedJob() {
        RecordingJob other = new RecordingJob();
        manual.scheduler().register(JobDefinition.of("a", Schedule.fixedRate(MINUTE)).withTags(java.util.Set.of("billing")), job);
        manual.scheduler().register(JobDefinition.of("b", Schedule.fixedRate(MINUTE)).withTags(java.util.Set.of("billing", "eu")), other);
        manual.scheduler().register(JobDefinition.of("c", Schedule.fixedRate(MINUTE)), ctx -> { });

        assertThat(manual.scheduler().pauseTag("billing")).isEqualTo(2);
        manual.runUntil(START.plus(Duration.ofMinutes(2)));

        assertThat(job.runs).isEmpty();
        assertThat(other.runs).isEmpty();
        assertThat(manual.scheduler().history("c", 10)).hasSize(3);
        assertThat(manual.scheduler().resumeTag("billing")).isEqualTo(2);
        manual.runDue();
        assertThat(job.runs).hasSize(1);
        assertThat(other.runs).hasSize(1);
    }
}
