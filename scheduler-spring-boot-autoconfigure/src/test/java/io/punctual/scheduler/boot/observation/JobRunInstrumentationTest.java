package io.punctual.scheduler.boot.observation;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.Job;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JobRunInstrumentationTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final JobRunInstrumentation instrumentation = new JobRunInstrumentation(registry, null);
    private final MutableClock clock = MutableClock.at(START);
    private final ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock)
            .threads(1).shutdownAwait(Duration.ZERO));
    private final JobScheduler scheduler = manual.scheduler();
    private volatile boolean shuttingDown;

    @AfterEach
    void close() {
        manual.close();
    }

    @Test
    void aRunIsOneObservationNamedPunctualJobRunWithTheJobIdOutcomeExecutionIdAndAttempt() {
        register("report", context -> { });

        manual.runDue();

        ExecutionRecord run = scheduler.history("report", 1).get(0);
        assertThat(registry).hasNumberOfObservationsEqualTo(1).hasSingleObservationThat()
                .hasNameEqualTo("punctual.job.run").hasContextualNameEqualTo("job report").hasBeenStopped()
                .hasLowCardinalityKeyValue("job.id", "report").hasLowCardinalityKeyValue("outcome", "success")
                .hasHighCardinalityKeyValue("execution.id", run.executionId()).hasHighCardinalityKeyValue("attempt", "1")
                .doesNotHaveHighCardinalityKeyValueWithKey("dynamic.job.id").doesNotHaveError();
    }

    @Test
    void aFailingRunIsObservedWithItsErrorAndOutcomeFailureAndEachRetryWithItsAttempt() {
        scheduler.register(JobDefinition.of("flaky", Schedule.at(START)).withPolicy(JobPolicy.defaults().withRetries(1)
                .withRetryBackoff(Duration.ofSeconds(1))), instrumentation.observe(context -> {
                    throw new IllegalStateException("boom");
                }, () -> shuttingDown));

        manual.runDue();
        manual.advance(Duration.ofSeconds(5));

        assertThat(registry).hasNumberOfObservationsEqualTo(2)
                .hasAnObservation(o -> o.hasHighCardinalityKeyValue("attempt", "1").hasLowCardinalityKeyValue("outcome", "failure")
                        .assertThatError().isInstanceOf(IllegalStateException.class).hasMessage("boom"))
                .hasAnObservation(o -> o.hasHighCardinalityKeyValue("attempt", "2").hasLowCardinalityKeyValue("outcome", "failure"));
        assertThat(scheduler.history("flaky", 5)).extracting(r -> r.outcome().word()).containsOnly("failure");
    }

    @Test
    void aRunStoppedByItsTimeoutIsObservedWithOutcomeTimeout() {
        CountDownLatch started = new CountDownLatch(1);
        scheduler.register(JobDefinition.of("slow", Schedule.at(START)).withPolicy(JobPolicy.defaults()
                .withTimeout(Duration.ofSeconds(30))), instrumentation.observe(context -> {
                    started.countDown();
                    new CountDownLatch(1).await();
                }, () -> shuttingDown));

        manual.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);
        clock.advance(Duration.ofSeconds(30));
        manual.tick();
        manual.awaitIdle();

        assertThat(registry).hasSingleObservationThat().hasLowCardinalityKeyValue("outcome", "timeout")
                .assertThatError().isInstanceOf(InterruptedException.class);
        assertThat(scheduler.history("slow", 1).get(0).outcome().word()).isEqualTo("timeout");
    }

    @Test
    void aRunStoppedByShutdownIsObservedWithOutcomeInterrupted() {
        CountDownLatch started = new CountDownLatch(1);
        register("long", context -> {
            started.countDown();
            new CountDownLatch(1).await();
        });

        manual.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);
        shuttingDown = true;
        manual.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry).hasSingleObservationThat()
                .hasBeenStopped().hasLowCardinalityKeyValue("outcome", "interrupted"));
    }

    @Test
    void aDynamicJobIsObservedUnderItsHandlerNameWithItsOwnIdAsAHighCardinalityKey() {
        scheduler.registerHandler("mail", String.class, instrumentation.observe("mail", (context, to) -> { }, () -> shuttingDown));

        String id = scheduler.schedule("mail", Schedule.at(START), "ada@example.com");
        manual.runDue();

        assertThat(registry).hasSingleObservationThat().hasContextualNameEqualTo("job mail")
                .hasLowCardinalityKeyValue("job.id", "mail").hasHighCardinalityKeyValue("dynamic.job.id", id);
    }

    @Test
    void logsWrittenDuringARunCarryTheJobExecutionAndAttemptInTheMdc() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.punctual.test.JobWork");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            register("report", context -> logger.info("writing the report"));

            manual.runDue();
        } finally {
            logger.detachAppender(appender);
        }

        ExecutionRecord run = scheduler.history("report", 1).get(0);
        assertThat(appender.list).singleElement().extracting(ILoggingEvent::getMDCPropertyMap)
                .isEqualTo(Map.of("punctual.job", "report", "punctual.execution", run.executionId(), "punctual.attempt", "1"));
    }

    @Test
    void theMdcIsClearedAfterTheRunOnTheWorkerThread() {
        AtomicReference<String> afterwards = new AtomicReference<>("unset");
        register("report", context -> { });
        manual.runDue();
        Job probe = context -> afterwards.set(MDC.get("punctual.job"));

        scheduler.register(JobDefinition.of("probe", Schedule.at(START)), probe);
        manual.runDue();

        assertThat(afterwards).hasNullValue();
    }

    @Test
    void aCustomConventionNamesAndTagsTheObservation() {
        JobRunObservationConvention custom = new DefaultJobRunObservationConvention() {
            @Override
            public String getName() {
                return "billing.job";
            }

            @Override
            public KeyValues getLowCardinalityKeyValues(JobRunObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("team", "billing");
            }
        };
        JobRunInstrumentation customized = new JobRunInstrumentation(registry, custom);
        scheduler.register(JobDefinition.of("invoices", Schedule.at(START)), customized.observe(context -> { }, () -> false));

        manual.runDue();

        assertThat(registry).hasSingleObservationThat().hasNameEqualTo("billing.job")
                .hasLowCardinalityKeyValue("team", "billing").hasLowCardinalityKeyValue("job.id", "invoices");
    }

    private void register(String id, Job job) {
        scheduler.register(JobDefinition.of(id, Schedule.at(START)), instrumentation.observe(job, () -> shuttingDown));
    }
}
