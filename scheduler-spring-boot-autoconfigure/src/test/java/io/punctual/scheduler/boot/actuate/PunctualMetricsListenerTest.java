package io.punctual.scheduler.boot.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.punctual.scheduler.JobAttributes;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.MisfirePolicy;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.event.JobFinishedEvent;
import io.punctual.scheduler.event.JobStartedEvent;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PunctualMetricsListenerTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.at(START);
    private final ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).nodeId("n1")
            .listener(new PunctualMetricsListener(registry)));
    private final JobScheduler scheduler = manual.scheduler();

    @AfterEach
    void close() {
        manual.close();
    }

    @Test
    void runsAreTimedByJobAndOutcome() {
        scheduler.register(JobDefinition.of("ok", Schedule.fixedRate(TEN_SECONDS)), context -> { });
        scheduler.register(JobDefinition.of("bad", Schedule.fixedRate(TEN_SECONDS)), context -> {
            throw new IllegalStateException("boom");
        });

        manual.runUntil(START.plusSeconds(20));

        assertThat(execution("ok", "success").count()).isEqualTo(3);
        assertThat(execution("bad", "failure").count()).isEqualTo(3);
        assertThat(registry.find("punctual.job.execution").tags("job.id", "bad", "outcome", "success").timer()).isNull();
        assertThat(registry.find("punctual.job.execution").timers()).hasSize(2);
    }

    @Test
    void lastSuccessIsTheEpochSecondOfTheLastSuccessfulRun() {
        scheduler.register(JobDefinition.of("ok", Schedule.fixedRate(TEN_SECONDS)), context -> { });
        scheduler.register(JobDefinition.of("bad", Schedule.fixedRate(TEN_SECONDS)), context -> {
            throw new IllegalStateException("boom");
        });

        manual.runUntil(START.plusSeconds(20));

        assertThat(gauge("punctual.job.last.success", "ok").value()).isEqualTo(START.plusSeconds(20).getEpochSecond());
        assertThat(gauge("punctual.job.last.success", "ok").getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(registry.find("punctual.job.last.success").tag("job.id", "bad").gauge()).isNull();
    }

    @Test
    void latenessIsTheStartMinusTheDueTimeOfEachRun() {
        scheduler.register(JobDefinition.of("ok", Schedule.fixedRate(TEN_SECONDS)), context -> { });

        manual.runDue();                          // on time at START
        manual.advance(Duration.ofSeconds(35));   // due at +10, +20, +30: coalesced into one run of +30, 5 s late

        Timer lateness = registry.get("punctual.job.lateness").tag("job.id", "ok").timer();
        assertThat(lateness.count()).isEqualTo(2);
        assertThat(lateness.totalTime(TimeUnit.SECONDS)).isEqualTo(5.0);
        assertThat(lateness.max(TimeUnit.SECONDS)).isEqualTo(5.0);
        assertThat(execution("ok", "success").count()).isEqualTo(2);
    }

    @Test
    void misfiresAreCountedByTheFiresTheyStandFor() {
        scheduler.register(JobDefinition.of("strict", Schedule.fixedRate(TEN_SECONDS)).withPolicy(JobPolicy.defaults()
                .withMisfire(MisfirePolicy.SKIP).withMisfireGrace(Duration.ofSeconds(1))), context -> { });

        manual.runDue();
        manual.advance(Duration.ofSeconds(35));   // due at +10, +20, +30: all later than the 1 s grace

        assertThat(registry.get("punctual.job.misfires").tag("job.id", "strict").counter().count()).isEqualTo(3.0);
        assertThat(execution("strict", "success").count()).isEqualTo(1);
    }

    @Test
    void fireBeyondMaxInstancesIsCountedAsSkippedWhileTheActiveGaugeShowsTheRunInFlight() {
        Latch job = new Latch();
        scheduler.register(JobDefinition.of("blocker", Schedule.fixedRate(TEN_SECONDS)), job);

        manual.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> active("blocker") == 1.0);
        clock.advance(TEN_SECONDS);
        manual.tick();

        Counter skipped = registry.get("punctual.job.skipped").tags("job.id", "blocker", "reason", "max-instances").counter();
        assertThat(skipped.count()).isEqualTo(1.0);
        assertThat(active("blocker")).isEqualTo(1.0);

        job.release.countDown();
        manual.awaitIdle();

        assertThat(active("blocker")).isZero();
        assertThat(execution("blocker", "success").count()).isEqualTo(1);
        assertThat(execution("blocker", "success").totalTime(TimeUnit.SECONDS)).isEqualTo(10.0);
    }

    @Test
    void runPastItsTimeoutIsTimedWithOutcomeTimeout() {
        scheduler.register(JobDefinition.of("slow", Schedule.at(START))
                .withPolicy(JobPolicy.defaults().withTimeout(Duration.ofSeconds(30))), new Latch());

        manual.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> active("slow") == 1.0);
        clock.advance(Duration.ofSeconds(30));
        manual.tick();
        manual.awaitIdle();

        assertThat(execution("slow", "timeout").count()).isEqualTo(1);
        assertThat(execution("slow", "timeout").totalTime(TimeUnit.SECONDS)).isEqualTo(30.0);
        assertThat(active("slow")).isZero();
    }

    @Test
    void lostRunIsTimedWithOutcomeLostAndLeavesTheActiveGauge() {
        PunctualMetricsListener listener = new PunctualMetricsListener(registry);
        listener.jobStarted(new JobStartedEvent("nightly", "e1", START, START, START, 1));
        assertThat(active("nightly")).isEqualTo(1.0);

        listener.jobFailed(new JobFinishedEvent("nightly", "e1", START, START, START.plusSeconds(90), 1, Outcome.LOST, null));

        assertThat(execution("nightly", "lost").count()).isEqualTo(1);
        assertThat(execution("nightly", "lost").totalTime(TimeUnit.SECONDS)).isEqualTo(90.0);
        assertThat(active("nightly")).isZero();
        assertThat(registry.find("punctual.job.last.success").tag("job.id", "nightly").gauge()).isNull();
    }

    @Test
    void lostRunOfAnotherNodeWithoutAKnownEndIsCountedWithZeroDuration() {
        PunctualMetricsListener listener = new PunctualMetricsListener(registry);

        listener.jobFailed(new JobFinishedEvent("nightly", "e7", START, START, null, 2, Outcome.LOST, null));

        assertThat(execution("nightly", "lost").count()).isEqualTo(1);
        assertThat(execution("nightly", "lost").totalTime(TimeUnit.SECONDS)).isZero();
    }

    @Test
    void jobsAreGaugedByState() {
        new JobStateMeterBinder(scheduler).bindTo(registry);
        scheduler.register(JobDefinition.of("a", Schedule.fixedRate(TEN_SECONDS)), context -> { });
        scheduler.register(JobDefinition.of("b", Schedule.fixedRate(TEN_SECONDS)), context -> { });
        scheduler.register(JobDefinition.of("once", Schedule.at(START)), context -> { });
        scheduler.register(JobAttributes.toDefinition("off", Map.of("fixedRate", "10s", "enabled", "false"),
                ZoneOffset.UTC), context -> { });
        manual.runDue();
        scheduler.pause("b");

        assertThat(registry.find("punctual.jobs").gauges()).hasSize(6);
        assertThat(jobs("scheduled")).isEqualTo(1.0);
        assertThat(jobs("paused")).isEqualTo(1.0);
        assertThat(jobs("completed")).isEqualTo(1.0);
        assertThat(jobs("disabled")).isEqualTo(1.0);
        assertThat(jobs("orphaned")).isZero();
        assertThat(jobs("unreadable")).isZero();
    }

    @Test
    void dynamicJobsAreTaggedWithTheirHandlerSoThatMetersStayFew() {
        MeterRegistry tagged = new SimpleMeterRegistry();
        java.util.concurrent.atomic.AtomicReference<JobScheduler> built = new java.util.concurrent.atomic.AtomicReference<>();
        try (ManualScheduler dynamic = ManualScheduler.create(JobScheduler.builder().clock(clock)
                .handler("mail", String.class, (ctx, to) -> { })
                .listener(new PunctualMetricsListener(tagged, new JobTags(built::get))))) {
            built.set(dynamic.scheduler());
            for (int i = 0; i < 3; i++) {
                dynamic.scheduler().schedule("mail", Schedule.at(START), "user" + i + "@example.com");
            }
            dynamic.scheduler().register(JobDefinition.of("static", Schedule.at(START)), ctx -> { });
            dynamic.runDue();
        }

        assertThat(tagged.find("punctual.job.execution").timers())
                .extracting(t -> t.getId().getTag("job.id"), t -> t.count())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("mail", 3L),
                        org.assertj.core.groups.Tuple.tuple("static", 1L));
    }

    @Test
    void aScrapeOfTheStateGaugesListsTheJobsOnce() {
        java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();
        JobScheduler counting = (JobScheduler) java.lang.reflect.Proxy.newProxyInstance(JobScheduler.class.getClassLoader(),
                new Class<?>[] {JobScheduler.class}, (proxy, method, args) -> {
                    if (method.getName().equals("jobs")) {
                        listings.incrementAndGet();
                    }
                    return method.invoke(scheduler, args);
                });
        new JobStateMeterBinder(counting).bindTo(registry);

        registry.find("punctual.jobs").gauges().forEach(Gauge::value);

        assertThat(listings).hasValue(1);
    }

    private Timer execution(String job, String outcome) {
        return registry.get("punctual.job.execution").tags("job.id", job, "outcome", outcome).timer();
    }

    private Gauge gauge(String name, String job) {
        return registry.get(name).tag("job.id", job).gauge();
    }

    private double active(String job) {
        Gauge gauge = registry.find("punctual.job.active").tag("job.id", job).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private double jobs(String state) {
        return registry.get("punctual.jobs").tag("state", state).gauge().value();
    }
}
