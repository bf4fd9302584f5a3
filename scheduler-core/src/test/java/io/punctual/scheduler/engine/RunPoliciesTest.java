package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.NoSuchJobException;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunPoliciesTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final MutableClock clock = MutableClock.at(START);
    private final ManualScheduler manual = ManualScheduler.create(
            JobScheduler.builder().clock(clock).nodeId("n1").random(new SplittableRandom(7)));
    private final JobScheduler scheduler = manual.scheduler();

    @AfterEach
    void close() {
        manual.close();
    }

    private List<ExecutionRecord> history(String id) {
        return scheduler.history(id, 100);
    }

    @Test
    void failedAttemptsAreRetriedWithDoublingBackoffEachInItsOwnHistoryRow() {
        RecordingJob job = new RecordingJob().failingFirst(2);
        scheduler.register(JobDefinition.of("flaky", Schedule.at(START)).withPolicy(
                JobPolicy.defaults().withRetries(3).withRetryBackoff(Duration.ofSeconds(10))), job);

        manual.runDue();
        manual.runUntil(START.plus(Duration.ofMinutes(5)));

        assertThat(job.runs).extracting(RecordingJob.Run::attempt).containsExactly(1, 2, 3);
        assertThat(job.runs).extracting(RecordingJob.Run::scheduledTime).containsOnly(START);
        Duration firstWait = Duration.between(job.runs.get(0).fireTime(), job.runs.get(1).fireTime());
        Duration secondWait = Duration.between(job.runs.get(1).fireTime(), job.runs.get(2).fireTime());
        assertThat(firstWait).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
        assertThat(secondWait).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(22));
        assertThat(history("flaky")).extracting(ExecutionRecord::outcome, ExecutionRecord::attempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS, 3),
                        org.assertj.core.groups.Tuple.tuple(Outcome.FAILURE, 2),
                        org.assertj.core.groups.Tuple.tuple(Outcome.FAILURE, 1));
        assertThat(history("flaky").get(2).error()).isEqualTo("java.lang.IllegalStateException: boom 1");
    }

    /** The job's exception is the job's code: one whose message cannot be read still ends the run, as a failure. */
    @Test
    void aRunWhoseExceptionCannotGiveItsMessageIsRecordedAsAFailure() {
        scheduler.register(JobDefinition.of("odd", Schedule.fixedRate(Duration.ofMinutes(1))), ctx -> {
            throw new IllegalStateException() {
                @Override
                public String getMessage() {
                    throw new UnsupportedOperationException("no message");
                }
            };
        });

        manual.runDue();

        assertThat(history("odd")).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAILURE));
        assertThat(scheduler.job("odd").orElseThrow().running()).isZero();
    }

    @Test
    void retriesStopWhenAttemptsRunOut() {
        RecordingJob job = new RecordingJob().failingFirst(10);
        scheduler.register(JobDefinition.of("doomed", Schedule.at(START)).withPolicy(
                JobPolicy.defaults().withRetries(2).withRetryBackoff(Duration.ofSeconds(1))), job);

        manual.runUntil(START.plus(Duration.ofMinutes(5)));

        assertThat(job.runs).hasSize(3);
        assertThat(scheduler.job("doomed").orElseThrow().consecutiveFailures()).isEqualTo(3);
    }

    @Test
    void runPastItsTimeoutIsInterruptedAndRecordedAsTimeout() throws Exception {
        BlockingJob job = new BlockingJob();
        scheduler.register(JobDefinition.of("slow", Schedule.at(START)).withPolicy(
                JobPolicy.defaults().withTimeout(Duration.ofSeconds(30))), job);

        manual.tick();
        job.awaitStarted();
        clock.advance(Duration.ofSeconds(29));
        manual.tick();
        assertThat(history("slow")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        manual.tick();
        manual.awaitIdle();

        assertThat(job.sawStopRequest).isTrue();
        assertThat(history("slow")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(r.durationMs()).isEqualTo(30_000L);
        });
    }

    @Test
    void timeoutIsAFailureThatIsRetried() throws Exception {
        BlockingJob job = new BlockingJob();
        scheduler.register(JobDefinition.of("slow", Schedule.at(START)).withPolicy(
                JobPolicy.defaults().withTimeout(Duration.ofSeconds(5)).withRetries(1).withRetryBackoff(Duration.ofSeconds(1))), job);
        manual.tick();
        job.awaitStarted();
        clock.advance(Duration.ofSeconds(5));
        manual.tick();
        manual.awaitIdle();
        job.release.countDown();

        manual.advance(Duration.ofSeconds(2));

        assertThat(history("slow")).extracting(ExecutionRecord::outcome).containsExactly(Outcome.SUCCESS, Outcome.TIMEOUT);
    }

    @Test
    void fireThatWouldExceedMaxInstancesIsSkippedNotQueued() throws Exception {
        BlockingJob job = new BlockingJob();
        scheduler.register(JobDefinition.of("busy", Schedule.fixedRate(Duration.ofSeconds(10))), job);
        manual.tick();
        job.awaitStarted();

        clock.advance(Duration.ofSeconds(10));
        manual.tick();
        clock.advance(Duration.ofSeconds(10));
        manual.tick();
        job.release.countDown();
        manual.awaitIdle();

        assertThat(job.runs).hasValue(1);
        // consecutive skips are one summary row, not one row per fire
        assertThat(history("busy")).extracting(ExecutionRecord::outcome, ExecutionRecord::count, ExecutionRecord::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS, 1L, null),
                        org.assertj.core.groups.Tuple.tuple(Outcome.SKIPPED, 2L,
                                "max-instances; 2 fires due 2026-05-04T08:00:10Z to 2026-05-04T08:00:20Z"));
    }

    @Test
    void triggerRunsTheJobOnceOutsideItsSchedule() {
        RecordingJob job = new RecordingJob();
        scheduler.register(JobDefinition.of("daily", Schedule.at(START.plus(Duration.ofDays(1)))), job);
        clock.advance(Duration.ofHours(3));

        scheduler.trigger("daily");
        manual.runDue();

        assertThat(job.scheduledTimes()).containsExactly(START.plus(Duration.ofHours(3)));
        assertThat(scheduler.job("daily").orElseThrow().nextFireTime()).isEqualTo(START.plus(Duration.ofDays(1)));
    }

    @Test
    void aTriggersNoteIsWrittenToTheHistoryRowOfEachOfItsAttempts() {
        RecordingJob job = new RecordingJob().failingFirst(1);
        scheduler.register(JobDefinition.of("daily", Schedule.at(START.plus(Duration.ofDays(1))))
                .withPolicy(JobPolicy.defaults().withRetries(1).withRetryBackoff(Duration.ofSeconds(1))), job);

        scheduler.trigger("daily", "triggered by alice");
        manual.runDue();
        manual.runUntil(START.plusSeconds(30));

        assertThat(history("daily")).extracting(ExecutionRecord::outcome, ExecutionRecord::attempt, ExecutionRecord::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS, 2, "triggered by alice"),
                        org.assertj.core.groups.Tuple.tuple(Outcome.FAILURE, 1, "triggered by alice"));
    }

    @Test
    void aTriggersNoteOfMoreThanAThousandCharactersIsRefusedNamingTheJobAndTheLimit() {
        RecordingJob job = new RecordingJob();
        scheduler.register(JobDefinition.of("daily", Schedule.at(START.plus(Duration.ofDays(1)))), job);

        assertThatThrownBy(() -> scheduler.trigger("daily", "x".repeat(1001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Job 'daily': a trigger's note has 1001 characters; at most 1000 are allowed");
        scheduler.trigger("daily", "x".repeat(1000));
        manual.runDue();

        assertThat(history("daily")).extracting(ExecutionRecord::detail).containsExactly("x".repeat(1000));
    }

    @Test
    void triggerOfAnUnknownJobSaysWhichId() {
        assertThatThrownBy(() -> scheduler.trigger("nope")).isInstanceOf(NoSuchJobException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> scheduler.pause("nope")).isInstanceOf(NoSuchJobException.class);
        assertThatThrownBy(() -> scheduler.history("nope", 1)).isInstanceOf(NoSuchJobException.class);
    }

    @Test
    void jobThrowingAnErrorIsRecordedAndTheSchedulerGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        scheduler.register(JobDefinition.of("bad", Schedule.fixedRate(Duration.ofSeconds(1))), ctx -> {
            calls.incrementAndGet();
            throw new StackOverflowError("deep");
        });
        RecordingJob good = new RecordingJob();
        scheduler.register(JobDefinition.of("good", Schedule.fixedRate(Duration.ofSeconds(1))), good);

        manual.runUntil(START.plusSeconds(4));

        assertThat(calls).hasValue(5);
        assertThat(good.runs).hasSize(5);
        assertThat(history("bad")).extracting(ExecutionRecord::outcome).containsOnly(Outcome.FAILURE);
        assertThat(history("bad").get(0).error()).isEqualTo("java.lang.StackOverflowError: deep");
    }

    @Test
    void jobContextCarriesTheRunsIdentity() {
        RecordingJob job = new RecordingJob();
        scheduler.register(JobDefinition.of("ctx", Schedule.at(START.plusSeconds(3))), job);

        manual.advance(Duration.ofSeconds(4));

        RecordingJob.Run run = job.runs.get(0);
        assertThat(run.scheduledTime()).isEqualTo(START.plusSeconds(3));
        assertThat(run.fireTime()).isEqualTo(START.plusSeconds(4));
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(history("ctx").get(0).executionId()).isEqualTo(run.executionId());
        assertThat(history("ctx").get(0).node()).isEqualTo("n1");
    }

    @Test
    void dynamicJobRunsItsHandlerWithThePayload() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ManualScheduler dyn = ManualScheduler.create(JobScheduler.builder().clock(clock)
                .handler("mail", String.class, (ctx, to) -> seen.add(to)))) {
            String id = dyn.scheduler().schedule("mail", Schedule.at(START.plusSeconds(60)), "ada@example.com");

            dyn.advance(Duration.ofSeconds(60));

            assertThat(seen).containsExactly("ada@example.com");
            assertThat(id).startsWith("mail-");
            assertThat(dyn.scheduler().job(id).orElseThrow().definition().handler()).isEqualTo("mail");
            assertThat(dyn.scheduler().cancel(id)).isTrue();
            assertThat(dyn.scheduler().job(id)).isEmpty();
        }
    }

    @Test
    void dynamicJobWithUnknownHandlerIsRefusedWithItsName() {
        assertThatThrownBy(() -> scheduler.schedule("nobody", Schedule.at(START), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nobody'");
    }

    @Test
    void payloadThatNoLongerDecodesIsRecordedAsAFailureAndTheJobIsKept() {
        try (ManualScheduler dyn = ManualScheduler.create(JobScheduler.builder().clock(clock)
                .handler("count", Integer.class, (ctx, n) -> { }))) {
            dyn.scheduler().schedule("bad-payload", "count", Schedule.fixedRate(Duration.ofMinutes(1)), "42", JobPolicy.defaults());
            // the default codec cannot produce an Integer: like a payload whose class changed since it was stored
            dyn.runDue();

            assertThat(dyn.scheduler().history("bad-payload", 5)).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.FAILURE);
                assertThat(r.error()).contains("payload no longer decodes");
            });
            assertThat(dyn.scheduler().job("bad-payload")).isPresent();
        }
    }
}
