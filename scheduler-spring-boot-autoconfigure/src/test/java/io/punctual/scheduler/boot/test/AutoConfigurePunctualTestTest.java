package io.punctual.scheduler.boot.test;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobContext;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A @SpringBootTest with @AutoConfigurePunctualTest drives the application's real jobs on a manual clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"punctual.test.clock=2026-01-05T05:59:00Z", "punctual.store=memory"})
@AutoConfigurePunctualTest
class AutoConfigurePunctualTestTest {

    @Autowired
    ManualScheduler manual;

    @Autowired
    JobScheduler scheduler;

    @Autowired
    Clock clock;

    @Autowired
    Reports reports;

    @Test
    void theSchedulerAndTheClockAreTheManualOnesStartingAtTheConfiguredInstant() {
        // with observations on, the bean is the same scheduler behind a proxy that links runs to their scheduling trace
        Object target = org.springframework.aop.framework.AopProxyUtils.getSingletonTarget(scheduler);
        assertThat(target != null ? target : scheduler).isSameAs(manual.scheduler());
        assertThat(clock).isSameAs(manual.clock()).isInstanceOf(MutableClock.class);
        assertThat(scheduler.job("reports.daily")).isPresent();
    }

    @Test
    void runUntilRunsEachDueFireOfTheApplicationsJobWithoutWaiting() {
        manual.runUntil(Instant.parse("2026-01-07T12:00:00Z"));

        assertThat(reports.runs).containsExactly(Instant.parse("2026-01-05T06:00:00Z"),
                Instant.parse("2026-01-06T06:00:00Z"), Instant.parse("2026-01-07T06:00:00Z"));
        assertThat(scheduler.history("reports.daily", 10)).extracting(ExecutionRecord::outcome)
                .containsOnly(Outcome.SUCCESS).hasSize(3);
        manual.advance(Duration.ofDays(1));
        assertThat(reports.runs).hasSize(4);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Reports reports() {
            return new Reports();
        }
    }

    static class Reports {
        final List<Instant> runs = new CopyOnWriteArrayList<>();

        @ScheduledJob(cron = "0 0 7 * * *", zone = "Europe/Berlin")
        void daily(JobContext context) {
            runs.add(context.scheduledTime());
        }
    }
}
