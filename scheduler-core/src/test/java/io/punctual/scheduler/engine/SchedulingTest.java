package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobInfo;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulingTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final MutableClock clock = MutableClock.at(START);
    private ManualScheduler manual;

    @AfterEach
    void close() {
        if (manual != null) {
            manual.close();
        }
    }

    private JobScheduler scheduler() {
        if (manual == null) {
            manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("test-node"));
        }
        return manual.scheduler();
    }

    @Test
    void fixedRateDoesNotDriftOverTenThousandFiresEvenWhenRunsStartLate() {
        RecordingJob job = new RecordingJob();
        scheduler().register(JobDefinition.of("rate", Schedule.fixedRate(Duration.ofMillis(1500))), job);

        for (int i = 0; i < 10_000; i++) {
            clock.setInstant(START.plusMillis(1500L * i).plusMillis(7 + (i % 13)));
            manual.runDue();
        }

        assertThat(job.runs).hasSize(10_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(job.runs.get(i).scheduledTime()).isEqualTo(START.plusMillis(1500L * i));
        }
        assertThat(scheduler().job("rate").orElseThrow().nextFireTime()).isEqualTo(START.plusMillis(1500L * 10_000));
    }

    @Test
    void fixedDelayCountsFromTheEndOfTheRun() {
        List<Instant> starts = new CopyOnWriteArrayList<>();
        scheduler().register(JobDefinition.of("delay", Schedule.fixedDelay(Duration.ofSeconds(10))), ctx -> {
            starts.add(ctx.fireTime());
            clock.advance(Duration.ofSeconds(3)); // the run takes 3 seconds
        });

        manual.runUntil(START.plusSeconds(40));

        assertThat(starts).containsExactly(START, START.plusSeconds(13), START.plusSeconds(26), START.plusSeconds(39));
    }

    @Test
    void oneTimeJobFiresOnceAndIsThenCompleted() {
        RecordingJob job = new RecordingJob();
        scheduler().register(JobDefinition.of("once", Schedule.at(START.plusSeconds(30))), job);

        manual.runUntil(START.plus(Duration.ofHours(1)));

        assertThat(job.scheduledTimes()).containsExactly(START.plusSeconds(30));
        assertThat(scheduler().job("once").orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void initialDelayPostponesTheFirstFire() {
        RecordingJob job = new RecordingJob();
        scheduler().register(JobDefinition.of("late-start", Schedule.fixedRate(Duration.ofMinutes(1)))
                .withInitialDelay(Duration.ofSeconds(20)), job);

        manual.runUntil(START.plus(Duration.ofMinutes(2)));

        assertThat(job.scheduledTimes()).containsExactly(START.plusSeconds(20), START.plusSeconds(80));
    }

    @Test
    void startAtAndEndAtBoundTheFires() {
        RecordingJob job = new RecordingJob();
        Schedule windowed = Schedule.fixedRate(Duration.ofMinutes(1)).between(START.plus(Duration.ofMinutes(5)), START.plus(Duration.ofMinutes(7)));
        scheduler().register(JobDefinition.of("window", windowed), job);

        manual.runUntil(START.plus(Duration.ofMinutes(30)));

        assertThat(job.scheduledTimes()).containsExactly(START.plus(Duration.ofMinutes(5)), START.plus(Duration.ofMinutes(6)),
                START.plus(Duration.ofMinutes(7)));
        assertThat(scheduler().job("window").orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aJobsInfoHasTheStartAndEndOfItsWindowAndNullWhenNotSet() {
        Instant from = START.plus(Duration.ofMinutes(5));
        Instant until = START.plus(Duration.ofMinutes(7));
        Schedule minutely = Schedule.fixedRate(Duration.ofMinutes(1));
        scheduler().register(JobDefinition.of("both", minutely.between(from, until)), new RecordingJob());
        scheduler().register(JobDefinition.of("from", minutely.between(from, null)), new RecordingJob());
        scheduler().register(JobDefinition.of("until", minutely.between(null, until)), new RecordingJob());
        scheduler().register(JobDefinition.of("plain", minutely), new RecordingJob());

        assertThat(scheduler().job("both").orElseThrow()).extracting(JobInfo::startAt, JobInfo::endAt)
                .containsExactly(from, until);
        assertThat(scheduler().job("from").orElseThrow()).extracting(JobInfo::startAt, JobInfo::endAt)
                .containsExactly(from, null);
        assertThat(scheduler().job("until").orElseThrow()).extracting(JobInfo::startAt, JobInfo::endAt)
                .containsExactly(null, until);
        assertThat(scheduler().job("plain").orElseThrow()).extracting(JobInfo::startAt, JobInfo::endAt)
                .containsExactly(null, null);
        assertThat(scheduler().jobs()).filteredOn(j -> j.id().equals("both")).singleElement()
                .extracting(JobInfo::startAt, JobInfo::endAt).containsExactly(from, until);
    }

    @Test
    void disabledJobIsListedAsDisabledAndNeverFires() {
        RecordingJob job = new RecordingJob();
        scheduler().register(JobDefinition.of("off", Schedule.fixedRate(Duration.ofSeconds(1))).withEnabled(false), job);

        manual.runUntil(START.plusSeconds(10));

        assertThat(job.runs).isEmpty();
        assertThat(scheduler().job("off").orElseThrow().state()).isEqualTo(JobState.DISABLED);
    }

    @Test
    void pauseAndResumeByTagLeaveDisabledAndOrphanedJobsAloneAndDoNotCountThem() {
        TagPauseScenario.run(scheduler());
    }

    @Test
    void pauseAndResumeOfADisabledJobAreRefusedAsATriggerIsAndLeaveItUnpausedWhenEnabledAgain() {
        RecordingJob job = new RecordingJob();
        JobDefinition off = JobDefinition.of("off", Schedule.fixedRate(Duration.ofSeconds(1))).withEnabled(false);
        scheduler().register(off, job);

        for (Runnable action : List.<Runnable>of(() -> scheduler().pause("off"), () -> scheduler().resume("off"),
                () -> scheduler().trigger("off"))) {
            assertThatThrownBy(action::run).isInstanceOf(io.punctual.scheduler.JobStateConflictException.class)
                    .hasMessageContaining("Job 'off' is disabled and cannot be")
                    .hasMessageContaining("punctual.jobs.off.enabled=true");
        }
        assertThatThrownBy(() -> scheduler().pause("off")).hasMessageStartingWith("Job 'off' is disabled and cannot be paused");
        assertThatThrownBy(() -> scheduler().resume("off")).hasMessageStartingWith("Job 'off' is disabled and cannot be resumed");

        scheduler().register(off.withEnabled(true), job); // enabled again: the refused pause left nothing behind
        manual.runUntil(START.plusSeconds(2));
        assertThat(scheduler().job("off").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(job.runs).isNotEmpty();
    }

    @Test
    void jitterDelaysEachFireWithinItsBoundAndKeepsTheRate() {
        RecordingJob job = new RecordingJob();
        scheduler().register(JobDefinition.of("jittery", Schedule.fixedRate(Duration.ofMinutes(1)))
                .withPolicy(JobPolicy.defaults().withJitter(Duration.ofSeconds(10))), job);

        manual.runUntil(START.plus(Duration.ofMinutes(59)).plusSeconds(30));

        assertThat(job.runs).hasSize(60);
        for (int i = 0; i < 60; i++) {
            Duration offset = Duration.between(START.plus(Duration.ofMinutes(i)), job.runs.get(i).scheduledTime());
            assertThat(offset).isBetween(Duration.ZERO, Duration.ofSeconds(10));
            assertThat(job.runs.get(i).fireTime()).isEqualTo(job.runs.get(i).scheduledTime());
        }
        assertThat(job.runs.stream().map(r -> r.scheduledTime().getEpochSecond() % 60).distinct().count()).isGreaterThan(3);
    }

    @Test
    void amongFiresDueAtTheSameInstantHigherPriorityRunsFirst() {
        List<String> order = new CopyOnWriteArrayList<>();
        manual = ManualScheduler.create(JobScheduler.builder().clock(clock).threads(1));
        for (int p : new int[] {0, 10, -5, 3}) {
            manual.scheduler().register(JobDefinition.of("p" + p, Schedule.at(START.plusSeconds(5)))
                    .withPolicy(JobPolicy.defaults().withPriority(p)), ctx -> order.add(ctx.jobId()));
        }

        manual.advance(Duration.ofSeconds(5));

        assertThat(order).containsExactly("p10", "p3", "p0", "p-5");
    }

    @Test
    void nextFireTimesListsTheComingDueTimes() {
        scheduler().register(JobDefinition.of("rate", Schedule.fixedRate(Duration.ofSeconds(30))), ctx -> { });

        assertThat(scheduler().nextFireTimes("rate", 3))
                .containsExactly(START, START.plusSeconds(30), START.plusSeconds(60));
    }

    @Test
    void rescheduleComputesTheNextFireFromNow() {
        RecordingJob job = new RecordingJob();
        scheduler().register(JobDefinition.of("moved", Schedule.at(START.plus(Duration.ofDays(1)))), job);
        clock.advance(Duration.ofMinutes(1));

        scheduler().reschedule("moved", Schedule.fixedRate(Duration.ofMinutes(10)));
        manual.runUntil(START.plus(Duration.ofMinutes(12)));

        assertThat(job.scheduledTimes()).containsExactly(START.plus(Duration.ofMinutes(1)), START.plus(Duration.ofMinutes(11)));
        assertThat(scheduler().job("moved").map(JobInfo::schedule)).contains("fixedRate PT10M");
    }

    @Test
    void oneHundredThousandJobsEachFireOnce() {
        AtomicInteger runs = new AtomicInteger();
        manual = ManualScheduler.create(JobScheduler.builder().clock(clock).threads(2));
        IntStream.range(0, 100_000).forEach(i -> manual.scheduler().register(
                JobDefinition.of("job-" + i, Schedule.at(START.plusMillis(i % 1000))), ctx -> runs.incrementAndGet()));

        manual.advance(Duration.ofSeconds(1));

        assertThat(runs.get()).isEqualTo(100_000);
        assertThat(manual.scheduler().history("job-99999", 5)).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
    }
}
