package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lines a new user reads at start-up and shutdown say what Punctual decided and why. */
@ExtendWith(OutputCaptureExtension.class)
class StartupAndShutdownLogTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
            .withUserConfiguration(Jobs.class);

    @Test
    void withoutADataSourceTheLogSaysTheStoreIsMemoryAndWhatToAdd(CapturedOutput output) {
        runner.run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("Punctual store: memory (no DataSource; add a JDBC driver (and spring.datasource.url) "
                + "to keep jobs, pauses and history across restarts)");
    }

    @Test
    void withStoreMemoryTheLogSaysSoAndThatNothingSurvivesARestart(CapturedOutput output) {
        runner.withPropertyValues("punctual.store=memory").run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("Punctual store: memory (punctual.store=memory; jobs, pauses and history are lost on restart)");
    }

    @Test
    void withJpaAndADataSourceTheLogSaysTheStoreIsJpa(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
                .withUserConfiguration(Jobs.class)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:storechoice;DB_CLOSE_DELAY=-1")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("Punctual store: jpa, in the application's database (punctual.store=auto, "
                + "a DataSource and JPA are present)");
    }

    @Test
    void aPropertyOfAnotherScheduleKindReplacingTheAnnotationsIsAWarning(CapturedOutput output) {
        runner.withPropertyValues("punctual.jobs.jobs.nightly.fixed-rate=5s").run(context -> {
            assertThat(context.getBean(JobScheduler.class).job("jobs.nightly").orElseThrow().schedule()).isEqualTo("fixedRate PT5S");
        });
        assertThat(output).containsPattern("WARN .*Job 'jobs.nightly': property punctual.jobs.jobs.nightly.fixed-rate=5s "
                + "replaces @ScheduledJob\\(cron = \"0 0 2 \\* \\* \\*\"\\)");
    }

    @Test
    void aPropertyOfTheSameScheduleKindIsAnOrdinaryOverrideWithoutWarning(CapturedOutput output) {
        runner.withPropertyValues("punctual.jobs.jobs.nightly.cron=0 0 3 * * *").run(context -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("replaces @ScheduledJob");
    }

    @Test
    void aOneTimeJobWhoseAtHasPassedIsAWarningSayingItFiresNow(CapturedOutput output) {
        runner.withPropertyValues("punctual.jobs.jobs.nightly.at=2020-01-01T00:00:00Z").run(context -> assertThat(context).hasNotFailed());
        assertThat(output).containsPattern("WARN .*Job 'jobs.nightly': at 2020-01-01T00:00:00Z is in the past \\(now .*\\); it fires once now");
    }

    @Test
    void aPastAtWithMisfireSkipSaysItWillNotRun(CapturedOutput output) {
        runner.withPropertyValues("punctual.jobs.jobs.nightly.at=2020-01-01T00:00:00Z", "punctual.jobs.jobs.nightly.misfire=skip")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("it will not run: it is recorded as misfired (misfire=skip, later than misfire-grace=PT1M)");
    }

    @Test
    void aJobWhoseEndAtHasPassedIsAWarningNamingTheJobAndTheEnd(CapturedOutput output) {
        runner.withPropertyValues("punctual.jobs.jobs.nightly.end-at=2020-01-01T00:00:00Z").run(context -> {
            assertThat(context.getBean(JobScheduler.class).job("jobs.nightly").orElseThrow().state().word()).isEqualTo("completed");
        });
        assertThat(output).containsPattern("WARN .*Job 'jobs.nightly': end-at 2020-01-01T00:00:00Z is in the past \\(now .*\\); "
                + "its schedule fires no more, so it is completed \\(move or remove endAt, or the property "
                + "punctual.jobs.jobs.nightly.end-at, to let it fire\\)");
    }

    @Test
    void anEndAtStillAheadOrOnADisabledJobIsNoWarning(CapturedOutput output) {
        runner.withPropertyValues("punctual.jobs.jobs.nightly.end-at=2999-01-01T00:00:00Z").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("punctual.jobs.jobs.nightly.end-at=2020-01-01T00:00:00Z", "punctual.jobs.jobs.nightly.enabled=false")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("Job 'jobs.nightly': end-at");
    }

    @Test
    void closingTheContextLogsPunctualStoppedWithTheRunsItInterrupted(CapturedOutput output) {
        runner.withUserConfiguration(Stuck.class).withPropertyValues("punctual.shutdown.await=100ms").run(context -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            scheduler.trigger("stuck");
            await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.info().runningOnThisNode() == 1);
        });
        assertThat(output).containsPattern("Punctual stopped on node '.*'; 1 run\\(s\\) were in flight, 1 interrupted and "
                + "recorded as interrupted: \\[stuck]");
    }

    @Test
    void closingAnIdleContextLogsPunctualStopped(CapturedOutput output) {
        runner.run(context -> assertThat(context).hasNotFailed());
        assertThat(output).containsPattern("Punctual stopped on node '.*'; no run was in flight");
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        @Bean
        Nightly jobs() {
            return new Nightly();
        }
    }

    static class Nightly {
        @ScheduledJob(cron = "0 0 2 * * *")
        void nightly() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Stuck {
        @Bean
        StuckJob stuckJob() {
            return new StuckJob();
        }
    }

    static class StuckJob {
        @ScheduledJob(id = "stuck", cron = "0 0 0 1 1 *")
        void run() throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }
}
